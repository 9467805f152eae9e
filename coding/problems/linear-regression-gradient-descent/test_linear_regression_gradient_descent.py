"""Gradient descent for linear regression: the gradient, convergence to the least-squares optimum, divergence."""

from itertools import pairwise

import numpy as np
import pytest


def loss(X, y, w, b):
    r = X @ w + b - y
    return r @ r / len(y)


def problem(seed=0, n=60, d=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + 0.5 + rng.normal(scale=0.1, size=n)
    return X, y


def test_gradient_matches_central_finite_differences(impl):
    X, y = problem(1)
    rng = np.random.default_rng(2)
    w, b, h = rng.normal(size=3), 0.3, 1e-6
    grad_w, grad_b = impl.mse_gradient(X, y, w, b)
    numeric = [(loss(X, y, w + h * e, b) - loss(X, y, w - h * e, b)) / (2 * h) for e in np.eye(3)]
    np.testing.assert_allclose(grad_w, numeric, rtol=1e-6)
    assert grad_b == pytest.approx((loss(X, y, w, b + h) - loss(X, y, w, b - h)) / (2 * h), rel=1e-6)


def test_converges_to_the_least_squares_solution(impl):
    X, y = problem(3)
    expected = np.linalg.lstsq(np.column_stack([X, np.ones(len(y))]), y, rcond=None)[0]
    w, b, _ = impl.fit(X, y, lr=0.1, epochs=5000, tol=1e-15)
    np.testing.assert_allclose(w, expected[:3], atol=1e-6)
    assert b == pytest.approx(expected[3], abs=1e-6)


def test_losses_start_at_the_zero_model_and_never_increase(impl):
    X, y = problem(4)
    _, _, losses = impl.fit(X, y, lr=0.05, epochs=200)
    assert losses[0] == pytest.approx(np.mean(y**2))  # w = 0, b = 0
    assert all(later <= earlier + 1e-12 for earlier, later in pairwise(losses))


def test_stops_early_when_the_loss_stops_improving(impl):
    X, y = problem(5)
    _, _, losses = impl.fit(X, y, lr=0.1, epochs=100_000, tol=1e-8)
    assert len(losses) < 2000
    assert abs(losses[-2] - losses[-1]) < 1e-8


def test_divergence_raises_a_clear_error(impl):
    X, y = problem(6)
    with pytest.raises(ValueError, match=r"(?i)diverg|learning rate"):
        impl.fit(X * 1000.0, y, lr=0.1, epochs=500)


def test_one_epoch_is_one_gradient_step(impl):
    X = np.array([[1.0], [2.0]])
    y = np.array([2.0, 4.0])
    # From w = b = 0: residuals (-2, -4), grad_w = (2/2)(1*-2 + 2*-4) = -10, grad_b = -6.
    w, b, losses = impl.fit(X, y, lr=0.01, epochs=1, tol=0.0)
    assert w[0] == pytest.approx(0.1) and b == pytest.approx(0.06)
    assert losses == [pytest.approx(10.0)]
