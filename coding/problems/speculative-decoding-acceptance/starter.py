"""The accept-reject step of speculative decoding, which preserves the target model's distribution."""

from __future__ import annotations

import numpy as np


def residual_distribution(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """max(0, p - q) normalised; p itself when p == q."""
    raise NotImplementedError


def speculative_step(
    draft_tokens: np.ndarray, draft_probs: np.ndarray, target_probs: np.ndarray, rng: np.random.Generator
) -> list[int]:
    """draft_tokens: (g,); draft_probs: (g, V); target_probs: (g + 1, V). Returns 1 to g + 1 token ids."""
    raise NotImplementedError
