"""Perplexity from next-token logits, with a padding mask."""

from __future__ import annotations

import numpy as np


def perplexity(logits: np.ndarray, targets: np.ndarray, mask: np.ndarray | None = None) -> float:
    """logits: (b, n, V); targets: (b, n) ints; mask: (b, n) bool, False = padding."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(targets)
    if z.ndim != 3 or y.shape != z.shape[:2]:
        raise ValueError(f"logits {z.shape} and targets {y.shape} do not match")
    keep = np.ones(y.shape, dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    if keep.shape != y.shape or not keep.any():
        raise ValueError("the mask must match the targets and count at least one position")
    m = z.max(axis=-1, keepdims=True)
    log_probs = z - m - np.log(np.exp(z - m).sum(axis=-1, keepdims=True))
    target_log_probs = np.take_along_axis(log_probs, y[..., None], axis=-1)[..., 0]
    return float(np.exp(-target_log_probs[keep].mean()))
