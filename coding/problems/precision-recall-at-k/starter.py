"""Precision@k and recall@k for ranked recommendations, per user and averaged over users."""

from __future__ import annotations

from collections.abc import Hashable, Sequence


def precision_at_k(recommended: Sequence[Hashable], relevant: set[Hashable], k: int) -> float:
    """Relevant items in the first k recommended, divided by k."""
    raise NotImplementedError


def recall_at_k(recommended: Sequence[Hashable], relevant: set[Hashable], k: int) -> float:
    """Relevant items in the first k recommended, divided by len(relevant) (ValueError if empty)."""
    raise NotImplementedError


def mean_precision_recall_at_k(
    recommendations: Sequence[Sequence[Hashable]], relevants: Sequence[set[Hashable]], k: int
) -> tuple[float, float]:
    """Means over users that have at least one relevant item."""
    raise NotImplementedError
