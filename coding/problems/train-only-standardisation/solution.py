"""Standardisation whose statistics come from the training set only."""

from __future__ import annotations

import numpy as np


def fit_standardiser(x_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x_train: (n, d). Returns (mean (d,), scale (d,)), scale 1.0 for constant columns."""
    x = np.asarray(x_train, dtype=float)
    if x.ndim != 2 or x.shape[0] < 1:
        raise ValueError(f"x_train must be 2-D with at least one row, got shape {x.shape}")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    return mean, np.where(scale == 0, 1.0, scale)


def transform(x: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """(x - mean) / scale for x of shape (m, d)."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or x.shape[1] != len(mean):
        raise ValueError(f"expected {len(mean)} columns, got shape {x.shape}")
    return (x - mean) / scale


def inverse_transform(z: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """z * scale + mean: the inverse of transform."""
    return np.asarray(z, dtype=float) * scale + mean
