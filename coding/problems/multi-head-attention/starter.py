"""Multi-head self-attention for one sequence."""

from __future__ import annotations

import numpy as np


def split_heads(x: np.ndarray, num_heads: int) -> np.ndarray:
    """(n, d_model) -> (num_heads, n, d_head); ValueError if d_model % num_heads != 0."""
    raise NotImplementedError


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
    raise NotImplementedError
