"""Boosted stumps: the stump against exhaustive search, boosting as residual fitting, known targets."""

from itertools import pairwise

import numpy as np
import pytest


def exhaustive_stump(X, r):
    best, best_sse = None, np.inf
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left, right = r[X[:, j] <= t], r[X[:, j] > t]
            sse = np.sum((left - left.mean()) ** 2) + np.sum((right - right.mean()) ** 2)
            if sse < best_sse - 1e-9:
                best, best_sse = (j, t, left.mean(), right.mean()), sse
    return best


def test_stump_matches_exhaustive_search(impl):
    for seed in range(3):
        rng = np.random.default_rng(seed)
        X = np.round(rng.normal(size=(25, 3)), 1)
        r = np.sin(2 * X[:, 1]) + 0.1 * rng.normal(size=25)
        feature, threshold, left, right = impl.fit_stump(X, r)
        expected = exhaustive_stump(X, r)
        assert feature == expected[0]
        np.testing.assert_allclose([threshold, left, right], expected[1:], atol=1e-12)


def test_stump_on_constant_features_is_none(impl):
    assert impl.fit_stump(np.ones((5, 2)), np.arange(5.0)) is None


def test_step_target_is_learned_by_one_full_stump(impl):
    X = np.linspace(0, 1, 11)[:, None]
    y = np.where(X[:, 0] > 0.3, 5.0, -1.0)
    model = impl.fit(X, y, n_estimators=1, learning_rate=1.0)
    np.testing.assert_allclose(impl.predict(model, X), y, atol=1e-12)
    assert model["init"] == pytest.approx(y.mean())


def test_no_estimators_predicts_the_mean(impl):
    X = np.random.default_rng(4).normal(size=(10, 2))
    y = np.arange(10.0)
    model = impl.fit(X, y, n_estimators=0)
    np.testing.assert_allclose(impl.predict(model, X), 4.5)


def test_each_stage_is_a_stump_fitted_to_the_residuals(impl):
    rng = np.random.default_rng(5)
    X = rng.uniform(-2, 2, size=(40, 2))
    y = X[:, 0] ** 2 + np.where(X[:, 1] > 0, 1.0, 0.0)
    lr = 0.3
    model = impl.fit(X, y, n_estimators=5, learning_rate=lr)
    F = np.full(40, y.mean())
    for stump in model["stumps"]:
        expected = exhaustive_stump(X, y - F)
        assert stump[0] == expected[0]
        np.testing.assert_allclose(stump[1:], expected[1:], atol=1e-9)
        F = F + lr * np.where(X[:, stump[0]] <= stump[1], stump[2], stump[3])
    np.testing.assert_allclose(impl.predict(model, X), F, atol=1e-9)


def test_training_error_falls_with_more_stages(impl):
    rng = np.random.default_rng(6)
    X = rng.uniform(-3, 3, size=(60, 2))
    y = np.sin(X[:, 0]) + 0.5 * X[:, 1]
    errors = [np.mean((impl.predict(impl.fit(X, y, n_estimators=m), X) - y) ** 2) for m in (0, 10, 50, 200)]
    assert all(later < earlier for earlier, later in pairwise(errors))
    assert errors[-1] < 0.05 * errors[0]
