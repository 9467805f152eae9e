"""Binary log loss from probabilities (clipped) and from logits (stable)."""

from __future__ import annotations

import numpy as np


def log_loss(y_true: np.ndarray, probs: np.ndarray, eps: float = 1e-15) -> float:
    """Mean binary cross-entropy with probabilities clipped to [eps, 1 - eps]."""
    raise NotImplementedError


def log_loss_from_logits(y_true: np.ndarray, logits: np.ndarray) -> float:
    """Mean binary cross-entropy of sigmoid(logits), computed without forming probabilities."""
    raise NotImplementedError
