"""Tests for the A/B sample size: a hand value, the power it buys (closed form and simulation), errors."""

import math
from statistics import NormalDist

import numpy as np
import pytest

PHI = NormalDist()


def power_at(n, p1, p2, alpha=0.05):
    """Normal-approximation power of the pooled two-sided z-test with n users per group."""
    p_bar = (p1 + p2) / 2
    null_sd = math.sqrt(2 * p_bar * (1 - p_bar))
    alt_sd = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return PHI.cdf((abs(p2 - p1) * math.sqrt(n) - PHI.inv_cdf(1 - alpha / 2) * null_sd) / alt_sd)


def test_hand_worked_value(impl):
    # (1.95996 * sqrt(2 * 0.11 * 0.89) + 0.84162 * sqrt(0.09 + 0.1056))^2 / 0.02^2 = 3840.9
    assert impl.sample_size_per_group(0.10, 0.02) == 3841


@pytest.mark.parametrize(("p1", "mde"), [(0.10, 0.02), (0.03, 0.005), (0.5, -0.05), (0.9, 0.03)])
def test_smallest_n_that_reaches_the_power(impl, p1, mde):
    n = impl.sample_size_per_group(p1, mde)
    assert power_at(n, p1, p1 + mde) >= 0.8
    assert power_at(n - 2, p1, p1 + mde) < 0.8


def test_simulated_power(impl):
    n = impl.sample_size_per_group(0.2, 0.04)
    rng = np.random.default_rng(0)
    xa = rng.binomial(n, 0.2, size=3000)
    xb = rng.binomial(n, 0.24, size=3000)
    pooled = (xa + xb) / (2 * n)
    z = (xb - xa) / n / np.sqrt(pooled * (1 - pooled) * 2 / n)
    assert np.mean(np.abs(z) > 1.959964) == pytest.approx(0.8, abs=0.03)


def test_scaling_rules(impl):
    base = impl.sample_size_per_group(0.1, 0.02)
    assert impl.sample_size_per_group(0.1, 0.01) == pytest.approx(4 * base, rel=0.06)  # 1 / mde^2, roughly
    assert impl.sample_size_per_group(0.1, 0.02, two_sided=False) < base
    assert impl.sample_size_per_group(0.1, 0.02, power=0.9) > base
    assert impl.sample_size_per_group(0.1, 0.02, alpha=0.01) > base
    assert isinstance(base, int)


@pytest.mark.parametrize(
    "args",
    [(0.0, 0.1), (0.95, 0.1), (0.1, 0.0), (0.1, 0.02, 0.0), (0.1, 0.02, 0.05, 1.0)],
    ids=["p-zero", "p2-over-one", "no-effect", "alpha", "power"],
)
def test_errors(impl, args):
    with pytest.raises(ValueError):
        impl.sample_size_per_group(*args)
