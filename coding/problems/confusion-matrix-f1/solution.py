"""Confusion matrix, per-class precision/recall/F1, and macro and micro F1."""

from __future__ import annotations

import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """(n_classes, n_classes) counts; rows are true classes, columns predicted classes."""
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.shape != p.shape:
        raise ValueError(f"y_true has shape {t.shape} but y_pred has {p.shape}")
    if t.size and (min(t.min(), p.min()) < 0 or max(t.max(), p.max()) >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}")
    counts = np.bincount(n_classes * t.astype(int) + p.astype(int), minlength=n_classes**2)
    return counts.reshape(n_classes, n_classes)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def per_class_f1(cm: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(precision, recall, f1), each (n_classes,); 0.0 where a denominator is 0."""
    tp = np.diag(cm)
    precision = _ratio(tp, cm.sum(axis=0))
    recall = _ratio(tp, cm.sum(axis=1))
    return precision, recall, _ratio(2 * precision * recall, precision + recall)


def macro_f1(cm: np.ndarray) -> float:
    """Unweighted mean of the per-class F1."""
    return float(per_class_f1(cm)[2].mean())


def micro_f1(cm: np.ndarray) -> float:
    """F1 from pooled true positives, false positives and false negatives."""
    tp = np.trace(cm)
    fp = cm.sum(axis=0).sum() - tp
    fn = cm.sum(axis=1).sum() - tp
    return float(_ratio(2 * tp, 2 * tp + fp + fn))
