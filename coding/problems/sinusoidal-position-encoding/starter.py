"""Sinusoidal position encoding from the original Transformer."""

from __future__ import annotations

import numpy as np


def sinusoidal_encoding(n_positions: int, d_model: int, base: float = 10000.0) -> np.ndarray:
    """Return (n_positions, d_model): sines in even columns, cosines in odd columns."""
    raise NotImplementedError
