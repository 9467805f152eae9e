"""Tests for the two-proportion z-test: hand values, the chi-square identity, the null by simulation."""

import math
from statistics import NormalDist

import numpy as np
import pytest


def test_hand_worked_example(impl):
    # pooled rate 0.225; se = sqrt(0.225 * 0.775 * 2 / 1000) = 0.018675; z = 0.05 / se
    z, p = impl.two_proportion_z_test(200, 1000, 250, 1000)
    assert z == pytest.approx(2.6774, abs=1e-4)
    assert p == pytest.approx(2 * (1 - NormalDist().cdf(2.6774)), abs=1e-5)
    assert p == pytest.approx(0.00742, abs=1e-5)


def test_z_squared_is_the_pearson_chi_square(impl):
    xa, na, xb, nb = 37, 410, 58, 390
    table = [[xa, na - xa], [xb, nb - xb]]
    total = na + nb
    col = [xa + xb, total - xa - xb]
    row = [na, nb]
    chi2 = sum((table[i][j] - row[i] * col[j] / total) ** 2 / (row[i] * col[j] / total) for i in (0, 1) for j in (0, 1))
    z, _ = impl.two_proportion_z_test(xa, na, xb, nb)
    assert z**2 == pytest.approx(chi2)


def test_direction_symmetry_and_one_sided(impl):
    z, p_two = impl.two_proportion_z_test(30, 300, 45, 310)
    z_swapped, p_swapped = impl.two_proportion_z_test(45, 310, 30, 300)
    assert z_swapped == pytest.approx(-z) and p_swapped == pytest.approx(p_two)
    _, p_greater = impl.two_proportion_z_test(30, 300, 45, 310, alternative="greater")
    _, p_less = impl.two_proportion_z_test(30, 300, 45, 310, alternative="less")
    assert p_greater == pytest.approx(p_two / 2)
    assert p_greater + p_less == pytest.approx(1.0)


def test_false_positive_rate_under_the_null(impl):
    rng = np.random.default_rng(0)
    xa = rng.binomial(2000, 0.1, size=2000)
    xb = rng.binomial(2000, 0.1, size=2000)
    rejections = sum(
        impl.two_proportion_z_test(int(a), 2000, int(b), 2000)[1] < 0.05 for a, b in zip(xa, xb, strict=True)
    )
    assert 0.035 <= rejections / 2000 <= 0.065


def test_degenerate_and_extreme_cases(impl):
    assert impl.two_proportion_z_test(0, 50, 0, 80) == (0.0, 1.0)
    assert impl.two_proportion_z_test(50, 50, 80, 80) == (0.0, 1.0)
    z, p = impl.two_proportion_z_test(0, 10**6, 10**5, 10**6, alternative="greater")
    assert z > 30 and 0.0 <= p < 1e-200 and math.isfinite(z)


@pytest.mark.parametrize(
    "args",
    [(5, 0, 1, 10), (11, 10, 1, 10), (-1, 10, 1, 10), (1, 10, 1, 10, "bigger")],
    ids=["empty", "too-many", "negative", "alternative"],
)
def test_errors(impl, args):
    with pytest.raises(ValueError):
        impl.two_proportion_z_test(*args)
