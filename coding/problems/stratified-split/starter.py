"""A stratified train/test split that keeps each class's share in both parts."""

from __future__ import annotations

import numpy as np


def stratified_split(y: np.ndarray, test_size: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """y: (n,) labels. Returns sorted (train_idx, test_idx) partitioning range(n)."""
    raise NotImplementedError
