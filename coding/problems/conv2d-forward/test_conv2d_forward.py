"""conv2d: a value by hand, agreement with explicit loops over stride and padding, 1x1 kernels, errors."""

import numpy as np
import pytest


def naive_conv2d(x, w, b, stride, padding):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.zeros((n, c, h + 2 * padding, wd + 2 * padding))
    xp[:, :, padding : padding + h, padding : padding + wd] = x
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (wd + 2 * padding - kw) // stride + 1
    out = np.zeros((n, f, h_out, w_out))
    for i in range(n):
        for k in range(f):
            for r in range(h_out):
                for s in range(w_out):
                    patch = xp[i, :, r * stride : r * stride + kh, s * stride : s * stride + kw]
                    out[i, k, r, s] = np.sum(patch * w[k]) + b[k]
    return out


def test_small_example_by_hand(impl):
    x = np.arange(9.0).reshape(1, 1, 3, 3)  # [[0 1 2] [3 4 5] [6 7 8]]
    w = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])  # top-left minus bottom-right: always -4
    out = impl.conv2d(x, w, np.array([0.5]))
    np.testing.assert_allclose(out, np.full((1, 1, 2, 2), -3.5))


def test_is_cross_correlation_not_flipped_convolution(impl):
    x = np.zeros((1, 1, 3, 3))
    x[0, 0, 0, 0] = 1.0
    w = np.arange(4.0).reshape(1, 1, 2, 2)
    assert impl.conv2d(x, w, np.zeros(1))[0, 0, 0, 0] == 0.0  # w[0, 0] sees the top-left pixel


@pytest.mark.parametrize(("stride", "padding"), [(1, 0), (1, 1), (2, 0), (2, 1), (3, 2)])
def test_matches_explicit_loops(impl, stride, padding):
    rng = np.random.default_rng(stride * 10 + padding)
    x = rng.normal(size=(2, 3, 7, 6))
    w = rng.normal(size=(4, 3, 3, 2))
    b = rng.normal(size=4)
    out = impl.conv2d(x, w, b, stride=stride, padding=padding)
    expected = naive_conv2d(x, w, b, stride, padding)
    assert out.shape == expected.shape
    np.testing.assert_allclose(out, expected, atol=1e-12)


def test_one_by_one_kernel_mixes_channels(impl):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 3, 4, 4))
    w = rng.normal(size=(5, 3, 1, 1))
    expected = np.einsum("fc,nchw->nfhw", w[:, :, 0, 0], x)
    np.testing.assert_allclose(impl.conv2d(x, w, np.zeros(5)), expected, atol=1e-12)


def test_invalid_shapes_raise(impl):
    with pytest.raises(ValueError):
        impl.conv2d(np.zeros((1, 2, 5, 5)), np.zeros((1, 3, 3, 3)), np.zeros(1))
    with pytest.raises(ValueError):
        impl.conv2d(np.zeros((1, 1, 2, 2)), np.zeros((1, 1, 3, 3)), np.zeros(1))
