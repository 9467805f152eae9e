"""Beam search decoding with length normalisation."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def beam_search(
    step_fn: Callable[[list[int]], np.ndarray],
    prompt: list[int],
    eos_id: int,
    beam_width: int,
    max_new_tokens: int,
    length_penalty: float = 0.0,
) -> tuple[list[int], float]:
    """step_fn(tokens) -> logits (V,). Returns (new tokens of the best hypothesis, its score)."""
    raise NotImplementedError
