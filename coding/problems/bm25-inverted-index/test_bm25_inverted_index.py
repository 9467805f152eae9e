"""Tests for the BM25 index: postings, a brute-force scorer over every document, hand values and edge cases."""

import math
import re
from collections import Counter

import pytest

DOCS = [
    "The quick brown fox jumps over the lazy dog.",
    "A quick brown dog outpaces a quick fox!",
    "Lazy afternoons: the dog sleeps, the fox sleeps.",
    "Nothing to see here",
    "",
]


def brute_force(docs, query, k1=1.5, b=0.75):
    """Score every document straight from the formula, without an index."""
    toks = [re.findall(r"[a-z0-9]+", d.lower()) for d in docs]
    n, avgdl = len(docs), sum(map(len, toks)) / len(docs)
    out = {}
    for doc_id, words in enumerate(toks):
        tf = Counter(words)
        score = 0.0
        for term in set(re.findall(r"[a-z0-9]+", query.lower())):
            df = sum(term in t for t in toks)
            if tf[term]:
                idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
                score += idf * tf[term] * (k1 + 1) / (tf[term] + k1 * (1 - b + b * len(words) / avgdl))
        if score > 0:
            out[doc_id] = score
    return sorted(out.items(), key=lambda item: (-item[1], item[0]))


def test_tokenize(impl):
    assert impl.tokenize("Don't stop! BM25, v2.0") == ["don", "t", "stop", "bm25", "v2", "0"]
    assert impl.tokenize("  ") == []


def test_postings_and_lengths(impl):
    index = impl.BM25Index(DOCS)
    assert index.postings["quick"] == {0: 1, 1: 2}
    assert index.postings["fox"] == {0: 1, 1: 1, 2: 1}
    assert index.doc_lengths == [9, 8, 8, 4, 0]
    assert "nothing" in index.postings and "" not in index.postings


@pytest.mark.parametrize("query", ["quick fox", "lazy dog sleeps", "the", "here nothing", "FOX fox Fox"])
def test_matches_brute_force(impl, query):
    got = impl.BM25Index(DOCS).search(query, k=10)
    want = brute_force(DOCS, query)
    assert [d for d, _ in got] == [d for d, _ in want]
    for (_, s), (_, w) in zip(got, want, strict=True):
        assert s == pytest.approx(w)


def test_hand_value_for_a_single_term(impl):
    docs = ["apple banana", "banana banana cherry", "cherry"]
    index = impl.BM25Index(docs, k1=1.2, b=0.75)
    # "apple": n_t = 1 of N = 3; doc 0 has |d| = 2, avgdl = 2, so the length factor is 1
    idf = math.log(1 + (3 - 1 + 0.5) / (1 + 0.5))
    assert index.search("apple") == [(0, pytest.approx(idf * 1 * 2.2 / (1 + 1.2)))]


def test_length_normalisation_and_saturation(impl):
    docs = ["cat", "cat dog dog dog dog dog dog dog", "cat cat cat cat", "bird"]
    no_length = dict(impl.BM25Index(docs, b=0.0).search("cat"))
    assert no_length[0] == pytest.approx(no_length[1])  # b = 0: length is ignored
    full = dict(impl.BM25Index(docs).search("cat"))
    assert full[0] > full[1]  # the long document is penalised
    idf = math.log(1 + (4 - 3 + 0.5) / (3 + 0.5))
    assert no_length[2] < idf * (1.5 + 1)  # repeated terms saturate below idf * (k1 + 1)
    assert no_length[2] > no_length[0]


def test_top_k_ties_and_misses(impl):
    index = impl.BM25Index(["red", "red", "blue", "red"])
    assert [d for d, _ in index.search("red", k=2)] == [0, 1]
    assert index.search("green") == []
    assert index.search("") == []


def test_empty_collection_raises(impl):
    with pytest.raises(ValueError):
        impl.BM25Index([])
