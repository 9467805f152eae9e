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
    raise NotImplementedError
