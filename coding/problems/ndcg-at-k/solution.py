"""Discounted cumulative gain and its normalised form, NDCG@k."""

from __future__ import annotations

import numpy as np


def dcg_at_k(relevance: np.ndarray, k: int) -> float:
    """relevance: (n,) in ranked order. Exponential gain 2**r - 1, discount 1 / log2(i + 1)."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    top = np.asarray(relevance, dtype=float)[:k]
    discounts = 1.0 / np.log2(np.arange(2, len(top) + 2))
    return float(np.sum((2.0**top - 1.0) * discounts))


def ndcg_at_k(y_true: np.ndarray, scores: np.ndarray, k: int) -> float:
    """y_true, scores: (n,). Rank by score (ties by index); 0.0 when nothing is relevant."""
    y = np.asarray(y_true, dtype=float)
    s = np.asarray(scores, dtype=float)
    if y.shape != s.shape:
        raise ValueError(f"y_true has shape {y.shape} but scores has {s.shape}")
    ideal = dcg_at_k(np.sort(y)[::-1], k)
    if ideal == 0:
        return 0.0
    return dcg_at_k(y[np.argsort(-s, kind="stable")], k) / ideal
