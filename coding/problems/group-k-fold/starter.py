"""K-fold and group k-fold cross-validation index splits."""

from __future__ import annotations

import numpy as np


def k_fold(n: int, k: int, rng: np.random.Generator | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """k (train_idx, val_idx) pairs over range(n); the first n % k folds are one larger."""
    raise NotImplementedError


def group_k_fold(groups: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """k (train_idx, val_idx) pairs; a group never spans folds; largest groups go first to the emptiest fold."""
    raise NotImplementedError
