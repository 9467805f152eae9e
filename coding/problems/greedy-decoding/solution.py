"""Greedy decoding for an autoregressive model."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def greedy_decode(
    step_fn: Callable[[list[int]], np.ndarray], prompt: list[int], eos_id: int, max_new_tokens: int
) -> list[int]:
    """step_fn(tokens) -> logits (V,). Returns the new tokens, ending with eos_id if it was produced."""
    tokens = list(prompt)
    for _ in range(max_new_tokens):
        next_id = int(np.argmax(step_fn(tokens)))
        tokens.append(next_id)
        if next_id == eos_id:
            break
    return tokens[len(prompt) :]
