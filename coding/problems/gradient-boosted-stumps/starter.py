"""Gradient boosting for regression (squared loss) with decision stumps."""

import numpy as np

Stump = tuple[int, float, float, float]  # feature, threshold, value if x[feature] <= threshold, value otherwise


def fit_stump(X: np.ndarray, r: np.ndarray) -> Stump | None:
    """The split and the two constants minimising the squared error against r; None if X is constant."""
    raise NotImplementedError


def fit(X: np.ndarray, y: np.ndarray, n_estimators: int = 100, learning_rate: float = 0.1) -> dict:
    """Model dict: init (mean of y), learning_rate and stumps (list of Stump), each fitted to the residuals."""
    raise NotImplementedError


def predict(model: dict, X: np.ndarray) -> np.ndarray:
    """init + learning_rate * sum of stump predictions, shape (m,)."""
    raise NotImplementedError
