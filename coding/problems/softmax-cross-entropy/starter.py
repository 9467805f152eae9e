"""Numerically stable softmax, log-softmax and cross-entropy from logits."""

import numpy as np


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along `axis`; same shape as z."""
    raise NotImplementedError


def log_softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """log(softmax(z)) along `axis`, computed without taking the log of a probability."""
    raise NotImplementedError


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> float:
    """Mean negative log-likelihood of integer labels y (n,) under softmax(logits) (n, K)."""
    raise NotImplementedError


def cross_entropy_grad(logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Gradient of cross_entropy with respect to the logits, shape (n, K)."""
    raise NotImplementedError
