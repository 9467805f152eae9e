"""Standardisation whose statistics come from the training set only."""

from __future__ import annotations

import numpy as np


def fit_standardiser(x_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x_train: (n, d). Returns (mean (d,), scale (d,)), scale 1.0 for constant columns."""
    raise NotImplementedError


def transform(x: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """(x - mean) / scale for x of shape (m, d)."""
    raise NotImplementedError


def inverse_transform(z: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """z * scale + mean: the inverse of transform."""
    raise NotImplementedError
