"""Average precision: a step sum over the precision-recall curve, ties as one threshold."""

from __future__ import annotations

import numpy as np


def average_precision(y_true: np.ndarray, scores: np.ndarray) -> float:
    """y_true: (n,) of 0/1; scores: (n,). ValueError if there is no positive."""
    raise NotImplementedError
