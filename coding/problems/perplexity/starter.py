"""Perplexity from next-token logits, with a padding mask."""

from __future__ import annotations

import numpy as np


def perplexity(logits: np.ndarray, targets: np.ndarray, mask: np.ndarray | None = None) -> float:
    """logits: (b, n, V); targets: (b, n) ints; mask: (b, n) bool, False = padding."""
    raise NotImplementedError
