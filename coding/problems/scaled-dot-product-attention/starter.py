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
    raise NotImplementedError
