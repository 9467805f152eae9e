"""Confusion matrix, per-class precision/recall/F1, and macro and micro F1."""

from __future__ import annotations

import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """(n_classes, n_classes) counts; rows are true classes, columns predicted classes."""
    raise NotImplementedError


def per_class_f1(cm: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(precision, recall, f1), each (n_classes,); 0.0 where a denominator is 0."""
    raise NotImplementedError


def macro_f1(cm: np.ndarray) -> float:
    """Unweighted mean of the per-class F1."""
    raise NotImplementedError


def micro_f1(cm: np.ndarray) -> float:
    """F1 from pooled true positives, false positives and false negatives."""
    raise NotImplementedError
