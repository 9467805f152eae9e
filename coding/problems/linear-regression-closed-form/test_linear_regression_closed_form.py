"""Closed-form linear regression: exact recovery, the normal equations, collinearity, ridge."""

import numpy as np
import pytest


def test_recovers_exact_coefficients_from_noise_free_data(impl):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    w_true, b_true = np.array([1.5, -2.0, 0.5]), 3.0
    w, b = impl.fit(X, X @ w_true + b_true)
    np.testing.assert_allclose(w, w_true, atol=1e-10)
    assert b == pytest.approx(b_true, abs=1e-10)


def test_residuals_satisfy_the_normal_equations(impl):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 4))
    y = X @ rng.normal(size=4) + rng.normal(scale=0.3, size=40) + 1.0
    w, b = impl.fit(X, y)
    residual = y - impl.predict(X, w, b)
    # Least squares with an intercept: residuals sum to zero and are orthogonal to every column.
    assert residual.sum() == pytest.approx(0.0, abs=1e-9)
    np.testing.assert_allclose(X.T @ residual, 0.0, atol=1e-9)


def test_hand_computed_line_fit(impl):
    w, b = impl.fit(np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0]))
    assert w[0] == pytest.approx(2.0) and b == pytest.approx(1.0)


def test_collinear_columns_give_minimum_norm_weights(impl):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(30, 1))
    X = np.hstack([x, x])  # the same column twice: X^T X is singular
    w, b = impl.fit(X, 4.0 * x[:, 0] - 1.0)
    np.testing.assert_allclose(w, [2.0, 2.0], atol=1e-8)  # the minimum-norm split of the slope 4
    assert b == pytest.approx(-1.0, abs=1e-8)
    np.testing.assert_allclose(impl.predict(X, w, b), 4.0 * x[:, 0] - 1.0, atol=1e-8)


def test_ridge_matches_augmented_least_squares(impl):
    # Independent reference: ridge on centred data = least squares on X stacked with sqrt(n * l2) * I.
    rng = np.random.default_rng(3)
    n, d, l2 = 25, 5, 0.3
    X = rng.normal(size=(n, d))
    y = rng.normal(size=n)
    Xc, yc = X - X.mean(0), y - y.mean()
    A = np.vstack([Xc, np.sqrt(n * l2) * np.eye(d)])
    expected = np.linalg.lstsq(A, np.concatenate([yc, np.zeros(d)]), rcond=None)[0]
    w, b = impl.fit(X, y, l2=l2)
    np.testing.assert_allclose(w, expected, atol=1e-10)
    assert b == pytest.approx(y.mean() - X.mean(0) @ expected, abs=1e-10)


def test_ridge_does_not_penalise_the_intercept(impl):
    X = np.zeros((10, 2))  # no signal: every weight is shrunk to zero, the intercept must stay the mean
    y = np.full(10, 7.0)
    w, b = impl.fit(X, y, l2=100.0)
    np.testing.assert_allclose(w, 0.0, atol=1e-12)
    assert b == pytest.approx(7.0)


def test_more_features_than_samples(impl):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(5, 12))
    y = rng.normal(size=5)
    w, b = impl.fit(X, y)
    assert w.shape == (12,)
    np.testing.assert_allclose(impl.predict(X, w, b), y, atol=1e-9)  # interpolates the data
