"""Tests for BPE encoding: hand-worked words, rank priority, round trips and unknown symbols."""

import itertools

import numpy as np
import pytest

MERGES = [("a", "a"), ("a", "b"), ("aa", "ab"), ("a", "c")]


def test_hand_worked_word(impl):
    # a a a b d a a a b a c -> aa a b d aa a b a c -> aa ab d aa ab a c -> aaab d aaab a c -> aaab d aaab ac
    assert impl.bpe_encode("aaabdaaabac", MERGES) == ["aaab", "d", "aaab", "ac"]


@pytest.mark.parametrize(
    ("merges", "expected"),
    [
        ([("b", "c"), ("a", "b")], ["a", "bc"]),
        ([("a", "b"), ("b", "c")], ["ab", "c"]),
        ([("a", "b"), ("b", "c"), ("ab", "c")], ["abc"]),
    ],
)
def test_lower_rank_wins(impl, merges, expected):
    assert impl.bpe_encode("abc", merges) == expected


def test_empty_unknown_and_no_merges(impl):
    assert impl.bpe_encode("", MERGES) == []
    assert impl.bpe_encode("xyz", MERGES) == ["x", "y", "z"]
    assert impl.bpe_encode("aaaa", []) == ["a", "a", "a", "a"]
    assert impl.bpe_encode("aaaa", [("a", "a")]) == ["aa", "aa"]


def test_symbols_always_rebuild_the_word(impl):
    rng = np.random.default_rng(0)
    merges = [("a", "b"), ("c", "a"), ("ab", "c"), ("b", "b"), ("ca", "b")]
    for _ in range(50):
        word = "".join(rng.choice(list("abc"), size=rng.integers(1, 10)))
        symbols = impl.bpe_encode(word, merges)
        assert "".join(symbols) == word
        for left, right in itertools.pairwise(symbols):
            assert (left, right) not in merges  # nothing left to merge


def test_encode_maps_to_ids_with_unknown(impl):
    vocab = {"[UNK]": 0, "a": 1, "d": 2, "aaab": 3, "ac": 4}
    assert impl.encode("aaabdaaabac  ad\txq", MERGES, vocab) == [3, 2, 3, 4, 1, 2, 0, 0]
    assert impl.encode("   ", MERGES, vocab) == []
