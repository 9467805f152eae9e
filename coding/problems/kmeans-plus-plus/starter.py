"""k-means (Lloyd's algorithm) with k-means++ seeding and re-seeding of empty clusters."""

import numpy as np


def kmeans_pp_init(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k initial centres (k, d), rows of X chosen by D^2 sampling. ValueError unless 1 <= k <= n."""
    raise NotImplementedError


def kmeans(
    X: np.ndarray,
    k: int,
    rng: np.random.Generator,
    init: np.ndarray | None = None,
    max_iter: int = 100,
    tol: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Lloyd's algorithm. Returns (centres (k, d), labels (n,), inertia)."""
    raise NotImplementedError
