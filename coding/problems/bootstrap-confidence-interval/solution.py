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
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("cannot bootstrap an empty sample")
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be at least 1, got {n_resamples}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    rng = np.random.default_rng() if rng is None else rng
    idx = rng.integers(0, len(x), size=(n_resamples, len(x)))
    stats = statistic(x[idx], axis=1)
    alpha = 1 - confidence
    low, high = np.quantile(stats, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)
