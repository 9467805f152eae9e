"""Sinusoidal position encoding from the original Transformer."""

from __future__ import annotations

import numpy as np


def sinusoidal_encoding(n_positions: int, d_model: int, base: float = 10000.0) -> np.ndarray:
    """Return (n_positions, d_model): sines in even columns, cosines in odd columns."""
    if d_model <= 0 or d_model % 2:
        raise ValueError(f"d_model must be a positive even number, got {d_model}")
    if n_positions < 0:
        raise ValueError(f"n_positions must be non-negative, got {n_positions}")
    freqs = base ** (-np.arange(0, d_model, 2) / d_model)  # (d_model / 2,)
    angles = np.outer(np.arange(n_positions), freqs)  # (n_positions, d_model / 2)
    pe = np.empty((n_positions, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe
