"""Reliability bins and expected calibration error for binary predictions."""

from __future__ import annotations

import numpy as np


def reliability_bins(
    y_true: np.ndarray, probs: np.ndarray, n_bins: int = 10
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (counts, mean_prob, frac_pos), each (n_bins,); bins are (b/B, (b+1)/B], bin 0 also holds 0."""
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(probs, dtype=float)
    if p.size == 0 or y.shape != p.shape:
        raise ValueError(f"need non-empty inputs of one shape, got {y.shape} and {p.shape}")
    if np.any((p < 0) | (p > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    if n_bins < 1:
        raise ValueError(f"n_bins must be at least 1, got {n_bins}")
    bins = np.clip(np.ceil(p * n_bins).astype(int) - 1, 0, n_bins - 1)
    counts = np.bincount(bins, minlength=n_bins)
    safe = np.maximum(counts, 1)  # empty bins report 0.0
    mean_prob = np.bincount(bins, weights=p, minlength=n_bins) / safe
    frac_pos = np.bincount(bins, weights=y, minlength=n_bins) / safe
    return counts, mean_prob, frac_pos


def expected_calibration_error(y_true: np.ndarray, probs: np.ndarray, n_bins: int = 10) -> float:
    """Count-weighted mean of |mean_prob - frac_pos| over the bins."""
    counts, mean_prob, frac_pos = reliability_bins(y_true, probs, n_bins)
    return float(np.sum(counts * np.abs(mean_prob - frac_pos)) / counts.sum())
