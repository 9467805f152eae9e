"""Scaled dot-product attention with an optional causal mask."""

from __future__ import annotations

import numpy as np


def scaled_dot_product_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool = False, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Attend queries to keys.

    q: (..., n_q, d_k); k: (..., n_k, d_k); v: (..., n_k, d_v); mask: bool, broadcastable to (..., n_q, n_k).
    Returns (out (..., n_q, d_v), weights (..., n_q, n_k)). Fully masked rows give zeros.
    """
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    n_q, n_k = q.shape[-2], k.shape[-2]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    allowed = np.ones(scores.shape, dtype=bool)
    if causal:
        allowed &= np.tril(np.ones((n_q, n_k), dtype=bool), k=n_k - n_q)
    if mask is not None:
        allowed &= np.asarray(mask, dtype=bool)
    scores = np.where(allowed, scores, -np.inf)
    row_max = scores.max(axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)  # a fully masked row has max -inf
    exp = np.exp(scores - row_max)
    total = exp.sum(axis=-1, keepdims=True)
    weights = np.divide(exp, total, out=np.zeros_like(exp), where=total > 0)
    return weights @ v, weights
