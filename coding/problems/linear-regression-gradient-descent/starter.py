"""Linear regression trained by full-batch gradient descent on the mean squared error."""

import numpy as np


def mse_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> tuple[np.ndarray, float]:
    """Gradient of mean((X @ w + b - y) ** 2): (grad_w of shape (d,), grad_b)."""
    raise NotImplementedError


def fit(
    X: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 1000, tol: float = 1e-10
) -> tuple[np.ndarray, float, list[float]]:
    """Gradient descent from zeros. Returns (w, b, losses before each update); raises ValueError on divergence."""
    raise NotImplementedError
