"""Principal component analysis through the SVD of the centred data."""

import numpy as np


def pca_fit(X: np.ndarray, n_components: int) -> dict:
    """Dict with mean (d,), components (k, d), explained_variance (k,), explained_variance_ratio (k,)."""
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    k = n_components
    if not 1 <= k <= min(n, d):
        raise ValueError(f"n_components must be between 1 and min(n, d) = {min(n, d)}, got {k}")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    signs = np.sign(Vt[np.arange(len(Vt)), np.abs(Vt).argmax(axis=1)])
    Vt = Vt * signs[:, None]  # deterministic orientation: the largest entry of each component is positive
    variance = s**2 / (n - 1)
    return {
        "mean": mean,
        "components": Vt[:k],
        "explained_variance": variance[:k],
        "explained_variance_ratio": variance[:k] / variance.sum(),
    }


def transform(model: dict, X: np.ndarray) -> np.ndarray:
    """Coordinates (m, k) of X in the principal components."""
    return (np.asarray(X, dtype=float) - model["mean"]) @ model["components"].T


def inverse_transform(model: dict, Z: np.ndarray) -> np.ndarray:
    """Points (m, d) back in the original space."""
    return np.asarray(Z, dtype=float) @ model["components"] + model["mean"]
