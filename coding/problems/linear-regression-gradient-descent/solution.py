"""Linear regression trained by full-batch gradient descent on the mean squared error."""

import numpy as np


def _residual(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return X @ w + b - y


def mse_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> tuple[np.ndarray, float]:
    """Gradient of mean((X @ w + b - y) ** 2): (grad_w of shape (d,), grad_b)."""
    r = _residual(X, y, w, b)
    n = len(y)
    return 2.0 / n * (X.T @ r), float(2.0 / n * r.sum())


def fit(
    X: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 1000, tol: float = 1e-10
) -> tuple[np.ndarray, float, list[float]]:
    """Gradient descent from zeros. Returns (w, b, losses before each update); raises ValueError on divergence."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses: list[float] = []
    for _ in range(epochs):
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below, not warned about
            r = _residual(X, y, w, b)
            loss = float(r @ r / n)
        if not np.isfinite(loss):
            raise ValueError(f"training diverged after {len(losses)} epochs: lower the learning rate {lr}")
        if losses and abs(losses[-1] - loss) < tol:
            losses.append(loss)
            break
        losses.append(loss)
        with np.errstate(over="ignore", invalid="ignore"):
            w = w - lr * (2.0 / n) * (X.T @ r)
            b = b - lr * (2.0 / n) * r.sum()
    return w, float(b), losses
