"""Tests for multi-head attention against a per-head, per-position loop reference."""

import math

import numpy as np
import pytest


def reference(x, w_q, w_k, w_v, w_o, h, causal):
    n, d = x.shape
    dh = d // h
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    concat = np.zeros((n, d))
    for head in range(h):
        cols = slice(head * dh, (head + 1) * dh)
        for i in range(n):
            keys = range(i + 1) if causal else range(n)
            logits = [float(q[i, cols] @ k[j, cols]) / math.sqrt(dh) for j in keys]
            top = max(logits)
            e = [math.exp(s - top) for s in logits]
            concat[i, cols] = sum(w / sum(e) * v[j, cols] for w, j in zip(e, keys, strict=True))
    return concat @ w_o


def weights(rng, d):
    return [rng.normal(size=(d, d)) / math.sqrt(d) for _ in range(4)]


def test_split_heads_layout(impl):
    x = np.arange(12.0).reshape(2, 6)
    heads = impl.split_heads(x, 3)
    assert heads.shape == (3, 2, 2)
    np.testing.assert_array_equal(heads[1], [[2.0, 3.0], [8.0, 9.0]])


def test_split_heads_rejects_indivisible_width(impl):
    with pytest.raises(ValueError):
        impl.split_heads(np.zeros((2, 6)), 4)


@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize("num_heads", [1, 2, 4])
def test_matches_loop_reference(impl, num_heads, causal):
    rng = np.random.default_rng(num_heads)
    x = rng.normal(size=(5, 8))
    w = weights(rng, 8)
    out = impl.multi_head_attention(x, *w, num_heads=num_heads, causal=causal)
    np.testing.assert_allclose(out, reference(x, *w, num_heads, causal), atol=1e-10)


def test_heads_differ_from_one_wide_head(impl):
    rng = np.random.default_rng(5)
    x = rng.normal(size=(4, 8)) * 3
    w = weights(rng, 8)
    one = impl.multi_head_attention(x, *w, num_heads=1)
    four = impl.multi_head_attention(x, *w, num_heads=4)
    assert not np.allclose(one, four)


def test_permutation_equivariant_without_mask(impl):
    rng = np.random.default_rng(6)
    x = rng.normal(size=(6, 4))
    w = weights(rng, 4)
    perm = rng.permutation(6)
    out = impl.multi_head_attention(x, *w, num_heads=2)
    np.testing.assert_allclose(impl.multi_head_attention(x[perm], *w, num_heads=2), out[perm], atol=1e-12)


def test_large_inputs_stay_finite(impl):
    rng = np.random.default_rng(7)
    x = rng.normal(size=(4, 4)) * 1e3
    out = impl.multi_head_attention(x, *weights(rng, 4), num_heads=2, causal=True)
    assert np.all(np.isfinite(out))
