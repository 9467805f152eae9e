"""Temperature, top-k and nucleus (top-p) sampling from next-token logits."""

from __future__ import annotations

import numpy as np


def filtered_probs(
    logits: np.ndarray, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None
) -> np.ndarray:
    """Return the (V,) sampling distribution after temperature, then top-k, then top-p."""
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be >= 1, got {top_k}")
    if top_p is not None and not 0 < top_p <= 1:
        raise ValueError(f"top_p must be in (0, 1], got {top_p}")
    z = np.asarray(logits, dtype=float)
    if temperature == 0:
        probs = np.zeros_like(z)
        probs[np.argmax(z)] = 1.0
        return probs
    scaled = z / temperature
    probs = np.exp(scaled - scaled.max())
    probs /= probs.sum()
    order = np.argsort(-probs, kind="stable")
    keep = len(z)
    if top_k is not None:
        keep = min(keep, top_k)
    if top_p is not None:
        kept = probs[order[:keep]] / probs[order[:keep]].sum()
        keep = min(keep, int(np.searchsorted(np.cumsum(kept), top_p)) + 1)
    filtered = np.zeros_like(probs)
    filtered[order[:keep]] = probs[order[:keep]]
    return filtered / filtered.sum()


def sample_token(
    logits: np.ndarray,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> int:
    """Draw one token id from filtered_probs(logits, ...)."""
    probs = filtered_probs(logits, temperature, top_k, top_p)
    return int(rng.choice(len(probs), p=probs))
