"""Tests for the sinusoidal position encoding: the formula entry by entry, and its relative-offset property."""

import math

import numpy as np
import pytest


def test_matches_formula_entry_by_entry(impl):
    pe = impl.sinusoidal_encoding(7, 6)
    assert pe.shape == (7, 6)
    for p in range(7):
        for i in range(3):
            angle = p / 10000 ** (2 * i / 6)
            assert pe[p, 2 * i] == pytest.approx(math.sin(angle), abs=1e-12)
            assert pe[p, 2 * i + 1] == pytest.approx(math.cos(angle), abs=1e-12)


def test_position_zero_and_custom_base(impl):
    np.testing.assert_allclose(impl.sinusoidal_encoding(1, 4)[0], [0.0, 1.0, 0.0, 1.0])
    pe = impl.sinusoidal_encoding(3, 2, base=1.0)  # base 1: every pair turns one radian per position
    np.testing.assert_allclose(pe[2], [math.sin(2.0), math.cos(2.0)])


def test_dot_product_depends_only_on_offset(impl):
    pe = impl.sinusoidal_encoding(50, 16)
    np.testing.assert_allclose(pe[3] @ pe[10], pe[20] @ pe[27], atol=1e-12)
    np.testing.assert_allclose(np.sum(pe**2, axis=1), 8.0)  # each pair has unit norm


def test_offset_is_a_rotation_of_each_pair(impl):
    pe = impl.sinusoidal_encoding(30, 8)
    k = 5
    for i in range(4):
        w = 10000 ** (-2 * i / 8)
        rot = np.array([[math.cos(k * w), -math.sin(k * w)], [math.sin(k * w), math.cos(k * w)]])
        np.testing.assert_allclose(pe[:-k, 2 * i : 2 * i + 2] @ rot, pe[k:, 2 * i : 2 * i + 2], atol=1e-10)


@pytest.mark.parametrize(("n", "d"), [(4, 5), (4, 0), (-1, 4)])
def test_rejects_bad_sizes(impl, n, d):
    with pytest.raises(ValueError):
        impl.sinusoidal_encoding(n, d)


def test_empty_and_large_positions(impl):
    assert impl.sinusoidal_encoding(0, 4).shape == (0, 4)
    pe = impl.sinusoidal_encoding(100_000, 4)
    assert np.all(np.isfinite(pe)) and np.abs(pe).max() <= 1.0
