"""Tests for the stratified split: exact per-class counts, partition, randomness and reproducibility."""

import math
from collections import Counter

import numpy as np
import pytest


def labels():
    return np.array(["a"] * 50 + ["b"] * 30 + ["c"] * 7 + ["d"] * 1 + ["e"] * 2)


def test_partition_of_all_indices(impl):
    y = labels()
    train, test = impl.stratified_split(y, 0.25, np.random.default_rng(0))
    assert np.all(np.diff(train) > 0) and np.all(np.diff(test) > 0)
    assert set(train.tolist()).isdisjoint(test.tolist())
    assert sorted(train.tolist() + test.tolist()) == list(range(len(y)))


def test_exact_counts_per_class(impl):
    y = labels()
    _, test = impl.stratified_split(y, 0.25, np.random.default_rng(1))
    counts = Counter(y[test].tolist())
    # floor(0.25 n + 0.5): a 50 -> 13, b 30 -> 8, c 7 -> 2, d 1 -> 0 (kept for training), e 2 -> 1
    assert counts == {"a": 13, "b": 8, "c": 2, "e": 1}
    for cls, n in Counter(y.tolist()).items():
        assert counts.get(cls, 0) == min(math.floor(0.25 * n + 0.5), n - 1)


def test_large_fraction_still_keeps_each_class_in_training(impl):
    y = np.array([0, 0, 1, 1, 1])
    train, test = impl.stratified_split(y, 0.9, np.random.default_rng(2))
    assert set(y[train].tolist()) == {0, 1}
    assert len(test) == 3


def test_reproducible_and_random(impl):
    y = labels()
    a = impl.stratified_split(y, 0.3, np.random.default_rng(3))[1]
    b = impl.stratified_split(y, 0.3, np.random.default_rng(3))[1]
    c = impl.stratified_split(y, 0.3, np.random.default_rng(4))[1]
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_every_member_is_equally_likely_to_be_chosen(impl):
    y = np.array([0] * 10 + [1] * 4)
    rng = np.random.default_rng(5)
    hits = np.zeros(14)
    for _ in range(500):
        hits[impl.stratified_split(y, 0.5, rng)[1]] += 1
    np.testing.assert_allclose(hits[:10] / 500, 0.5, atol=0.1)
    np.testing.assert_allclose(hits[10:] / 500, 0.5, atol=0.1)


@pytest.mark.parametrize(("y", "t"), [(np.array([]), 0.2), (np.array([0, 1]), 0.0), (np.array([0, 1]), 1.0)])
def test_errors(impl, y, t):
    with pytest.raises(ValueError):
        impl.stratified_split(y, t, np.random.default_rng(0))
