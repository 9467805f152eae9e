"""Dropout: drop rate, exact scaling, preserved expectation, inference identity, backward, bad p."""

import numpy as np
import pytest


def test_drop_rate_and_scaling(impl):
    x = np.ones((200, 100))
    out, mask = impl.dropout_forward(x, 0.3, True, np.random.default_rng(0))
    dropped = out == 0
    assert dropped.mean() == pytest.approx(0.3, abs=0.02)
    np.testing.assert_allclose(out[~dropped], 1 / 0.7)  # survivors scaled exactly
    np.testing.assert_array_equal(out, x * mask)


def test_expectation_is_preserved(impl):
    x = np.random.default_rng(1).normal(size=(4, 5))
    rng = np.random.default_rng(2)
    mean = np.mean([impl.dropout_forward(x, 0.5, True, rng)[0] for _ in range(4000)], axis=0)
    np.testing.assert_allclose(mean, x, atol=0.08)


def test_inference_is_the_identity(impl):
    x = np.random.default_rng(3).normal(size=(3, 3))
    out, mask = impl.dropout_forward(x, 0.9, False, np.random.default_rng(4))
    np.testing.assert_array_equal(out, x)
    assert mask is None


def test_zero_drop_probability_keeps_everything(impl):
    x = np.arange(6.0).reshape(2, 3)
    out, _ = impl.dropout_forward(x, 0.0, True, np.random.default_rng(5))
    np.testing.assert_array_equal(out, x)


def test_backward_routes_the_gradient_through_the_same_mask(impl):
    x = np.random.default_rng(6).normal(size=(10, 10))
    out, mask = impl.dropout_forward(x, 0.4, True, np.random.default_rng(7))
    dout = np.random.default_rng(8).normal(size=(10, 10))
    dx = impl.dropout_backward(dout, mask)
    np.testing.assert_array_equal(dx == 0, out == 0)
    np.testing.assert_allclose(dx[out != 0], dout[out != 0] / 0.6)


def test_same_seed_gives_the_same_mask(impl):
    x = np.ones(50)
    a = impl.dropout_forward(x, 0.5, True, np.random.default_rng(9))[1]
    b = impl.dropout_forward(x, 0.5, True, np.random.default_rng(9))[1]
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5])
def test_invalid_probability_raises(impl, p):
    with pytest.raises(ValueError):
        impl.dropout_forward(np.ones(3), p, True, np.random.default_rng(0))
