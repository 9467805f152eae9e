"""Principal component analysis through the SVD of the centred data."""

import numpy as np


def pca_fit(X: np.ndarray, n_components: int) -> dict:
    """Dict with mean (d,), components (k, d), explained_variance (k,), explained_variance_ratio (k,)."""
    raise NotImplementedError


def transform(model: dict, X: np.ndarray) -> np.ndarray:
    """Coordinates (m, k) of X in the principal components."""
    raise NotImplementedError


def inverse_transform(model: dict, Z: np.ndarray) -> np.ndarray:
    """Points (m, d) back in the original space."""
    raise NotImplementedError
