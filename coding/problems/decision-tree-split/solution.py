"""Best split of a classification tree node by Gini impurity or entropy."""

import numpy as np

MIN_GAIN = 1e-12


def _impurity_of_counts(counts: np.ndarray, criterion: str) -> np.ndarray:
    """Impurity of each row of class counts (..., K); rows of zeros get 0."""
    totals = counts.sum(axis=-1, keepdims=True)
    p = counts / np.maximum(totals, 1)
    if criterion == "gini":
        return 1.0 - (p**2).sum(axis=-1)
    if criterion == "entropy":
        logs = np.log2(np.where(p > 0, p, 1.0))  # 0 log 0 = 0
        return -(p * logs).sum(axis=-1)
    raise ValueError(f"criterion must be 'gini' or 'entropy', not {criterion!r}")


def gini(y: np.ndarray) -> float:
    """Gini impurity of integer labels; 0 for an empty or pure array."""
    return float(_impurity_of_counts(np.bincount(np.asarray(y, dtype=int)), "gini")) if len(y) else 0.0


def entropy(y: np.ndarray) -> float:
    """Entropy in bits of integer labels; 0 for an empty or pure array."""
    return float(_impurity_of_counts(np.bincount(np.asarray(y, dtype=int)), "entropy")) if len(y) else 0.0


def best_split(X: np.ndarray, y: np.ndarray, criterion: str = "gini") -> tuple[int, float, float] | None:
    """(feature, threshold, gain) of the best split x[feature] <= threshold, or None when nothing gains."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=int)
    n, d = X.shape
    onehot = np.eye(y.max() + 1)[y]  # (n, K)
    total = onehot.sum(axis=0)
    parent = _impurity_of_counts(total, criterion)
    best: tuple[int, float, float] | None = None
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        values = X[order, j]
        left = np.cumsum(onehot[order], axis=0)[:-1]  # row i: counts of the first i + 1 sorted rows
        right = total - left
        n_left = np.arange(1, n)
        children = (
            n_left * _impurity_of_counts(left, criterion) + (n - n_left) * _impurity_of_counts(right, criterion)
        ) / n
        gains = np.where(values[1:] > values[:-1], parent - children, -np.inf)  # only between distinct values
        if len(gains) == 0:
            continue
        i = int(np.argmax(gains))  # first maximum: the lowest threshold
        if gains[i] > MIN_GAIN and (best is None or gains[i] > best[2] + MIN_GAIN):
            best = (j, float((values[i] + values[i + 1]) / 2), float(gains[i]))
    return best
