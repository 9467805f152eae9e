"""Linear regression in closed form: ordinary least squares and ridge."""

import numpy as np


def fit(X: np.ndarray, y: np.ndarray, l2: float = 0.0) -> tuple[np.ndarray, float]:
    """Weights (d,) and intercept minimising mean squared error + l2 * ||w||^2 (intercept not penalised).

    X: (n, d), y: (n,). For l2 = 0 and collinear columns, return the minimum-norm weights.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean  # centring removes the intercept from the penalised problem
    if l2 > 0:
        n, d = X.shape
        w = np.linalg.solve(Xc.T @ Xc + n * l2 * np.eye(d), Xc.T @ yc)
    else:
        w = np.linalg.lstsq(Xc, yc, rcond=None)[0]  # SVD: minimum-norm solution when X is rank deficient
    return w, float(y_mean - x_mean @ w)


def predict(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """Predictions (n,) for X (n, d)."""
    return np.asarray(X, dtype=float) @ w + b
