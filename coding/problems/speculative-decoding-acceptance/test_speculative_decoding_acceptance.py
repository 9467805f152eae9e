"""Tests for speculative decoding: the residual by hand, and by simulation that outputs follow the target."""

import numpy as np
import pytest

P = np.array([0.1, 0.5, 0.3, 0.1])
Q = np.array([0.4, 0.2, 0.2, 0.2])


def test_residual_by_hand(impl):
    np.testing.assert_allclose(impl.residual_distribution(P, Q), [0.0, 0.75, 0.25, 0.0])
    np.testing.assert_allclose(impl.residual_distribution(P, P), P)


def test_outputs_follow_the_target_and_acceptance_is_the_overlap(impl):
    rng = np.random.default_rng(0)
    n, accepted = 2500, 0
    first = np.empty(n, dtype=int)
    for t in range(n):
        x = rng.choice(4, p=Q)  # the draft proposes from q
        out = impl.speculative_step(np.array([x]), Q[None], np.vstack([P, P]), rng)
        first[t] = out[0]
        accepted += len(out) == 2
    freq = np.bincount(first, minlength=4) / n
    assert np.all(np.abs(freq - P) < 4 * np.sqrt(P * (1 - P) / n))
    overlap = np.minimum(P, Q).sum()  # 0.6, although q alone would give token 0 four times too often
    assert accepted / n == pytest.approx(overlap, abs=4 * np.sqrt(overlap * (1 - overlap) / n))


def test_identical_models_accept_everything(impl):
    rng = np.random.default_rng(2)
    dist = np.array([0.25, 0.25, 0.5])
    out = impl.speculative_step(np.array([2, 0, 1]), np.tile(dist, (3, 1)), np.tile(dist, (4, 1)), rng)
    assert out[:3] == [2, 0, 1] and len(out) == 4


def test_a_token_the_target_forbids_is_always_replaced(impl):
    rng = np.random.default_rng(3)
    q = np.array([[0.5, 0.5, 0.0], [0.5, 0.5, 0.0]])
    p = np.array([[0.0, 0.2, 0.8], [1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]])
    for _ in range(50):
        out = impl.speculative_step(np.array([0, 1]), q, p, rng)
        assert len(out) == 1 and out[0] == 2  # residual is [0, 0, 1]


def test_greedy_models(impl):
    rng = np.random.default_rng(4)
    one_hot = np.eye(3)
    out = impl.speculative_step(np.array([1, 2]), one_hot[[1, 2]], one_hot[[1, 0, 2]], rng)
    assert out == [1, 0]  # the first proposal matches, the second is replaced by the target's argmax


def test_shape_errors(impl):
    rng = np.random.default_rng(5)
    with pytest.raises(ValueError):
        impl.speculative_step(np.array([0, 1]), np.full((2, 3), 1 / 3), np.full((2, 3), 1 / 3), rng)
