"""Tests for train-only standardisation: statistics by loop, no leakage, constant columns, round trip."""

import math

import numpy as np
import pytest


def test_statistics_match_a_column_loop(impl):
    rng = np.random.default_rng(0)
    x = rng.normal(3.0, 2.0, size=(20, 3))
    mean, scale = impl.fit_standardiser(x)
    for j in range(3):
        col = x[:, j].tolist()
        mu = sum(col) / len(col)
        assert mean[j] == pytest.approx(mu)
        assert scale[j] == pytest.approx(math.sqrt(sum((v - mu) ** 2 for v in col) / len(col)))


def test_training_set_becomes_zero_mean_unit_variance(impl):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(50, 4)) * [1, 10, 100, 0.01] + [5, -5, 0, 1e6]
    z = impl.transform(x, *impl.fit_standardiser(x))
    np.testing.assert_allclose(z.mean(axis=0), 0.0, atol=1e-6)  # offset 1e6 over scale 0.01 costs digits
    np.testing.assert_allclose(z.std(axis=0), 1.0)


def test_test_rows_use_training_statistics(impl):
    train = np.array([[0.0], [2.0], [4.0]])
    test = np.array([[10.0], [12.0]])
    mean, scale = impl.fit_standardiser(train)
    z = impl.transform(test, mean, scale)
    np.testing.assert_allclose(z[:, 0], (np.array([10.0, 12.0]) - 2.0) / math.sqrt(8 / 3))
    assert z.mean() != pytest.approx(0.0)  # the test set is not re-centred


def test_changing_test_data_cannot_change_the_fit(impl):
    rng = np.random.default_rng(2)
    train = rng.normal(size=(10, 2))
    before = impl.fit_standardiser(train)
    impl.transform(rng.normal(size=(5, 2)) * 1e6, *before)
    after = impl.fit_standardiser(train)
    np.testing.assert_array_equal(before[0], after[0])
    np.testing.assert_array_equal(before[1], after[1])


def test_constant_column_and_round_trip(impl):
    x = np.array([[1.0, 7.0], [3.0, 7.0], [5.0, 7.0]])
    mean, scale = impl.fit_standardiser(x)
    assert scale[1] == 1.0
    z = impl.transform(x, mean, scale)
    assert np.all(np.isfinite(z)) and np.all(z[:, 1] == 0.0)
    np.testing.assert_allclose(impl.inverse_transform(z, mean, scale), x)
    original = x.copy()
    impl.transform(x, mean, scale)
    np.testing.assert_array_equal(x, original)


def test_large_offset_is_stable(impl):
    x = 1e9 + np.array([[1.0], [2.0], [3.0]])
    z = impl.transform(x, *impl.fit_standardiser(x))
    np.testing.assert_allclose(z[:, 0], [-math.sqrt(1.5), 0.0, math.sqrt(1.5)], atol=1e-6)


def test_errors(impl):
    with pytest.raises(ValueError):
        impl.fit_standardiser(np.zeros((0, 3)))
    with pytest.raises(ValueError):
        impl.fit_standardiser(np.zeros(3))
    mean, scale = impl.fit_standardiser(np.ones((2, 3)))
    with pytest.raises(ValueError):
        impl.transform(np.ones((2, 2)), mean, scale)
