"""Percentile bootstrap confidence interval for any vectorised statistic."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def bootstrap_ci(
    x: np.ndarray,
    statistic: Callable[..., np.ndarray] = np.mean,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    rng: np.random.Generator | None = None,
) -> tuple[float, float]:
    """x: (n,). statistic(array, axis=1) -> (n_resamples,). Returns the (low, high) percentile interval."""
    raise NotImplementedError
