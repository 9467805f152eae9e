"""Split search: impurities by hand, the best split against an exhaustive search, ties and no-gain nodes."""

import math

import numpy as np
import pytest


def impurity(labels, criterion):
    if len(labels) == 0:
        return 0.0
    p = np.bincount(labels) / len(labels)
    p = p[p > 0]
    return 1 - np.sum(p**2) if criterion == "gini" else -np.sum(p * np.log2(p))


def exhaustive(X, y, criterion):
    """Every feature, every midpoint, impurities recomputed from scratch; ties keep the first found."""
    best = None
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left, right = y[X[:, j] <= t], y[X[:, j] > t]
            gain = impurity(y, criterion) - (
                len(left) * impurity(left, criterion) + len(right) * impurity(right, criterion)
            ) / len(y)
            if gain > 1e-12 and (best is None or gain > best[2] + 1e-12):
                best = (j, t, gain)
    return best


def test_impurities_by_hand(impl):
    assert impl.gini(np.array([0, 0, 1, 1])) == pytest.approx(0.5)
    assert impl.entropy(np.array([0, 0, 1, 1])) == pytest.approx(1.0)
    assert impl.gini(np.array([0, 1, 2])) == pytest.approx(2 / 3)
    assert impl.entropy(np.array([0, 1, 2, 3])) == pytest.approx(2.0)
    assert impl.entropy(np.array([0, 0, 0, 1])) == pytest.approx(-(0.75 * math.log2(0.75) + 0.25 * math.log2(0.25)))
    assert impl.gini(np.array([2, 2, 2])) == 0.0 and impl.entropy(np.array([2, 2, 2])) == 0.0
    assert impl.gini(np.array([], dtype=int)) == 0.0


def test_perfect_split_by_hand(impl):
    X = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0], [4.0, 5.0]])
    y = np.array([0, 0, 1, 1])
    assert impl.best_split(X, y, "gini") == (0, 2.5, pytest.approx(0.5))
    assert impl.best_split(X, y, "entropy") == (0, 2.5, pytest.approx(1.0))


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_exhaustive_search(impl, criterion, seed):
    rng = np.random.default_rng(seed)
    X = np.round(rng.normal(size=(30, 3)), 1)  # rounding creates repeated values
    y = (X[:, 1] + 0.5 * rng.normal(size=30) > 0).astype(int) + (X[:, 2] > 1)
    feature, threshold, gain = impl.best_split(X, y, criterion)
    expected = exhaustive(X, y, criterion)
    assert (feature, threshold) == (expected[0], pytest.approx(expected[1]))
    assert gain == pytest.approx(expected[2])


def test_ties_go_to_the_lowest_feature_then_the_lowest_threshold(impl):
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])  # both features split equally well
    y = np.array([0, 1, 0, 1])
    feature, threshold, _ = impl.best_split(X, y)
    expected = exhaustive(X, y, "gini")
    assert feature == 0 and threshold == pytest.approx(expected[1])


def test_no_split_for_a_pure_node_or_constant_features(impl):
    rng = np.random.default_rng(3)
    assert impl.best_split(rng.normal(size=(10, 2)), np.ones(10, dtype=int)) is None
    assert impl.best_split(np.full((6, 3), 7.0), np.array([0, 1, 0, 1, 0, 1])) is None


def test_rows_equal_to_the_threshold_go_left(impl):
    X = np.array([[1.0], [1.0], [2.0], [3.0]])
    y = np.array([0, 0, 1, 1])
    feature, threshold, _ = impl.best_split(X, y)
    assert (feature, threshold) == (0, 1.5)
    assert np.all(y[X[:, 0] <= threshold] == 0)
