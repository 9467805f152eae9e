"""Tests for k-fold and group k-fold: coverage, sizes, shuffling, groups kept whole, greedy balance by hand."""

import numpy as np
import pytest


def check_partition(folds, n):
    seen = np.concatenate([val for _, val in folds])
    assert sorted(seen.tolist()) == list(range(n))
    for train, val in folds:
        assert np.all(np.diff(train) > 0) and np.all(np.diff(val) > 0)
        assert sorted(train.tolist() + val.tolist()) == list(range(n))


def test_k_fold_sizes_and_contiguous_blocks(impl):
    folds = impl.k_fold(10, 3)
    check_partition(folds, 10)
    assert [len(v) for _, v in folds] == [4, 3, 3]
    assert folds[0][1].tolist() == [0, 1, 2, 3] and folds[2][1].tolist() == [7, 8, 9]


def test_k_fold_shuffles_reproducibly(impl):
    a = impl.k_fold(20, 4, np.random.default_rng(0))
    b = impl.k_fold(20, 4, np.random.default_rng(0))
    check_partition(a, 20)
    assert all(np.array_equal(x[1], y[1]) for x, y in zip(a, b, strict=True))
    assert not np.array_equal(a[0][1], np.arange(5))


def test_group_k_fold_by_hand(impl):
    # sizes: z 4, b 3, a 2, d 2, e 1 -> z:0, b:1, a:2, d:2 (fold 2 has 2 < 3), e:1 (fold 1 has 3 < 4)
    groups = np.array(["a", "z", "z", "b", "d", "z", "e", "b", "a", "z", "b", "d"])
    folds = impl.group_k_fold(groups, 3)
    check_partition(folds, len(groups))
    assert [sorted(set(groups[v].tolist())) for _, v in folds] == [["z"], ["b", "e"], ["a", "d"]]


def test_groups_never_span_folds(impl):
    rng = np.random.default_rng(1)
    groups = rng.integers(0, 15, size=200)
    folds = impl.group_k_fold(groups, 5)
    check_partition(folds, 200)
    for train, val in folds:
        assert set(groups[train].tolist()).isdisjoint(groups[val].tolist())
    sizes = [len(v) for _, v in folds]
    assert max(sizes) - min(sizes) <= np.bincount(groups).max()  # greedy keeps folds within one group of balance


@pytest.mark.parametrize(
    "call",
    [lambda m: m.k_fold(5, 1), lambda m: m.k_fold(3, 4), lambda m: m.group_k_fold(np.array([1, 1, 2]), 3)],
    ids=["k-one", "k-above-n", "fewer-groups-than-folds"],
)
def test_errors(impl, call):
    with pytest.raises(ValueError):
        call(impl)
