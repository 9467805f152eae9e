"""Layer norm: per-row normalisation, independence from the batch, huge offsets, 3-D input, gradients."""

import numpy as np
import pytest


def test_rows_are_normalised(impl):
    x = np.random.default_rng(0).normal(loc=3, scale=2, size=(5, 16))
    out, _ = impl.layernorm_forward(x, np.ones(16), np.zeros(16))
    np.testing.assert_allclose(out.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.var(axis=1), 1.0, rtol=1e-3)


def test_value_by_hand(impl):
    out, _ = impl.layernorm_forward(np.array([[1.0, 3.0]]), np.array([2.0, 1.0]), np.array([0.0, 5.0]), eps=0.0)
    np.testing.assert_allclose(out, [[-2.0, 6.0]])


def test_a_row_does_not_depend_on_the_rest_of_the_batch(impl):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4, 8))
    gamma, beta = rng.normal(size=8), rng.normal(size=8)
    together, _ = impl.layernorm_forward(x, gamma, beta)
    alone, _ = impl.layernorm_forward(x[2:3], gamma, beta)
    np.testing.assert_allclose(together[2:3], alone)


def test_huge_common_offset_keeps_the_variance_accurate(impl):
    row = np.array([[1e8 + 1.0, 1e8 - 1.0, 1e8 + 1.0, 1e8 - 1.0]])  # variance exactly 1
    out, _ = impl.layernorm_forward(row, np.ones(4), np.zeros(4), eps=0.0)
    np.testing.assert_allclose(out, [[1.0, -1.0, 1.0, -1.0]], atol=1e-6)


def test_three_dimensional_input(impl):
    x = np.random.default_rng(2).normal(size=(2, 3, 6))
    out, cache = impl.layernorm_forward(x, np.ones(6), np.zeros(6))
    assert out.shape == (2, 3, 6)
    np.testing.assert_allclose(out[1, 2], impl.layernorm_forward(x[1, 2][None], np.ones(6), np.zeros(6))[0][0])
    dx, dgamma, dbeta = impl.layernorm_backward(np.ones_like(out), cache)
    assert dx.shape == (2, 3, 6) and dgamma.shape == (6,) and dbeta.shape == (6,)
    np.testing.assert_allclose(dbeta, 6.0)


def test_backward_matches_finite_differences(impl):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 3, 5))
    gamma, beta = rng.normal(size=5), rng.normal(size=5)
    weights = rng.normal(size=(2, 3, 5))

    def loss():
        return float(np.sum(weights * impl.layernorm_forward(x, gamma, beta)[0]))

    dx, dgamma, dbeta = impl.layernorm_backward(weights, impl.layernorm_forward(x, gamma, beta)[1])
    h = 1e-6
    for value, analytic in ((x, dx), (gamma, dgamma), (beta, dbeta)):
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            old = value[index]
            value[index] = old + h
            plus = loss()
            value[index] = old - h
            minus = loss()
            value[index] = old
            numeric[index] = (plus - minus) / (2 * h)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)


def test_constant_row_stays_finite(impl):
    out, _ = impl.layernorm_forward(np.full((1, 4), 3.0), np.ones(4), np.full(4, 0.5))
    np.testing.assert_allclose(out, 0.5)
    assert out.dtype == np.float64 and pytest.approx(0.5) == out[0, 0]
