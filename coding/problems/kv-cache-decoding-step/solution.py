"""One step of causal multi-head self-attention with a key/value cache."""

from __future__ import annotations

import numpy as np


def decode_step(
    x_t: np.ndarray,
    cache: dict[str, np.ndarray] | None,
    w_q: np.ndarray,
    w_k: np.ndarray,
    w_v: np.ndarray,
    w_o: np.ndarray,
    num_heads: int,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """x_t: (d_model,); cache: None or {"k", "v"} of shape (num_heads, t, d_head).

    Returns (y_t (d_model,), new cache with t + 1 positions); the input cache is left unchanged.
    """
    d_model = x_t.shape[0]
    d_head = d_model // num_heads
    q, k_new, v_new = ((x_t @ w).reshape(num_heads, 1, d_head) for w in (w_q, w_k, w_v))
    if cache is None:
        k, v = k_new, v_new
    else:
        k = np.concatenate([cache["k"], k_new], axis=1)
        v = np.concatenate([cache["v"], v_new], axis=1)
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(d_head)  # (h, 1, t + 1)
    scores -= scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    heads = (weights @ v).reshape(d_model)  # (h, 1, d_head) flattened in head order
    return heads @ w_o, {"k": k, "v": v}
