"""Numerically stable softmax, log-softmax and cross-entropy from logits."""

import numpy as np


def log_softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """log(softmax(z)) along `axis`, computed without taking the log of a probability."""
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=axis, keepdims=True)  # the largest exponent becomes exp(0) = 1
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along `axis`; same shape as z."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> float:
    """Mean negative log-likelihood of integer labels y (n,) under softmax(logits) (n, K)."""
    n = len(y)
    return float(-log_softmax(logits, axis=1)[np.arange(n), y].mean())


def cross_entropy_grad(logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Gradient of cross_entropy with respect to the logits, shape (n, K)."""
    n = len(y)
    grad = softmax(logits, axis=1)
    grad[np.arange(n), y] -= 1.0
    return grad / n
