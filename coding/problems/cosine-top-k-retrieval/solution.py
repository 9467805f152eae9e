"""Exact top-k retrieval by cosine similarity."""

from __future__ import annotations

import numpy as np


def _unit_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1.0, norms)  # zero rows stay zero


def cosine_top_k(queries: np.ndarray, corpus: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """queries: (m, d); corpus: (n, d). Returns (indices, scores) of shape (m, min(k, n)), best first."""
    q = np.asarray(queries, dtype=float)
    c = np.asarray(corpus, dtype=float)
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if q.ndim != 2 or c.ndim != 2 or q.shape[1] != c.shape[1]:
        raise ValueError(f"queries {q.shape} and corpus {c.shape} must be 2-D with the same width")
    sims = _unit_rows(q) @ _unit_rows(c).T
    indices = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    return indices, np.take_along_axis(sims, indices, axis=1)
