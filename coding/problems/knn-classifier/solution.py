"""k-nearest-neighbour classification with vectorised distances."""

import numpy as np


def pairwise_sq_distances(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances (m, n) between rows of A (m, d) and rows of B (n, d); never negative."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    d2 = (A**2).sum(axis=1)[:, None] - 2.0 * A @ B.T + (B**2).sum(axis=1)[None, :]
    return np.maximum(d2, 0.0)


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """Majority label (m,) of the k nearest training rows; vote ties go to the smallest label."""
    y_train = np.asarray(y_train)
    n = len(y_train)
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and the number of training points ({n}), got {k}")
    d2 = pairwise_sq_distances(X_test, X_train)
    neighbours = np.argsort(d2, axis=1, kind="stable")[:, :k]
    labels = y_train[neighbours]  # (m, k)
    votes = (labels[:, :, None] == np.arange(y_train.max() + 1)).sum(axis=1)  # (m, classes)
    return votes.argmax(axis=1)  # argmax picks the smallest label among ties
