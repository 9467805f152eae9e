"""K-fold and group k-fold cross-validation index splits."""

from __future__ import annotations

import numpy as np


def _pairs(fold_of_row: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(np.flatnonzero(fold_of_row != f), np.flatnonzero(fold_of_row == f)) for f in range(k)]


def k_fold(n: int, k: int, rng: np.random.Generator | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """k (train_idx, val_idx) pairs over range(n); the first n % k folds are one larger."""
    if k < 2 or k > n:
        raise ValueError(f"need 2 <= k <= n, got k={k} and n={n}")
    order = np.arange(n) if rng is None else rng.permutation(n)
    fold_of_row = np.empty(n, dtype=int)
    for f, block in enumerate(np.array_split(order, k)):
        fold_of_row[block] = f
    return _pairs(fold_of_row, k)


def group_k_fold(groups: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """k (train_idx, val_idx) pairs; a group never spans folds; largest groups go first to the emptiest fold."""
    _, group_of_row, counts = np.unique(np.asarray(groups), return_inverse=True, return_counts=True)
    if k < 2 or k > len(counts):
        raise ValueError(f"need 2 <= k <= number of groups ({len(counts)}), got k={k}")
    fold_sizes = np.zeros(k, dtype=int)
    fold_of_group = np.empty(len(counts), dtype=int)
    for g in np.argsort(-counts, kind="stable"):
        target = int(np.argmin(fold_sizes))
        fold_of_group[g] = target
        fold_sizes[target] += counts[g]
    return _pairs(fold_of_group[group_of_row], k)
