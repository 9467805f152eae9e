"""Binary logistic regression with a numerically stable sigmoid and log loss."""

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Elementwise 1 / (1 + exp(-z)) without overflow, any shape."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # exponent of a non-positive number: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_loss(y: np.ndarray, z: np.ndarray) -> float:
    """Mean binary cross-entropy from logits z (n,) and labels y (n,) in {0, 1}."""
    z = np.asarray(z, dtype=float)
    return float(np.mean(np.logaddexp(0.0, z) - np.asarray(y) * z))


def fit(X: np.ndarray, y: np.ndarray, lr: float = 0.5, epochs: int = 2000, l2: float = 0.0) -> tuple[np.ndarray, float]:
    """Gradient descent from zeros on log_loss + l2 / 2 * ||w||^2. Returns (w (d,), b)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for _ in range(epochs):
        error = sigmoid(X @ w + b) - y
        w = w - lr * (X.T @ error / n + l2 * w)
        b = b - lr * error.mean()
    return w, float(b)


def predict_proba(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """P(y = 1 | x) for each row of X, shape (n,)."""
    return sigmoid(np.asarray(X, dtype=float) @ w + b)
