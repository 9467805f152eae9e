"""Logistic regression: stable sigmoid and loss at extreme logits, optimality of the fit, probabilities."""

import math

import numpy as np
import pytest


def test_sigmoid_known_values_and_extremes(impl):
    z = np.array([-1000.0, -30.0, 0.0, 2.0, 1000.0])
    expected = [0.0, math.exp(-30) / (1 + math.exp(-30)), 0.5, 1 / (1 + math.exp(-2)), 1.0]
    np.testing.assert_allclose(impl.sigmoid(z), expected, rtol=1e-12, atol=0)


def test_sigmoid_keeps_the_shape_and_is_symmetric(impl):
    z = np.random.default_rng(0).normal(scale=10, size=(3, 4))
    s = impl.sigmoid(z)
    assert s.shape == (3, 4)
    np.testing.assert_allclose(s + impl.sigmoid(-z), 1.0, atol=1e-15)


def test_log_loss_matches_the_definition_for_moderate_logits(impl):
    rng = np.random.default_rng(1)
    z = rng.normal(size=20)
    y = rng.integers(0, 2, size=20)
    p = 1 / (1 + np.exp(-z))
    naive = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert impl.log_loss(y, z) == pytest.approx(naive, rel=1e-12)


def test_log_loss_is_exact_for_huge_logits(impl):
    # A confident wrong answer costs |z|; a confident right one costs about exp(-|z|), i.e. 0 here.
    assert impl.log_loss(np.array([0.0]), np.array([1000.0])) == pytest.approx(1000.0)
    assert impl.log_loss(np.array([1.0]), np.array([-1000.0])) == pytest.approx(1000.0)
    assert impl.log_loss(np.array([1.0, 0.0]), np.array([1000.0, -1000.0])) == pytest.approx(0.0, abs=1e-300)


def data(seed=2, n=200):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = (X @ np.array([2.0, -1.0]) + 0.5 + rng.logistic(size=n) > 0).astype(float)
    return X, y


def test_fit_reaches_a_stationary_point_of_the_regularised_loss(impl):
    X, y = data()
    l2 = 0.05
    w, b = impl.fit(X, y, lr=0.5, epochs=3000, l2=l2)
    error = 1 / (1 + np.exp(-(X @ w + b))) - y
    np.testing.assert_allclose(X.T @ error / len(y) + l2 * w, 0.0, atol=1e-6)  # first-order optimality
    assert error.mean() == pytest.approx(0.0, abs=1e-6)


def test_fit_separates_the_classes_and_probabilities_are_calibrated_in_the_mean(impl):
    X, y = data(3)
    w, b = impl.fit(X, y)
    p = impl.predict_proba(X, w, b)
    assert p.shape == (200,) and np.all((p >= 0) & (p <= 1))
    assert np.mean((p > 0.5) == y) > 0.75  # the labels carry logistic noise
    assert p.mean() == pytest.approx(y.mean(), abs=1e-3)  # with a bias, the mean prediction matches the base rate


def test_fit_on_separable_data_has_no_overflow(impl):
    X = np.array([[-3.0], [-2.0], [2.0], [3.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    w, b = impl.fit(X * 100, y, lr=1.0, epochs=500)  # huge logits: warnings are errors in this suite
    assert np.all(np.isfinite(w)) and np.isfinite(b)
    np.testing.assert_array_equal(impl.predict_proba(X * 100, w, b) > 0.5, y == 1)
