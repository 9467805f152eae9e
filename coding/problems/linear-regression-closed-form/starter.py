"""Linear regression in closed form: ordinary least squares and ridge."""

import numpy as np


def fit(X: np.ndarray, y: np.ndarray, l2: float = 0.0) -> tuple[np.ndarray, float]:
    """Weights (d,) and intercept minimising mean squared error + l2 * ||w||^2 (intercept not penalised).

    X: (n, d), y: (n,). For l2 = 0 and collinear columns, return the minimum-norm weights.
    """
    raise NotImplementedError


def predict(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """Predictions (n,) for X (n, d)."""
    raise NotImplementedError
