"""Temperature, top-k and nucleus (top-p) sampling from next-token logits."""

from __future__ import annotations

import numpy as np


def filtered_probs(
    logits: np.ndarray, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None
) -> np.ndarray:
    """Return the (V,) sampling distribution after temperature, then top-k, then top-p."""
    raise NotImplementedError


def sample_token(
    logits: np.ndarray,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> int:
    """Draw one token id from filtered_probs(logits, ...)."""
    raise NotImplementedError
