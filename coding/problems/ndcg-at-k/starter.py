"""Discounted cumulative gain and its normalised form, NDCG@k."""

from __future__ import annotations

import numpy as np


def dcg_at_k(relevance: np.ndarray, k: int) -> float:
    """relevance: (n,) in ranked order. Exponential gain 2**r - 1, discount 1 / log2(i + 1)."""
    raise NotImplementedError


def ndcg_at_k(y_true: np.ndarray, scores: np.ndarray, k: int) -> float:
    """y_true, scores: (n,). Rank by score (ties by index); 0.0 when nothing is relevant."""
    raise NotImplementedError
