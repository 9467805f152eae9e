"""k-nearest-neighbour classification with vectorised distances."""

import numpy as np


def pairwise_sq_distances(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances (m, n) between rows of A (m, d) and rows of B (n, d); never negative."""
    raise NotImplementedError


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """Majority label (m,) of the k nearest training rows; vote ties go to the smallest label."""
    raise NotImplementedError
