"""Greedy decoding for an autoregressive model."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def greedy_decode(
    step_fn: Callable[[list[int]], np.ndarray], prompt: list[int], eos_id: int, max_new_tokens: int
) -> list[int]:
    """step_fn(tokens) -> logits (V,). Returns the new tokens, ending with eos_id if it was produced."""
    raise NotImplementedError
