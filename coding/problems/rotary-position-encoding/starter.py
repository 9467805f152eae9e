"""Rotary position encoding (RoPE), interleaved-pair convention."""

from __future__ import annotations

import numpy as np


def apply_rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
    """x: (..., n, d) with d even; positions: (n,) ints, default arange(n). Returns a rotated copy."""
    raise NotImplementedError
