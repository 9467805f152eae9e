"""Reliability bins and expected calibration error for binary predictions."""

from __future__ import annotations

import numpy as np


def reliability_bins(
    y_true: np.ndarray, probs: np.ndarray, n_bins: int = 10
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (counts, mean_prob, frac_pos), each (n_bins,); bins are (b/B, (b+1)/B], bin 0 also holds 0."""
    raise NotImplementedError


def expected_calibration_error(y_true: np.ndarray, probs: np.ndarray, n_bins: int = 10) -> float:
    """Count-weighted mean of |mean_prob - frac_pos| over the bins."""
    raise NotImplementedError
