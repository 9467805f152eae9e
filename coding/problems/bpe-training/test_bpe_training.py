"""Tests for BPE training: hand-worked examples, tie-breaking, word boundaries and stopping."""

import numpy as np


def test_hand_worked_example(impl):
    # aaabdaaabac: (a,a) x4; then (a,b) ties (aa,a) at 2 and wins as the smaller tuple; then (aa,ab) x2;
    # then every pair occurs once and (a,c) is the smallest.
    assert impl.train_bpe(["aaabdaaabac"], 4) == [("a", "a"), ("a", "b"), ("aa", "ab"), ("a", "c")]


def test_word_counts_weight_the_pairs(impl):
    corpus = ["low low low low low lower lower newest newest newest newest newest newest widest widest widest"]
    merges = impl.train_bpe(corpus, 3)
    # (e,s) and (s,t) each occur 6 + 3 = 9 times, (l,o) and (o,w) 7: (e,s) wins the tie, then (es,t) at 9
    assert merges == [("e", "s"), ("es", "t"), ("l", "o")]


def test_pairs_do_not_cross_words(impl):
    assert impl.train_bpe(["a b a b a b"], 5) == []
    assert impl.train_bpe(["ab ba", "ab"], 1) == [("a", "b")]


def test_stops_when_every_word_is_one_symbol(impl):
    merges = impl.train_bpe(["abc abc"], 10)
    assert merges == [("a", "b"), ("ab", "c")]
    assert impl.train_bpe(["abc"], 0) == []


def test_overlapping_runs_merge_left_to_right(impl):
    # aaaa: (a,a) counted 3 times; merging left to right gives aa aa, then (aa,aa)
    assert impl.train_bpe(["aaaa"], 2) == [("a", "a"), ("aa", "aa")]


def test_every_merge_builds_on_known_symbols(impl):
    rng = np.random.default_rng(0)
    words = ["".join(rng.choice(list("abcd"), size=rng.integers(1, 7))) for _ in range(60)]
    merges = impl.train_bpe([" ".join(words)], 25)
    known = set("abcd")
    for left, right in merges:
        assert left in known and right in known
        known.add(left + right)
    assert len(merges) == len(set(merges))
