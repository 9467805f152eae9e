"""Exact top-k retrieval by cosine similarity."""

from __future__ import annotations

import numpy as np


def cosine_top_k(queries: np.ndarray, corpus: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """queries: (m, d); corpus: (n, d). Returns (indices, scores) of shape (m, min(k, n)), best first."""
    raise NotImplementedError
