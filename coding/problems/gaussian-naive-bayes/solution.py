"""Gaussian naive Bayes with log-space posteriors."""

import numpy as np


def fit(X: np.ndarray, y: np.ndarray, var_smoothing: float = 1e-9) -> dict:
    """Model dict with classes (C,), priors (C,), means (C, d) and smoothed variances (C, d)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    classes = np.unique(y)
    epsilon = var_smoothing * X.var(axis=0).max()
    groups = [X[y == c] for c in classes]
    return {
        "classes": classes,
        "priors": np.array([len(g) for g in groups]) / len(y),
        "means": np.array([g.mean(axis=0) for g in groups]),
        "variances": np.array([g.var(axis=0) for g in groups]) + epsilon,
    }


def predict_log_proba(model: dict, X: np.ndarray) -> np.ndarray:
    """Normalised log posteriors (m, C)."""
    X = np.asarray(X, dtype=float)
    means, variances = model["means"], model["variances"]
    log_likelihood = -0.5 * (
        np.log(2 * np.pi * variances)[None, :, :] + (X[:, None, :] - means[None, :, :]) ** 2 / variances[None, :, :]
    ).sum(axis=2)
    joint = np.log(model["priors"])[None, :] + log_likelihood
    top = joint.max(axis=1, keepdims=True)
    return joint - (top + np.log(np.exp(joint - top).sum(axis=1, keepdims=True)))


def predict(model: dict, X: np.ndarray) -> np.ndarray:
    """Most probable class label of each row (m,)."""
    return model["classes"][predict_log_proba(model, X).argmax(axis=1)]
