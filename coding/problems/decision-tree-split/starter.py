"""Best split of a classification tree node by Gini impurity or entropy."""

import numpy as np


def gini(y: np.ndarray) -> float:
    """Gini impurity of integer labels; 0 for an empty or pure array."""
    raise NotImplementedError


def entropy(y: np.ndarray) -> float:
    """Entropy in bits of integer labels; 0 for an empty or pure array."""
    raise NotImplementedError


def best_split(X: np.ndarray, y: np.ndarray, criterion: str = "gini") -> tuple[int, float, float] | None:
    """(feature, threshold, gain) of the best split x[feature] <= threshold, or None when nothing gains."""
    raise NotImplementedError
