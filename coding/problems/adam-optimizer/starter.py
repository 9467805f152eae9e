"""Adam with bias correction and decoupled weight decay (AdamW)."""

from collections.abc import Callable

import numpy as np


def adam_step(
    param: np.ndarray,
    grad: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    weight_decay: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(new_param, new_m, new_v) for the 1-based step t; the inputs are not modified."""
    raise NotImplementedError


def minimise(grad_fn: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """x after `steps` Adam updates from x0 with zero moments."""
    raise NotImplementedError
