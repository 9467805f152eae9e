"""Gaussian naive Bayes: fitted statistics, posteriors against a direct computation, log-space stability."""

import math

import numpy as np
import pytest


def data(seed=0):
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal([0, 0], [1.0, 0.5], size=(30, 2)), rng.normal([3, 1], [0.7, 1.2], size=(20, 2))])
    y = np.array(["cat"] * 30 + ["dog"] * 20)
    return X, y


def test_fitted_statistics(impl):
    X, y = data()
    model = impl.fit(X, y, var_smoothing=0.0)
    assert list(model["classes"]) == ["cat", "dog"]
    np.testing.assert_allclose(model["priors"], [0.6, 0.4])
    np.testing.assert_allclose(model["means"], [X[:30].mean(0), X[30:].mean(0)])
    np.testing.assert_allclose(model["variances"], [X[:30].var(0), X[30:].var(0)])


def test_posteriors_match_a_direct_product_of_densities(impl):
    X, y = data(1)
    model = impl.fit(X, y)
    queries = np.array([[0.5, 0.2], [2.0, 1.0], [4.0, -1.0]])
    expected = []
    for q in queries:
        joint = []
        for c, prior in (("cat", 0.6), ("dog", 0.4)):
            group = X[y == c]
            mu, var = group.mean(0), group.var(0) + 1e-9 * X.var(0).max()
            density = np.prod(np.exp(-((q - mu) ** 2) / (2 * var)) / np.sqrt(2 * math.pi * var))
            joint.append(prior * density)
        expected.append(np.log(np.array(joint) / sum(joint)))
    np.testing.assert_allclose(impl.predict_log_proba(model, queries), expected, rtol=1e-9)


def log_joint(X, y, c, prior, q):
    """log p(c) + sum of log densities, feature by feature in plain Python (no exponentials)."""
    group = X[y == c]
    total = math.log(prior)
    for j, value in enumerate(q):
        mu, var = group[:, j].mean(), group[:, j].var() + 1e-9 * X.var(0).max()
        total += -0.5 * math.log(2 * math.pi * var) - (value - mu) ** 2 / (2 * var)
    return total


def test_far_away_points_keep_finite_normalised_posteriors(impl):
    X, y = data(2)
    model = impl.fit(X, y)
    far = np.array([[200.0, 80.0], [-300.0, -100.0]])  # every density underflows to 0 in probability space
    log_post = impl.predict_log_proba(model, far)
    assert np.all(np.isfinite(log_post))
    np.testing.assert_allclose(np.exp(log_post).sum(axis=1), 1.0)
    for q, row in zip(far, log_post, strict=True):
        joint = [log_joint(X, y, "cat", 0.6, q), log_joint(X, y, "dog", 0.4, q)]
        assert row[0] - row[1] == pytest.approx(joint[0] - joint[1], rel=1e-9)  # log odds survive
    expected = ["cat" if log_joint(X, y, "cat", 0.6, q) > log_joint(X, y, "dog", 0.4, q) else "dog" for q in far]
    assert list(impl.predict(model, far)) == expected


def test_many_features_do_not_underflow(impl):
    rng = np.random.default_rng(3)
    X = np.vstack([rng.normal(0, 1, size=(20, 400)), rng.normal(0.5, 1, size=(20, 400))])
    y = np.repeat([0, 1], 20)
    model = impl.fit(X, y)
    np.testing.assert_array_equal(impl.predict(model, X), y)
    assert np.all(np.isfinite(impl.predict_log_proba(model, X)))


def test_feature_constant_within_a_class_is_smoothed(impl):
    X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [5.0, 0.5], [6.0, 1.5]])
    y = np.array([0, 0, 0, 1, 1])  # feature 0 is constant in class 0
    model = impl.fit(X, y)
    assert np.all(model["variances"] > 0)
    out = impl.predict_log_proba(model, np.array([[1.0, 1.0], [1.1, 1.0]]))
    assert np.all(np.isfinite(out))
    assert list(impl.predict(model, np.array([[1.0, 1.0]]))) == [0]
