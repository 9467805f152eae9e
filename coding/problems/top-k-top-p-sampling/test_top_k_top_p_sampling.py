"""Tests for temperature, top-k and top-p filtering (values worked by hand) and the sampler's frequencies."""

import math

import numpy as np
import pytest

P = [0.5, 0.3, 0.15, 0.05]
LOGITS = np.log(P)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, P),
        ({"top_k": 2}, [0.625, 0.375, 0, 0]),
        ({"top_p": 0.75}, [0.625, 0.375, 0, 0]),
        ({"top_p": 0.85}, [0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0]),
        ({"top_p": 0.4}, [1, 0, 0, 0]),
        ({"top_p": 1.0}, P),
        ({"top_k": 1}, [1, 0, 0, 0]),
        ({"top_k": 10}, P),
        ({"top_k": 3, "top_p": 0.9}, [0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0]),
        ({"top_k": 3, "top_p": 0.8}, [0.5 / 0.8, 0.3 / 0.8, 0, 0]),
        ({"temperature": 0.0, "top_k": 3}, [1, 0, 0, 0]),
    ],
)
def test_hand_worked_distributions(impl, kwargs, expected):
    np.testing.assert_allclose(impl.filtered_probs(LOGITS, **kwargs), expected, atol=1e-12)


def test_reaching_top_p_exactly_is_enough(impl):
    logits = np.array([math.log(2), 0.0, 0.0])  # probabilities 1/2, 1/4, 1/4, exact in binary
    np.testing.assert_array_equal(impl.filtered_probs(logits, top_p=0.5), [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(impl.filtered_probs(logits, top_p=0.75), [2 / 3, 1 / 3, 0.0])


def test_temperature_is_a_power_of_the_probabilities(impl):
    for t in (0.5, 2.0):
        powered = np.array(P) ** (1 / t)
        np.testing.assert_allclose(impl.filtered_probs(LOGITS, temperature=t), powered / powered.sum())


def test_ties_go_to_the_lower_index(impl):
    probs = impl.filtered_probs(np.array([1.0, 3.0, 3.0, 0.0]), top_k=1)
    np.testing.assert_array_equal(probs, [0, 1, 0, 0])
    np.testing.assert_array_equal(impl.filtered_probs(np.array([2.0, 5.0, 5.0]), temperature=0), [0, 1, 0])


def test_huge_logits_are_stable(impl):
    probs = impl.filtered_probs(np.array([1000.0, 1000.0 - math.log(3), -1000.0]), top_p=0.99)
    assert np.all(np.isfinite(probs))
    np.testing.assert_allclose(probs, [0.75, 0.25, 0.0])


@pytest.mark.parametrize("kwargs", [{"temperature": -1.0}, {"top_k": 0}, {"top_p": 0.0}, {"top_p": 1.5}])
def test_rejects_bad_arguments(impl, kwargs):
    with pytest.raises(ValueError):
        impl.filtered_probs(LOGITS, **kwargs)


def test_sampler_frequencies_match_the_distribution(impl):
    rng = np.random.default_rng(0)
    n = 4000
    draws = [impl.sample_token(LOGITS, rng, top_p=0.85) for _ in range(n)]
    assert all(isinstance(d, int) for d in draws[:5])
    counts = np.bincount(draws, minlength=4)
    assert counts[3] == 0  # filtered out, never drawn
    expected = np.array([0.5, 0.3, 0.15, 0.0]) / 0.95
    se = np.sqrt(expected * (1 - expected) / n)
    assert np.all(np.abs(counts / n - expected) <= 4 * se + 1e-12)


def test_sampler_is_reproducible_and_greedy_at_zero_temperature(impl):
    a = [impl.sample_token(LOGITS, np.random.default_rng(5)) for _ in range(3)]
    b = [impl.sample_token(LOGITS, np.random.default_rng(5)) for _ in range(3)]
    assert a == b
    rng = np.random.default_rng(1)
    assert {impl.sample_token(LOGITS, rng, temperature=0.0) for _ in range(50)} == {0}
