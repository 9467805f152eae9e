"""Tests for beam search: a hand-made case where greedy fails, and exhaustive enumeration as reference."""

import heapq
import itertools
import math

import numpy as np
import pytest

EOS = 0


def table_model(table):
    def step(tokens):
        return np.log(np.array(table[tuple(tokens)]))

    return step


# greedy takes token 1 (0.5) and then can only reach 0.5 / 3; the beam finds 2 -> end at 0.4 * 0.9
HAND = {
    (9,): [0.1, 0.5, 0.4],
    (9, 1): [1 / 3, 1 / 3, 1 / 3],
    (9, 2): [0.9, 0.05, 0.05],
}


def test_beam_beats_greedy_on_a_hand_made_model(impl):
    tokens, score = impl.beam_search(table_model(HAND), [9], EOS, beam_width=2, max_new_tokens=2)
    assert tokens == [2, 0]
    assert score == pytest.approx(math.log(0.4 * 0.9))


def test_width_one_keeps_only_the_best_prefix(impl):
    tokens, score = impl.beam_search(table_model(HAND), [9], EOS, beam_width=1, max_new_tokens=2)
    # the live beam is [1]; its two-token paths (0.5 / 3 each) beat the early end token (0.1)
    assert tokens in ([1, 0], [1, 1], [1, 2])
    assert score == pytest.approx(math.log(0.5 / 3))


def test_pruning_keeps_the_most_likely_prefix(impl):
    # the best first token is the last id; a beam that keeps extensions in index order would lose it
    table = {(9,): [0.1, 0.1, 0.2, 0.6], (9, 3): [0.9, 0.05, 0.03, 0.02]}

    def step(tokens):
        return np.log(np.array(table.get(tuple(tokens), [0.25] * 4)))

    tokens, score = impl.beam_search(step, [9], EOS, beam_width=1, max_new_tokens=2)
    assert tokens == [3, 0]
    assert score == pytest.approx(math.log(0.54))


def random_model(vocab):
    def step(tokens):
        return np.random.default_rng([*tokens, 7]).normal(size=vocab) * 2  # a fixed function of the prefix

    return step


def brute_force(step, prompt, vocab, max_len, alpha):
    """Score every possible output: sequences ending at their first end token, or of full length."""

    def log_softmax(z):
        m = z.max()
        return z - m - math.log(np.exp(z - m).sum())

    best = None
    for length in range(1, max_len + 1):
        for seq in itertools.product(range(vocab), repeat=length):
            if EOS in seq[:-1] or (length < max_len and seq[-1] != EOS):
                continue
            logp = sum(log_softmax(step(prompt + list(seq[:i])))[seq[i]] for i in range(length))
            score = logp / length**alpha
            if best is None or score > best[1]:
                best = (list(seq), score)
    return best


@pytest.mark.parametrize("alpha", [0.0, 1.0])
def test_wide_beam_equals_exhaustive_search(impl, alpha):
    vocab, max_len = 4, 4
    step = random_model(vocab)
    tokens, score = impl.beam_search(step, [3], EOS, beam_width=27, max_new_tokens=max_len, length_penalty=alpha)
    want_tokens, want_score = brute_force(step, [3], vocab, max_len, alpha)
    assert tokens == want_tokens
    assert score == pytest.approx(want_score)


def heap_beam(step, prompt, width, max_len):
    """An independent beam search: heapq.nlargest over (log-prob, tokens) extensions."""
    live, done = [(0.0, ())], []
    for _ in range(max_len):
        ext = []
        for logp, seq in live:
            z = step(prompt + list(seq))
            lp = z - z.max() - math.log(np.exp(z - z.max()).sum())
            ext += [(logp + lp[t], (*seq, t)) for t in range(len(z))]
        done += [e for e in ext if e[1][-1] == EOS]
        live = heapq.nlargest(width, [e for e in ext if e[1][-1] != EOS])
    best = max(done + live)
    return list(best[1]), best[0]


@pytest.mark.parametrize("width", [2, 3])
def test_narrow_beam_matches_an_independent_beam(impl, width):
    step = random_model(5)
    tokens, score = impl.beam_search(step, [2], EOS, beam_width=width, max_new_tokens=4)
    want_tokens, want_score = heap_beam(step, [2], width, 4)
    assert tokens == want_tokens
    assert score == pytest.approx(want_score)


def test_narrow_beam_never_scores_above_the_optimum(impl):
    step = random_model(5)
    _, best = brute_force(step, [1], 5, 3, 0.0)
    for width in (1, 2, 3):
        _, score = impl.beam_search(step, [1], EOS, beam_width=width, max_new_tokens=3)
        assert score <= best + 1e-12


def test_huge_logits_stay_finite(impl):
    def step(tokens):
        return np.array([1e4, -1e4, -1e4])  # the end token is all but certain

    tokens, score = impl.beam_search(step, [1], EOS, beam_width=2, max_new_tokens=6)
    assert tokens == [0]
    assert math.isfinite(score) and score == pytest.approx(0.0, abs=1e-9)


def test_stops_when_nothing_is_live(impl):
    calls = []

    def only_end_token(tokens):
        calls.append(tokens)
        return np.array([3.0])

    assert impl.beam_search(only_end_token, [1], EOS, beam_width=3, max_new_tokens=50) == ([0], 0.0)
    assert calls == [[1]]
