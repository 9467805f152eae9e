"""Tests for the confusion matrix and F1: hand counts, a loop reference, micro = accuracy, empty classes."""

import numpy as np
import pytest

Y_TRUE = np.array([0, 0, 1, 1, 1, 2])
Y_PRED = np.array([0, 1, 1, 1, 0, 1])


def test_confusion_matrix_by_hand(impl):
    cm = impl.confusion_matrix(Y_TRUE, Y_PRED, 3)
    assert cm.tolist() == [[1, 1, 0], [1, 2, 0], [0, 1, 0]]


def test_per_class_scores_by_hand(impl):
    precision, recall, f1 = impl.per_class_f1(impl.confusion_matrix(Y_TRUE, Y_PRED, 3))
    np.testing.assert_allclose(precision, [0.5, 0.5, 0.0])
    np.testing.assert_allclose(recall, [0.5, 2 / 3, 0.0])
    np.testing.assert_allclose(f1, [0.5, 4 / 7, 0.0])  # class 2 is never predicted: 0, not nan
    assert impl.macro_f1(impl.confusion_matrix(Y_TRUE, Y_PRED, 3)) == pytest.approx((0.5 + 4 / 7) / 3)


def test_matches_loop_reference(impl):
    rng = np.random.default_rng(0)
    t, p = rng.integers(0, 4, size=200), rng.integers(0, 4, size=200)
    cm = impl.confusion_matrix(t, p, 4)
    for c in range(4):
        tp = sum(1 for a, b in zip(t, p, strict=True) if a == c and b == c)
        fp = sum(1 for a, b in zip(t, p, strict=True) if a != c and b == c)
        fn = sum(1 for a, b in zip(t, p, strict=True) if a == c and b != c)
        assert impl.per_class_f1(cm)[2][c] == pytest.approx(2 * tp / (2 * tp + fp + fn))
    assert impl.micro_f1(cm) == pytest.approx(np.mean(t == p))


def test_perfect_and_empty(impl):
    cm = impl.confusion_matrix(np.array([0, 1, 2]), np.array([0, 1, 2]), 3)
    assert impl.macro_f1(cm) == 1.0 and impl.micro_f1(cm) == 1.0
    empty = impl.confusion_matrix(np.array([], dtype=int), np.array([], dtype=int), 2)
    assert empty.tolist() == [[0, 0], [0, 0]]
    assert impl.macro_f1(empty) == 0.0 and impl.micro_f1(empty) == 0.0


def test_errors(impl):
    with pytest.raises(ValueError):
        impl.confusion_matrix(np.array([0, 3]), np.array([0, 1]), 3)
    with pytest.raises(ValueError):
        impl.confusion_matrix(np.array([0, -1]), np.array([0, 1]), 3)
    with pytest.raises(ValueError):
        impl.confusion_matrix(np.array([0, 1]), np.array([0]), 3)
