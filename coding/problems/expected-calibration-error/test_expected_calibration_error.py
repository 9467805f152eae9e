"""Tests for calibration bins and ECE: hand values, bin edges, a loop reference and simulation."""

import numpy as np
import pytest


def loop_ece(y, p, n_bins):
    total = 0.0
    for b in range(n_bins):
        lo, hi = b / n_bins, (b + 1) / n_bins
        members = [i for i, pi in enumerate(p) if (lo < pi <= hi) or (b == 0 and pi == 0)]
        if members:
            gap = abs(sum(p[i] for i in members) / len(members) - sum(y[i] for i in members) / len(members))
            total += len(members) / len(p) * gap
    return total


def test_hand_value(impl):
    y = np.array([0, 1, 1, 1])
    p = np.array([0.2, 0.3, 0.8, 0.9])
    # two bins: (0, 0.5] holds 0.2, 0.3 (mean 0.25, half positive); (0.5, 1] holds 0.8, 0.9 (mean 0.85, all positive)
    assert impl.expected_calibration_error(y, p, n_bins=2) == pytest.approx(0.5 * 0.25 + 0.5 * 0.15)


def test_bin_edges(impl):
    counts, mean_prob, frac_pos = impl.reliability_bins(np.array([0, 1, 1, 0]), np.array([0.0, 0.5, 1.0, 0.25]), 4)
    assert counts.tolist() == [2, 1, 0, 1]  # 0.0 and 0.25 in bin 0, 0.5 in bin 1, 1.0 in the last bin
    np.testing.assert_allclose(mean_prob, [0.125, 0.5, 0.0, 1.0])
    np.testing.assert_allclose(frac_pos, [0.0, 1.0, 0.0, 1.0])


def test_matches_loop_reference(impl):
    rng = np.random.default_rng(0)
    p = np.round(rng.uniform(size=200), 2)  # rounding puts many predictions on bin edges
    y = rng.integers(0, 2, size=200)
    for n_bins in (1, 5, 10, 15):
        assert impl.expected_calibration_error(y, p, n_bins) == pytest.approx(loop_ece(y, p, n_bins))


def test_calibrated_versus_overconfident(impl):
    rng = np.random.default_rng(1)
    p = rng.uniform(size=20000)
    y = (rng.uniform(size=20000) < p).astype(int)
    assert impl.expected_calibration_error(y, p) < 0.02
    sharpened = np.where(p > 0.5, 1 - (1 - p) / 3, p / 3)
    assert impl.expected_calibration_error(y, sharpened) > 0.1


def test_errors(impl):
    for y, p, bins in [([], [], 10), ([1], [1.5], 10), ([1, 0], [0.5], 10), ([1], [0.5], 0)]:
        with pytest.raises(ValueError):
            impl.expected_calibration_error(np.array(y), np.array(p), bins)
