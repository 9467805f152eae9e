"""Inverted dropout: drop and rescale in training, identity at inference."""

import numpy as np


def dropout_forward(
    x: np.ndarray, p: float, training: bool, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray | None]:
    """(out, mask of applied scale factors) in training; (x, None) at inference. ValueError unless 0 <= p < 1."""
    if not 0.0 <= p < 1.0:
        raise ValueError(f"drop probability must be in [0, 1), got {p}")
    if not training:
        return x, None
    mask = (rng.random(np.shape(x)) >= p) / (1.0 - p)
    return x * mask, mask


def dropout_backward(dout: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Gradient with respect to the input of a training-mode forward pass."""
    return dout * mask
