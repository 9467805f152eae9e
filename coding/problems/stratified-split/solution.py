"""A stratified train/test split that keeps each class's share in both parts."""

from __future__ import annotations

import math

import numpy as np


def stratified_split(y: np.ndarray, test_size: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """y: (n,) labels. Returns sorted (train_idx, test_idx) partitioning range(n)."""
    y = np.asarray(y)
    if y.size == 0:
        raise ValueError("cannot split an empty label array")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    picks = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        n_test = min(math.floor(test_size * len(members) + 0.5), len(members) - 1)
        picks.append(rng.permutation(members)[:n_test])
    test_idx = np.sort(np.concatenate(picks)).astype(int)
    train_idx = np.setdiff1d(np.arange(len(y)), test_idx)
    return train_idx, test_idx
