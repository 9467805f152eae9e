"""Softmax and cross-entropy: known values, huge logits, shift invariance, axis handling, the gradient."""

import math

import numpy as np
import pytest


def test_known_values(impl):
    z = np.array([[0.0, math.log(3.0)]])  # exp: 1 and 3
    np.testing.assert_allclose(impl.softmax(z), [[0.25, 0.75]], rtol=1e-12)
    np.testing.assert_allclose(impl.log_softmax(z), [[math.log(0.25), math.log(0.75)]], rtol=1e-12)


def test_huge_logits_do_not_overflow(impl):
    z = np.array([[1000.0, 1000.0], [-1000.0, 0.0], [1e308, 0.0]])
    np.testing.assert_allclose(impl.softmax(z), [[0.5, 0.5], [0.0, 1.0], [1.0, 0.0]], atol=1e-300)
    np.testing.assert_allclose(impl.log_softmax(z)[1], [-1000.0, 0.0])


def test_shift_invariance_and_rows_sum_to_one(impl):
    z = np.random.default_rng(0).normal(scale=5, size=(6, 4))
    np.testing.assert_allclose(impl.softmax(z + 123.0), impl.softmax(z), rtol=1e-12)
    np.testing.assert_allclose(impl.softmax(z).sum(axis=1), 1.0)


def test_axis_argument(impl):
    z = np.random.default_rng(1).normal(size=(2, 3, 4))
    s = impl.softmax(z, axis=1)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    np.testing.assert_allclose(s[:, :, 0], impl.softmax(z[:, :, 0], axis=1))


def test_cross_entropy_matches_the_definition(impl):
    rng = np.random.default_rng(2)
    logits = rng.normal(size=(5, 3))
    y = np.array([0, 2, 1, 1, 0])
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert impl.cross_entropy(logits, y) == pytest.approx(-np.mean(np.log(p[np.arange(5), y])), rel=1e-12)


def test_cross_entropy_is_exact_for_a_confident_mistake(impl):
    # softmax([1000, 0])[1] = exp(-1000): its log is -1000, though the probability itself underflows to 0.
    assert impl.cross_entropy(np.array([[1000.0, 0.0]]), np.array([1])) == pytest.approx(1000.0)
    assert impl.cross_entropy(np.array([[1000.0, 0.0]]), np.array([0])) == pytest.approx(0.0, abs=1e-300)


def test_uniform_logits_cost_log_k(impl):
    assert impl.cross_entropy(np.zeros((4, 10)), np.arange(4)) == pytest.approx(math.log(10))


def test_gradient_matches_finite_differences(impl):
    rng = np.random.default_rng(3)
    logits = rng.normal(size=(4, 3))
    y = np.array([2, 0, 1, 2])
    grad = impl.cross_entropy_grad(logits, y)
    h = 1e-6
    numeric = np.zeros_like(logits)
    for index in np.ndindex(logits.shape):
        step = np.zeros_like(logits)
        step[index] = h
        numeric[index] = (impl.cross_entropy(logits + step, y) - impl.cross_entropy(logits - step, y)) / (2 * h)
    np.testing.assert_allclose(grad, numeric, atol=1e-8)
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)  # each row of p - onehot sums to zero
