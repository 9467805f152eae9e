"""Reservoir sampling (Algorithm R): k uniform items from a stream of unknown length."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def reservoir_sample(stream: Iterable[T], k: int, rng: np.random.Generator) -> list[T]:
    """One pass, O(k) memory. Returns min(k, n) items."""
    if k < 0:
        raise ValueError(f"k must be non-negative, got {k}")
    reservoir: list[T] = []
    for i, item in enumerate(stream):
        if i < k:
            reservoir.append(item)
        else:
            j = int(rng.integers(0, i + 1))
            if j < k:
                reservoir[j] = item
    return reservoir
