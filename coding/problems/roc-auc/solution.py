"""ROC AUC via ranks, with ties counted as one half."""

from __future__ import annotations

import numpy as np


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks; tied values share the mean of the ranks they span."""
    order = np.argsort(values, kind="stable")
    _, first, counts = np.unique(values[order], return_index=True, return_counts=True)
    mean_rank = first + (counts + 1) / 2.0  # first index is 0-based, ranks are 1-based
    ranks = np.empty(len(values))
    ranks[order] = np.repeat(mean_rank, counts)
    return ranks


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """y_true: (n,) of 0/1; scores: (n,). ValueError if a class is missing."""
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, dtype=float)
    if y.shape != s.shape:
        raise ValueError(f"y_true has shape {y.shape} but scores has {s.shape}")
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC needs at least one positive and one negative")
    rank_sum = _average_ranks(s)[y].sum()
    return float((rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
