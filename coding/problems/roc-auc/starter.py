"""ROC AUC via ranks, with ties counted as one half."""

from __future__ import annotations

import numpy as np


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """y_true: (n,) of 0/1; scores: (n,). ValueError if a class is missing."""
    raise NotImplementedError
