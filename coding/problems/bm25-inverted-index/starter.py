"""A tiny inverted index with BM25 ranking."""

from __future__ import annotations


def tokenize(text: str) -> list[str]:
    """Lowercased runs of ASCII letters and digits."""
    raise NotImplementedError


class BM25Index:
    """Inverted index over a list of documents; ids are list positions."""

    def __init__(self, documents: list[str], k1: float = 1.5, b: float = 0.75) -> None:
        raise NotImplementedError

    def search(self, query: str, k: int = 10) -> list[tuple[int, float]]:
        """Up to k (doc_id, score) pairs with positive score, best first, ties by lower id."""
        raise NotImplementedError
