"""Gradient boosting for regression (squared loss) with decision stumps."""

import numpy as np

Stump = tuple[int, float, float, float]  # feature, threshold, value if x[feature] <= threshold, value otherwise


def fit_stump(X: np.ndarray, r: np.ndarray) -> Stump | None:
    """The split and the two constants minimising the squared error against r; None if X is constant."""
    X = np.asarray(X, dtype=float)
    r = np.asarray(r, dtype=float)
    n, d = X.shape
    best, best_score = None, -np.inf
    n_left = np.arange(1, n)
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        values, targets = X[order, j], r[order]
        left_sum = np.cumsum(targets)[:-1]
        right_sum = targets.sum() - left_sum
        # SSE = sum(r^2) - n_L mean_L^2 - n_R mean_R^2: maximise the subtracted part.
        score = left_sum**2 / n_left + right_sum**2 / (n - n_left)
        score = np.where(values[1:] > values[:-1], score, -np.inf)
        if len(score) == 0:
            continue
        i = int(np.argmax(score))
        if np.isfinite(score[i]) and score[i] > best_score + 1e-12:
            best_score = score[i]
            best = (
                j,
                float((values[i] + values[i + 1]) / 2),
                float(left_sum[i] / (i + 1)),
                float(right_sum[i] / (n - i - 1)),
            )
    return best


def _apply(stump: Stump, X: np.ndarray) -> np.ndarray:
    feature, threshold, left, right = stump
    return np.where(X[:, feature] <= threshold, left, right)


def fit(X: np.ndarray, y: np.ndarray, n_estimators: int = 100, learning_rate: float = 0.1) -> dict:
    """Model dict: init (mean of y), learning_rate and stumps (list of Stump), each fitted to the residuals."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    model = {"init": float(y.mean()), "stumps": [], "learning_rate": learning_rate}
    F = np.full(len(y), model["init"])
    for _ in range(n_estimators):
        stump = fit_stump(X, y - F)  # residuals = negative gradient of the squared loss
        if stump is None:
            break
        model["stumps"].append(stump)
        F = F + learning_rate * _apply(stump, X)
    return model


def predict(model: dict, X: np.ndarray) -> np.ndarray:
    """init + learning_rate * sum of stump predictions, shape (m,)."""
    X = np.asarray(X, dtype=float)
    out = np.full(len(X), model["init"])
    for stump in model["stumps"]:
        out += model["learning_rate"] * _apply(stump, X)
    return out
