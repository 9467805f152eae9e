"""Precision@k and recall@k for ranked recommendations, per user and averaged over users."""

from __future__ import annotations

from collections.abc import Hashable, Sequence


def _hits(recommended: Sequence[Hashable], relevant: set[Hashable], k: int) -> int:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if len(set(recommended)) != len(recommended):
        raise ValueError("a recommended list must not repeat an item")
    return sum(item in relevant for item in recommended[:k])


def precision_at_k(recommended: Sequence[Hashable], relevant: set[Hashable], k: int) -> float:
    """Relevant items in the first k recommended, divided by k."""
    return _hits(recommended, relevant, k) / k


def recall_at_k(recommended: Sequence[Hashable], relevant: set[Hashable], k: int) -> float:
    """Relevant items in the first k recommended, divided by len(relevant) (ValueError if empty)."""
    if not relevant:
        raise ValueError("recall is undefined when there is no relevant item")
    return _hits(recommended, relevant, k) / len(relevant)


def mean_precision_recall_at_k(
    recommendations: Sequence[Sequence[Hashable]], relevants: Sequence[set[Hashable]], k: int
) -> tuple[float, float]:
    """Means over users that have at least one relevant item."""
    users = [(rec, rel) for rec, rel in zip(recommendations, relevants, strict=True) if rel]
    if not users:
        raise ValueError("no user has a relevant item")
    precision = sum(precision_at_k(rec, rel, k) for rec, rel in users) / len(users)
    recall = sum(recall_at_k(rec, rel, k) for rec, rel in users) / len(users)
    return precision, recall
