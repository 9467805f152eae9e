"""Batch norm: normalised outputs, running statistics, inference mode, gradients against finite differences."""

import numpy as np
import pytest


def fresh_state(d):
    return {"running_mean": np.zeros(d), "running_var": np.ones(d)}


def test_training_output_is_normalised_per_feature(impl):
    x = np.random.default_rng(0).normal(loc=5, scale=3, size=(32, 4))
    out, _ = impl.batchnorm_forward(x, np.ones(4), np.zeros(4), fresh_state(4), training=True)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.var(axis=0), 1.0, rtol=1e-4)  # eps keeps it just below 1


def test_gamma_and_beta_scale_and_shift(impl):
    x = np.array([[1.0], [3.0]])  # mean 2, biased variance 1
    out, _ = impl.batchnorm_forward(x, np.array([2.0]), np.array([10.0]), fresh_state(1), training=True, eps=0.0)
    np.testing.assert_allclose(out, [[8.0], [12.0]])


def test_running_statistics_use_momentum_and_the_unbiased_variance(impl):
    x = np.array([[1.0, 0.0], [3.0, 0.0], [5.0, 3.0]])  # means (3, 1); unbiased variances (4, 3)
    state = fresh_state(2)
    impl.batchnorm_forward(x, np.ones(2), np.zeros(2), state, training=True, momentum=0.1)
    np.testing.assert_allclose(state["running_mean"], [0.3, 0.1])
    np.testing.assert_allclose(state["running_var"], [0.9 + 0.4, 0.9 + 0.3])


def test_inference_uses_running_statistics_and_leaves_them(impl):
    state = {"running_mean": np.array([1.0, -2.0]), "running_var": np.array([4.0, 0.25])}
    x = np.array([[3.0, -2.0]])  # a batch of one is fine at inference
    out, _ = impl.batchnorm_forward(x, np.ones(2), np.zeros(2), state, training=False, eps=0.0)
    np.testing.assert_allclose(out, [[1.0, 0.0]])
    np.testing.assert_allclose(state["running_mean"], [1.0, -2.0])
    np.testing.assert_allclose(state["running_var"], [4.0, 0.25])


def test_single_row_batch_in_training_raises(impl):
    with pytest.raises(ValueError):
        impl.batchnorm_forward(np.ones((1, 3)), np.ones(3), np.zeros(3), fresh_state(3), training=True)


def test_constant_feature_stays_finite(impl):
    x = np.column_stack([np.full(8, 7.0), np.arange(8.0)])
    out, _ = impl.batchnorm_forward(x, np.ones(2), np.zeros(2), fresh_state(2), training=True)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out[:, 0], 0.0)


def test_backward_matches_finite_differences(impl):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(6, 3))
    gamma, beta = rng.normal(size=3), rng.normal(size=3)
    weights = rng.normal(size=(6, 3))  # loss = sum(weights * out): its upstream gradient is `weights`

    def loss():
        out, _ = impl.batchnorm_forward(x, gamma, beta, fresh_state(3), training=True)
        return float(np.sum(weights * out))

    _, cache = impl.batchnorm_forward(x, gamma, beta, fresh_state(3), training=True)
    dx, dgamma, dbeta = impl.batchnorm_backward(weights, cache)
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
    np.testing.assert_allclose(dx.sum(axis=0), 0.0, atol=1e-10)  # shifting a whole feature changes nothing
