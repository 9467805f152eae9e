"""Gaussian naive Bayes with log-space posteriors."""

import numpy as np


def fit(X: np.ndarray, y: np.ndarray, var_smoothing: float = 1e-9) -> dict:
    """Model dict with classes (C,), priors (C,), means (C, d) and smoothed variances (C, d)."""
    raise NotImplementedError


def predict_log_proba(model: dict, X: np.ndarray) -> np.ndarray:
    """Normalised log posteriors (m, C)."""
    raise NotImplementedError


def predict(model: dict, X: np.ndarray) -> np.ndarray:
    """Most probable class label of each row (m,)."""
    raise NotImplementedError
