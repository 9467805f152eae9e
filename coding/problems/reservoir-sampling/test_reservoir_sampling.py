"""Tests for reservoir sampling: sizes, single pass over a generator, uniformity by simulation."""

from collections import Counter
from itertools import combinations

import numpy as np
import pytest


def test_short_stream_returns_everything(impl):
    assert sorted(impl.reservoir_sample(iter("abc"), 5, np.random.default_rng(0))) == ["a", "b", "c"]
    assert impl.reservoir_sample([], 3, np.random.default_rng(0)) == []
    assert impl.reservoir_sample(range(10), 0, np.random.default_rng(0)) == []


def test_reads_a_generator_once_and_returns_distinct_items(impl):
    consumed = []

    def stream():
        for i in range(1000):
            consumed.append(i)
            yield i

    sample = impl.reservoir_sample(stream(), 7, np.random.default_rng(1))
    assert len(sample) == 7 and len(set(sample)) == 7
    assert consumed == list(range(1000))


def test_each_item_has_probability_k_over_n(impl):
    rng = np.random.default_rng(2)
    trials, n, k = 3000, 10, 3
    counts = Counter()
    for _ in range(trials):
        counts.update(impl.reservoir_sample(range(n), k, rng))
    freq = np.array([counts[i] for i in range(n)]) / trials
    se = np.sqrt(0.3 * 0.7 / trials)
    assert np.all(np.abs(freq - k / n) < 4 * se)


def test_every_subset_is_equally_likely(impl):
    rng = np.random.default_rng(3)
    trials = 3000
    seen = Counter(frozenset(impl.reservoir_sample(range(5), 2, rng)) for _ in range(trials))
    assert set(seen) == {frozenset(c) for c in combinations(range(5), 2)}
    expected = trials / 10
    assert all(abs(count - expected) < 4 * np.sqrt(expected) for count in seen.values())


def test_negative_k_raises(impl):
    with pytest.raises(ValueError):
        impl.reservoir_sample(range(3), -1, np.random.default_rng(0))
