"""Inverted dropout: drop and rescale in training, identity at inference."""

import numpy as np


def dropout_forward(
    x: np.ndarray, p: float, training: bool, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray | None]:
    """(out, mask of applied scale factors) in training; (x, None) at inference. ValueError unless 0 <= p < 1."""
    raise NotImplementedError


def dropout_backward(dout: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Gradient with respect to the input of a training-mode forward pass."""
    raise NotImplementedError
