"""Tests for the bootstrap interval: exact small cases, normal theory, coverage by simulation, errors."""

import math

import numpy as np
import pytest


def test_constant_sample_gives_a_point(impl):
    assert impl.bootstrap_ci(np.full(10, 3.5), rng=np.random.default_rng(0)) == (3.5, 3.5)


def test_two_point_sample_matches_the_exact_bootstrap_distribution(impl):
    # resampled means of [0, 1] are 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4
    x = np.array([0.0, 1.0])
    assert impl.bootstrap_ci(x, confidence=0.95, rng=np.random.default_rng(1)) == (0.0, 1.0)
    assert impl.bootstrap_ci(x, confidence=0.4, rng=np.random.default_rng(1)) == (0.5, 0.5)


def test_mean_interval_is_close_to_normal_theory(impl):
    rng = np.random.default_rng(2)
    x = rng.normal(5.0, 2.0, size=400)
    low, high = impl.bootstrap_ci(x, n_resamples=4000, rng=np.random.default_rng(3))
    half = 1.959964 * x.std(ddof=1) / math.sqrt(len(x))
    assert low == pytest.approx(x.mean() - half, abs=0.15 * half)
    assert high == pytest.approx(x.mean() + half, abs=0.15 * half)


def test_other_statistics_and_reproducibility(impl):
    rng = np.random.default_rng(4)
    x = rng.exponential(size=101)
    a = impl.bootstrap_ci(x, statistic=np.median, rng=np.random.default_rng(7))
    b = impl.bootstrap_ci(x, statistic=np.median, rng=np.random.default_rng(7))
    assert a == b
    assert a[0] <= np.median(x) <= a[1]
    assert impl.bootstrap_ci(x, statistic=np.median, rng=np.random.default_rng(8)) != a


def test_coverage_of_the_true_mean(impl):
    rng = np.random.default_rng(5)
    trials, hits = 200, 0
    for _ in range(trials):
        x = rng.normal(0.0, 1.0, size=60)
        low, high = impl.bootstrap_ci(x, n_resamples=500, rng=rng)
        hits += low <= 0.0 <= high
    assert 0.88 <= hits / trials <= 0.99


def test_huge_values_stay_finite(impl):
    x = np.array([1e300, 2e300, 3e300])
    low, high = impl.bootstrap_ci(x, statistic=np.median, rng=np.random.default_rng(6))
    assert 1e300 <= low <= high <= 3e300


@pytest.mark.parametrize("kwargs", [{"x": np.array([])}, {"n_resamples": 0}, {"confidence": 1.0}, {"confidence": 0.0}])
def test_errors(impl, kwargs):
    args = {"x": np.array([1.0, 2.0]), "rng": np.random.default_rng(0)} | kwargs
    with pytest.raises(ValueError):
        impl.bootstrap_ci(**args)
