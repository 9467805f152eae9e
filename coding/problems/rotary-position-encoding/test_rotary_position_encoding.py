"""Tests for RoPE: complex-number reference, norms, the relative-offset property and shapes."""

import cmath

import numpy as np
import pytest


def reference(x, positions, base=10000.0):
    """Each pair as a complex number multiplied by e^{i m theta}."""
    n, d = x.shape
    out = np.zeros_like(x)
    for t in range(n):
        for i in range(d // 2):
            z = complex(x[t, 2 * i], x[t, 2 * i + 1]) * cmath.exp(1j * positions[t] * base ** (-2 * i / d))
            out[t, 2 * i], out[t, 2 * i + 1] = z.real, z.imag
    return out


def test_matches_complex_rotation(impl):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(5, 8))
    np.testing.assert_allclose(impl.apply_rope(x), reference(x, range(5)), atol=1e-12)
    positions = np.array([7, 3, 100, 0, 42])
    np.testing.assert_allclose(impl.apply_rope(x, positions), reference(x, positions), atol=1e-12)


def test_position_zero_is_identity_and_norms_are_kept(impl):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(6, 4))
    out = impl.apply_rope(x)
    np.testing.assert_allclose(out[0], x[0])
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), np.linalg.norm(x, axis=1))


def test_scores_depend_only_on_relative_offset(impl):
    rng = np.random.default_rng(2)
    q, k = rng.normal(size=(1, 16)), rng.normal(size=(1, 16))

    def score(m, n):
        return float(impl.apply_rope(q, np.array([m]))[0] @ impl.apply_rope(k, np.array([n]))[0])

    assert score(5, 2) == pytest.approx(score(105, 102), abs=1e-9)
    assert score(5, 2) != pytest.approx(score(5, 3), abs=1e-6)


def test_leading_axes_and_input_untouched(impl):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 3, 4, 6))
    before = x.copy()
    out = impl.apply_rope(x)
    assert out.shape == x.shape
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(out[1, 2], reference(x[1, 2], range(4)), atol=1e-12)


def test_odd_width_raises(impl):
    with pytest.raises(ValueError):
        impl.apply_rope(np.zeros((3, 5)))


def test_huge_positions_stay_finite(impl):
    x = np.ones((2, 4))
    out = impl.apply_rope(x, np.array([10**9, 10**12]))
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 2.0)
