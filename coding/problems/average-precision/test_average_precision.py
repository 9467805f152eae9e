"""Tests for average precision: hand values, a per-threshold loop reference, ties and errors."""

import numpy as np
import pytest


def threshold_loop(y, s):
    n_pos = sum(y)
    ap, prev_recall = 0.0, 0.0
    for t in sorted(set(s), reverse=True):
        predicted = [yi for yi, si in zip(y, s, strict=True) if si >= t]
        precision = sum(predicted) / len(predicted)
        recall = sum(predicted) / n_pos
        ap += (recall - prev_recall) * precision
        prev_recall = recall
    return ap


def test_hand_worked_examples(impl):
    # positives at ranks 1 and 3: (1/1 + 2/3) / 2
    assert impl.average_precision(np.array([1, 0, 1, 0]), np.array([0.9, 0.8, 0.7, 0.6])) == pytest.approx(5 / 6)
    # a tie between a positive and a negative at the top: one threshold, precision 1/2, recall 1
    assert impl.average_precision(np.array([1, 0]), np.array([0.5, 0.5])) == pytest.approx(0.5)


@pytest.mark.parametrize("seed", range(4))
def test_matches_threshold_loop(impl, seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=60)
    y[0] = 1
    s = rng.integers(0, 8, size=60) / 8.0
    assert impl.average_precision(y, s) == pytest.approx(threshold_loop(list(y), list(s)), abs=1e-12)


def test_without_ties_equals_mean_precision_at_positive_ranks(impl):
    rng = np.random.default_rng(4)
    y = rng.integers(0, 2, size=40)
    y[0] = 1
    s = rng.permutation(40).astype(float)
    ranked = y[np.argsort(-s)]
    hits = np.cumsum(ranked)
    expected = np.mean([hits[i] / (i + 1) for i in range(40) if ranked[i]])
    assert impl.average_precision(y, s) == pytest.approx(expected)


def test_perfect_and_all_positive(impl):
    assert impl.average_precision(np.array([0, 1, 1]), np.array([0.1, 0.9, 0.8])) == 1.0
    assert impl.average_precision(np.ones(4), np.array([3.0, 1.0, 2.0, 1.0])) == 1.0


def test_extreme_scores(impl):
    y = np.array([1, 0, 1])
    assert impl.average_precision(y, np.array([1e308, -1e308, 1e-308])) == pytest.approx(1.0)


def test_errors(impl):
    with pytest.raises(ValueError):
        impl.average_precision(np.zeros(3), np.array([0.1, 0.2, 0.3]))
    with pytest.raises(ValueError):
        impl.average_precision(np.array([1, 0]), np.array([0.1]))
