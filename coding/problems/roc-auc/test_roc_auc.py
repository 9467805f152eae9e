"""Tests for ROC AUC against brute-force pair counting, with ties, invariances and errors."""

import numpy as np
import pytest


def pairwise_auc(y, s):
    pos = [si for yi, si in zip(y, s, strict=True) if yi == 1]
    neg = [si for yi, si in zip(y, s, strict=True) if yi == 0]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def test_hand_worked_example_with_a_tie(impl):
    # pairs (pos, neg): (0.8, 0.4) win, (0.8, 0.8) tie, (0.3, 0.4) loss, (0.3, 0.8) loss -> 1.5 / 4
    assert impl.roc_auc(np.array([1, 0, 1, 0]), np.array([0.8, 0.4, 0.3, 0.8])) == pytest.approx(0.375)


@pytest.mark.parametrize("seed", range(4))
def test_matches_pair_counting_with_many_ties(impl, seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=80)
    y[:2] = [0, 1]
    s = rng.integers(0, 6, size=80).astype(float)  # few distinct values: many ties
    assert impl.roc_auc(y, s) == pytest.approx(pairwise_auc(y, s), abs=1e-12)


def test_perfect_reversed_and_constant(impl):
    y = np.array([0, 0, 1, 1, 1])
    s = np.array([0.1, 0.2, 0.7, 0.8, 0.9])
    assert impl.roc_auc(y, s) == 1.0
    assert impl.roc_auc(y, -s) == 0.0
    assert impl.roc_auc(y, np.full(5, 3.0)) == 0.5


def test_invariant_to_monotone_transforms_and_order(impl):
    rng = np.random.default_rng(9)
    y = rng.integers(0, 2, size=50)
    s = rng.normal(size=50)
    base = impl.roc_auc(y, s)
    assert impl.roc_auc(y, np.exp(3 * s) + 7) == pytest.approx(base)
    perm = rng.permutation(50)
    assert impl.roc_auc(y[perm], s[perm]) == pytest.approx(base)


def test_huge_and_tiny_scores(impl):
    y = np.array([0, 1, 0, 1])
    assert impl.roc_auc(y, np.array([-1e300, 1e300, 1e-300, 2e-300])) == 1.0


@pytest.mark.parametrize(("y", "s"), [([1, 1, 1], [0.1, 0.2, 0.3]), ([0, 0], [0.5, 0.6]), ([0, 1], [0.5])])
def test_rejects_missing_class_and_bad_lengths(impl, y, s):
    with pytest.raises(ValueError):
        impl.roc_auc(np.array(y), np.array(s))
