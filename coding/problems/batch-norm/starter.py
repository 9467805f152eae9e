"""Batch normalisation over the batch axis of (N, D) activations: training, inference and backward."""

import numpy as np


def batchnorm_forward(
    x: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    state: dict[str, np.ndarray],
    training: bool,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> tuple[np.ndarray, tuple]:
    """(out (N, D), cache). Training uses batch statistics and updates state; inference uses the state."""
    raise NotImplementedError


def batchnorm_backward(dout: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dx (N, D), dgamma (D,), dbeta (D,)) for a training-mode forward pass."""
    raise NotImplementedError
