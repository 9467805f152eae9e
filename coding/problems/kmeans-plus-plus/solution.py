"""k-means (Lloyd's algorithm) with k-means++ seeding and re-seeding of empty clusters."""

import numpy as np


def _sq_distances(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances (n, k) between rows of X and rows of C."""
    d2 = (X**2).sum(axis=1)[:, None] - 2.0 * X @ C.T + (C**2).sum(axis=1)[None, :]
    return np.maximum(d2, 0.0)  # rounding can make the expansion slightly negative


def kmeans_pp_init(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k initial centres (k, d), rows of X chosen by D^2 sampling. ValueError unless 1 <= k <= n."""
    X = np.asarray(X, dtype=float)
    n = len(X)
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and the number of points ({n}), got {k}")
    chosen = [int(rng.integers(n))]
    d2 = _sq_distances(X, X[chosen])[:, 0]
    for _ in range(1, k):
        total = d2.sum()
        pick = int(rng.choice(n, p=d2 / total)) if total > 0 else int(rng.integers(n))
        chosen.append(pick)
        d2 = np.minimum(d2, _sq_distances(X, X[[pick]])[:, 0])
    return X[chosen].copy()


def kmeans(
    X: np.ndarray,
    k: int,
    rng: np.random.Generator,
    init: np.ndarray | None = None,
    max_iter: int = 100,
    tol: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Lloyd's algorithm. Returns (centres (k, d), labels (n,), inertia)."""
    X = np.asarray(X, dtype=float)
    centres = np.array(init, dtype=float) if init is not None else kmeans_pp_init(X, k, rng)
    for _ in range(max_iter):
        d2 = _sq_distances(X, centres)
        labels = d2.argmin(axis=1)
        counts = np.bincount(labels, minlength=k)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, X)
        new = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], centres)
        empty = np.flatnonzero(counts == 0)
        if len(empty):
            # Farthest points from their own centre become the new centres, one per empty cluster.
            farthest = np.argsort(-d2[np.arange(len(X)), labels], kind="stable")[: len(empty)]
            new[empty] = X[farthest]
        shift = np.abs(new - centres).max()
        centres = new
        if shift < tol and not len(empty):
            break
    d2 = _sq_distances(X, centres)
    labels = d2.argmin(axis=1)
    inertia = float(d2[np.arange(len(X)), labels].sum())
    return centres, labels, inertia
