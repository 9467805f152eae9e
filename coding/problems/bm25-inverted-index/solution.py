"""A tiny inverted index with BM25 ranking."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict


def tokenize(text: str) -> list[str]:
    """Lowercased runs of ASCII letters and digits."""
    return re.findall(r"[a-z0-9]+", text.lower())


class BM25Index:
    """Inverted index over a list of documents; ids are list positions."""

    def __init__(self, documents: list[str], k1: float = 1.5, b: float = 0.75) -> None:
        if not documents:
            raise ValueError("cannot index an empty list of documents")
        self.k1, self.b = k1, b
        self.postings: dict[str, dict[int, int]] = defaultdict(dict)
        self.doc_lengths: list[int] = []
        for doc_id, text in enumerate(documents):
            tokens = tokenize(text)
            self.doc_lengths.append(len(tokens))
            for term, freq in Counter(tokens).items():
                self.postings[term][doc_id] = freq
        self.postings = dict(self.postings)
        self.avgdl = sum(self.doc_lengths) / len(self.doc_lengths)

    def _idf(self, term: str) -> float:
        n_t = len(self.postings[term])
        return math.log(1 + (len(self.doc_lengths) - n_t + 0.5) / (n_t + 0.5))

    def search(self, query: str, k: int = 10) -> list[tuple[int, float]]:
        """Up to k (doc_id, score) pairs with positive score, best first, ties by lower id."""
        scores: dict[int, float] = defaultdict(float)
        for term in set(tokenize(query)):
            if term not in self.postings:
                continue
            idf = self._idf(term)
            for doc_id, freq in self.postings[term].items():
                norm = self.k1 * (1 - self.b + self.b * self.doc_lengths[doc_id] / self.avgdl)
                scores[doc_id] += idf * freq * (self.k1 + 1) / (freq + norm)
        ranked = sorted(((d, s) for d, s in scores.items() if s > 0), key=lambda item: (-item[1], item[0]))
        return ranked[:k]
