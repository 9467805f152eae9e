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
    if t < 1:
        raise ValueError(f"the step number t starts at 1, got {t}")
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    new_param = param - lr * (m_hat / (np.sqrt(v_hat) + eps) + weight_decay * param)
    return new_param, m, v


def minimise(grad_fn: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """x after `steps` Adam updates from x0 with zero moments."""
    x = np.array(x0, dtype=float)
    m, v = np.zeros_like(x), np.zeros_like(x)
    for t in range(1, steps + 1):
        x, m, v = adam_step(x, grad_fn(x), m, v, t, lr=lr)
    return x
