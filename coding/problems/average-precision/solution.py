"""Average precision: a step sum over the precision-recall curve, ties as one threshold."""

from __future__ import annotations

import numpy as np


def average_precision(y_true: np.ndarray, scores: np.ndarray) -> float:
    """y_true: (n,) of 0/1; scores: (n,). ValueError if there is no positive."""
    y = np.asarray(y_true, dtype=float)
    s = np.asarray(scores, dtype=float)
    if y.shape != s.shape:
        raise ValueError(f"y_true has shape {y.shape} but scores has {s.shape}")
    n_pos = y.sum()
    if n_pos == 0:
        raise ValueError("average precision needs at least one positive")
    order = np.argsort(-s, kind="stable")
    s_sorted, tp = s[order], np.cumsum(y[order])
    last_of_run = np.r_[s_sorted[1:] != s_sorted[:-1], True]  # a threshold ends each run of equal scores
    tp = tp[last_of_run]
    predicted = np.flatnonzero(last_of_run) + 1.0
    recall_step = np.diff(np.r_[0.0, tp]) / n_pos
    return float(np.sum(recall_step * tp / predicted))
