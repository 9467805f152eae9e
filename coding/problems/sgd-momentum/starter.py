"""SGD with momentum (PyTorch's formulation), optional Nesterov and weight decay."""

from collections.abc import Callable

import numpy as np


def sgd_momentum_step(
    param: np.ndarray,
    grad: np.ndarray,
    velocity: np.ndarray,
    lr: float,
    momentum: float = 0.9,
    weight_decay: float = 0.0,
    nesterov: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """(new_param, new_velocity); the inputs are not modified."""
    raise NotImplementedError


def minimise(
    grad_fn: Callable[[np.ndarray], np.ndarray],
    x0: np.ndarray,
    lr: float,
    momentum: float = 0.9,
    steps: int = 100,
    nesterov: bool = False,
) -> np.ndarray:
    """x after `steps` momentum updates from x0 with zero initial velocity."""
    raise NotImplementedError
