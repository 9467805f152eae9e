"""Tests for perplexity: the uniform model, hand values with math, masking and huge logits."""

import math

import numpy as np
import pytest


def test_uniform_model_has_perplexity_v(impl):
    targets = np.random.default_rng(0).integers(0, 7, size=(2, 5))
    assert impl.perplexity(np.zeros((2, 5, 7)), targets) == pytest.approx(7.0)


def test_hand_value(impl):
    logits = np.log(np.array([[[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]]]))
    targets = np.array([[0, 1]])
    assert impl.perplexity(logits, targets) == pytest.approx(math.exp(-(math.log(0.5) + math.log(0.8)) / 2))


def test_matches_per_position_loop(impl):
    rng = np.random.default_rng(1)
    logits = rng.normal(scale=2, size=(3, 4, 6))
    targets = rng.integers(0, 6, size=(3, 4))
    nll = []
    for i in range(3):
        for t in range(4):
            row = logits[i, t]
            nll.append(-(row[targets[i, t]] - math.log(sum(math.exp(v) for v in row))))
    assert impl.perplexity(logits, targets) == pytest.approx(math.exp(sum(nll) / len(nll)))


def test_padding_is_ignored(impl):
    logits = np.log(np.array([[[0.5, 0.5], [0.01, 0.99]], [[0.9, 0.1], [0.5, 0.5]]]))
    targets = np.array([[0, 0], [0, 1]])
    mask = np.array([[True, False], [True, False]])
    assert impl.perplexity(logits, targets, mask) == pytest.approx(math.exp(-(math.log(0.5) + math.log(0.9)) / 2))
    assert impl.perplexity(logits, targets) > impl.perplexity(logits, targets, mask)


def test_huge_logits_are_stable(impl):
    logits = np.array([[[1e4, 0.0, -1e4], [0.0, 1e4, 1e4]]])
    targets = np.array([[0, 2]])
    assert impl.perplexity(logits, targets) == pytest.approx(math.sqrt(2.0))


def test_errors(impl):
    with pytest.raises(ValueError):
        impl.perplexity(np.zeros((1, 2, 3)), np.zeros((1, 3), dtype=int))
    with pytest.raises(ValueError):
        impl.perplexity(np.zeros((1, 2, 3)), np.zeros((1, 2), dtype=int), np.zeros((1, 2), dtype=bool))
