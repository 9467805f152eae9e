"""Tests for DCG and NDCG@k: the formula by hand, brute-force ideal orderings, ties and edge cases."""

import itertools
import math

import numpy as np
import pytest


def test_dcg_by_hand(impl):
    rel = [3, 2, 3, 0, 1, 2]
    expected = 7 + 3 / math.log2(3) + 7 / 2 + 0 + 1 / math.log2(6) + 3 / math.log2(7)
    assert impl.dcg_at_k(np.array(rel), 6) == pytest.approx(expected)
    assert impl.dcg_at_k(np.array(rel), 2) == pytest.approx(7 + 3 / math.log2(3))
    assert impl.dcg_at_k(np.array(rel), 100) == pytest.approx(expected)


def test_ndcg_by_hand(impl):
    y = np.array([0, 1, 2])
    s = np.array([0.9, 0.5, 0.1])  # ranking 0, 1, 2 puts the best item last
    dcg = 0 + 1 / math.log2(3) + 3 / 2
    ideal = 3 + 1 / math.log2(3)
    assert impl.ndcg_at_k(y, s, 3) == pytest.approx(dcg / ideal)
    assert impl.ndcg_at_k(y, s, 1) == 0.0


def test_ideal_is_the_best_of_all_orderings(impl):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, size=6)
    y[0] = 3
    k = 4
    best = max(impl.dcg_at_k(y[list(p)], k) for p in itertools.permutations(range(6)))
    for _ in range(10):
        s = rng.normal(size=6)
        got = impl.ndcg_at_k(y, s, k)
        assert 0.0 <= got <= 1.0 + 1e-12
        assert got == pytest.approx(impl.dcg_at_k(y[np.argsort(-s, kind="stable")], k) / best)
    assert impl.ndcg_at_k(y, y + 0.0, k) == pytest.approx(1.0)


def test_ties_break_by_lower_index(impl):
    y = np.array([0, 2])
    assert impl.ndcg_at_k(y, np.array([1.0, 1.0]), 1) == 0.0
    assert impl.ndcg_at_k(y[::-1], np.array([1.0, 1.0]), 1) == 1.0


def test_nothing_relevant_and_bad_k(impl):
    assert impl.ndcg_at_k(np.zeros(4), np.arange(4.0), 3) == 0.0
    with pytest.raises(ValueError):
        impl.ndcg_at_k(np.ones(3), np.ones(3), 0)
    with pytest.raises(ValueError):
        impl.ndcg_at_k(np.ones(3), np.ones(2), 2)


def test_extreme_scores(impl):
    y = np.array([1, 0, 2])
    assert impl.ndcg_at_k(y, np.array([1e-300, -1e300, 1e300]), 3) == pytest.approx(1.0)
