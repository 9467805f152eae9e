"""Tests for precision@k and recall@k: hand-counted lists, short lists, averaging and errors."""

import numpy as np
import pytest

REC = ["a", "b", "c", "d", "e"]
REL = {"b", "e", "z"}


@pytest.mark.parametrize(("k", "precision", "recall"), [(1, 0.0, 0.0), (2, 0.5, 1 / 3), (5, 0.4, 2 / 3)])
def test_hand_counted(impl, k, precision, recall):
    assert impl.precision_at_k(REC, REL, k) == pytest.approx(precision)
    assert impl.recall_at_k(REC, REL, k) == pytest.approx(recall)


def test_short_list_divides_by_k(impl):
    assert impl.precision_at_k(["b"], REL, 10) == pytest.approx(0.1)
    assert impl.recall_at_k(["b"], REL, 10) == pytest.approx(1 / 3)
    assert impl.precision_at_k([], REL, 3) == 0.0


def test_matches_numpy_counting_on_random_lists(impl):
    rng = np.random.default_rng(0)
    for _ in range(20):
        rec = list(rng.permutation(30)[:12])
        rel = set(rng.choice(30, size=5, replace=False).tolist())
        k = int(rng.integers(1, 15))
        hits = np.isin(np.array(rec[:k]), list(rel)).sum()
        assert impl.precision_at_k(rec, rel, k) == pytest.approx(hits / k)
        assert impl.recall_at_k(rec, rel, k) == pytest.approx(hits / 5)


def test_mean_skips_users_without_relevant_items(impl):
    recs = [REC, ["z", "y"], ["q"]]
    rels = [REL, {"z"}, set()]
    precision, recall = impl.mean_precision_recall_at_k(recs, rels, 2)
    assert precision == pytest.approx((0.5 + 0.5) / 2)
    assert recall == pytest.approx((1 / 3 + 1.0) / 2)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.precision_at_k(REC, REL, 0),
        lambda m: m.precision_at_k(["a", "a"], REL, 2),
        lambda m: m.recall_at_k(REC, set(), 3),
        lambda m: m.mean_precision_recall_at_k([REC], [set()], 3),
    ],
    ids=["k-zero", "duplicate", "no-relevant", "no-user"],
)
def test_errors(impl, call):
    with pytest.raises(ValueError):
        call(impl)
