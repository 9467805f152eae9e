"""Tests for greedy decoding with a toy bigram model whose best path is known by hand."""

import numpy as np

# bigram table: row = last token, column = next token; token 0 is the end token
BIGRAM = np.array(
    [
        [0.0, 0.0, 0.0, 0.0],
        [0.1, 0.0, 2.0, 0.5],  # 1 -> 2
        [0.2, 0.3, 0.1, 3.0],  # 2 -> 3
        [5.0, 1.0, 0.0, 0.0],  # 3 -> end
    ]
)


def bigram_step(tokens):
    return BIGRAM[tokens[-1]].copy()


def test_follows_the_argmax_chain_and_stops_at_eos(impl):
    assert impl.greedy_decode(bigram_step, [1], eos_id=0, max_new_tokens=10) == [2, 3, 0]


def test_respects_max_new_tokens(impl):
    assert impl.greedy_decode(bigram_step, [1], eos_id=0, max_new_tokens=2) == [2, 3]
    assert impl.greedy_decode(bigram_step, [1], eos_id=0, max_new_tokens=0) == []


def test_passes_the_growing_prefix_and_keeps_the_prompt(impl):
    seen = []

    def recording_step(tokens):
        seen.append(list(tokens))
        return bigram_step(tokens)

    prompt = [3, 1]
    impl.greedy_decode(recording_step, prompt, eos_id=0, max_new_tokens=5)
    assert seen == [[3, 1], [3, 1, 2], [3, 1, 2, 3]]
    assert prompt == [3, 1]


def test_ties_go_to_the_lowest_id_and_never_ending_models_run_to_the_cap(impl):
    def flat(tokens):
        return np.array([-1.0, 4.0, 4.0, 4.0])

    assert impl.greedy_decode(flat, [2], eos_id=0, max_new_tokens=4) == [1, 1, 1, 1]


def test_context_dependent_model(impl):
    rng = np.random.default_rng(0)
    table = rng.normal(size=(5, 5, 6))

    def trigram(tokens):
        return table[tokens[-2] % 5, tokens[-1] % 5]

    got = impl.greedy_decode(trigram, [1, 2], eos_id=99, max_new_tokens=8)
    tokens = [1, 2]
    for _ in range(8):  # independent replay
        tokens.append(max(range(6), key=lambda t: table[tokens[-2] % 5, tokens[-1] % 5][t]))
    assert got == tokens[2:]


def test_huge_logits(impl):
    def step(tokens):
        return np.array([1e300, -1e300, 1e308]) if len(tokens) < 3 else np.array([1e308, 0.0, 0.0])

    assert impl.greedy_decode(step, [1], eos_id=0, max_new_tokens=5) == [2, 2, 0]
