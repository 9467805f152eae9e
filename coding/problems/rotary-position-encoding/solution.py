"""Rotary position encoding (RoPE), interleaved-pair convention."""

from __future__ import annotations

import numpy as np


def apply_rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
    """x: (..., n, d) with d even; positions: (n,) ints, default arange(n). Returns a rotated copy."""
    x = np.asarray(x, dtype=float)
    n, d = x.shape[-2], x.shape[-1]
    if d % 2:
        raise ValueError(f"the last axis must be even, got {d}")
    pos = np.arange(n) if positions is None else np.asarray(positions)
    angles = np.outer(pos, base ** (-np.arange(0, d, 2) / d))  # (n, d / 2)
    cos, sin = np.cos(angles), np.sin(angles)
    even, odd = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out
