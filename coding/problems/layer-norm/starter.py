"""Layer normalisation over the last axis: forward and backward."""

import numpy as np


def layernorm_forward(
    x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> tuple[np.ndarray, tuple]:
    """(out, cache) for x (..., D), normalising each row over its D features."""
    raise NotImplementedError


def layernorm_backward(dout: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dx (..., D), dgamma (D,), dbeta (D,))."""
    raise NotImplementedError
