"""Multi-head self-attention for one sequence."""

from __future__ import annotations

import numpy as np


def split_heads(x: np.ndarray, num_heads: int) -> np.ndarray:
    """(n, d_model) -> (num_heads, n, d_head); ValueError if d_model % num_heads != 0."""
    n, d_model = x.shape
    if num_heads <= 0 or d_model % num_heads:
        raise ValueError(f"d_model={d_model} is not divisible by num_heads={num_heads}")
    return x.reshape(n, num_heads, d_model // num_heads).transpose(1, 0, 2)


def _merge_heads(x: np.ndarray) -> np.ndarray:
    """(num_heads, n, d_head) -> (n, num_heads * d_head)."""
    h, n, d_head = x.shape
    return x.transpose(1, 0, 2).reshape(n, h * d_head)


def multi_head_attention(
    x: np.ndarray,
    w_q: np.ndarray,
    w_k: np.ndarray,
    w_v: np.ndarray,
    w_o: np.ndarray,
    num_heads: int,
    causal: bool = False,
) -> np.ndarray:
    """x: (n, d_model); each weight: (d_model, d_model). Returns (n, d_model)."""
    q, k, v = (split_heads(x @ w, num_heads) for w in (w_q, w_k, w_v))
    n, d_head = q.shape[1], q.shape[2]
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(d_head)  # (h, n, n)
    if causal:
        scores = np.where(np.tril(np.ones((n, n), dtype=bool)), scores, -np.inf)
    scores -= scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    return _merge_heads(weights @ v) @ w_o
