"""Binary log loss from probabilities (clipped) and from logits (stable)."""

from __future__ import annotations

import numpy as np


def _labels(y_true: np.ndarray, other: np.ndarray) -> np.ndarray:
    y = np.asarray(y_true, dtype=float)
    if y.size == 0:
        raise ValueError("log loss of an empty sample is undefined")
    if y.shape != other.shape:
        raise ValueError(f"y_true has shape {y.shape} but the predictions have {other.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1")
    return y


def log_loss(y_true: np.ndarray, probs: np.ndarray, eps: float = 1e-15) -> float:
    """Mean binary cross-entropy with probabilities clipped to [eps, 1 - eps]."""
    p = np.asarray(probs, dtype=float)
    y = _labels(y_true, p)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))


def log_loss_from_logits(y_true: np.ndarray, logits: np.ndarray) -> float:
    """Mean binary cross-entropy of sigmoid(logits), computed without forming probabilities."""
    z = np.asarray(logits, dtype=float)
    y = _labels(y_true, z)
    return float(np.mean(np.logaddexp(0.0, z) - y * z))
