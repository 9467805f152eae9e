"""Binary logistic regression with a numerically stable sigmoid and log loss."""

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Elementwise 1 / (1 + exp(-z)) without overflow, any shape."""
    raise NotImplementedError


def log_loss(y: np.ndarray, z: np.ndarray) -> float:
    """Mean binary cross-entropy from logits z (n,) and labels y (n,) in {0, 1}."""
    raise NotImplementedError


def fit(X: np.ndarray, y: np.ndarray, lr: float = 0.5, epochs: int = 2000, l2: float = 0.0) -> tuple[np.ndarray, float]:
    """Gradient descent from zeros on log_loss + l2 / 2 * ||w||^2. Returns (w (d,), b)."""
    raise NotImplementedError


def predict_proba(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """P(y = 1 | x) for each row of X, shape (n,)."""
    raise NotImplementedError
