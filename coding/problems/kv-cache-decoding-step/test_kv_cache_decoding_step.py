"""Tests for a KV-cached decoding step: token-by-token equals full causal attention computed by loops."""

import math

import numpy as np
import pytest


def full_causal_mha(x, w_q, w_k, w_v, w_o, h):
    n, d = x.shape
    dh = d // h
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    concat = np.zeros((n, d))
    for head in range(h):
        c = slice(head * dh, (head + 1) * dh)
        for i in range(n):
            logits = [float(q[i, c] @ k[j, c]) / math.sqrt(dh) for j in range(i + 1)]
            top = max(logits)
            e = [math.exp(s - top) for s in logits]
            concat[i, c] = sum(w / sum(e) * v[j, c] for j, w in enumerate(e))
    return concat @ w_o


def params(rng, d):
    return [rng.normal(size=(d, d)) / math.sqrt(d) for _ in range(4)]


@pytest.mark.parametrize("num_heads", [1, 2, 4])
def test_incremental_equals_full_causal_attention(impl, num_heads):
    rng = np.random.default_rng(num_heads)
    x = rng.normal(size=(6, 8))
    w = params(rng, 8)
    cache, rows = None, []
    for t in range(6):
        y, cache = impl.decode_step(x[t], cache, *w, num_heads=num_heads)
        rows.append(y)
    np.testing.assert_allclose(np.array(rows), full_causal_mha(x, *w, num_heads), atol=1e-10)


def test_cache_holds_projected_keys_and_values(impl):
    rng = np.random.default_rng(10)
    x = rng.normal(size=(3, 4))
    w = params(rng, 4)
    cache = None
    for t in range(3):
        _, cache = impl.decode_step(x[t], cache, *w, num_heads=2)
    assert cache["k"].shape == (2, 3, 2) and cache["v"].shape == (2, 3, 2)
    np.testing.assert_allclose(cache["k"][1], (x @ w[1])[:, 2:4])
    np.testing.assert_allclose(cache["v"][0], (x @ w[2])[:, 0:2])


def test_first_token_output_is_its_own_value(impl):
    rng = np.random.default_rng(11)
    x = rng.normal(size=4)
    w = params(rng, 4)
    y, _ = impl.decode_step(x, None, *w, num_heads=2)
    np.testing.assert_allclose(y, (x @ w[2]) @ w[3])  # softmax over one key is 1


def test_input_cache_is_not_modified(impl):
    rng = np.random.default_rng(12)
    w = params(rng, 4)
    _, cache = impl.decode_step(rng.normal(size=4), None, *w, num_heads=2)
    before = {name: a.copy() for name, a in cache.items()}
    impl.decode_step(rng.normal(size=4), cache, *w, num_heads=2)
    for name in ("k", "v"):
        np.testing.assert_array_equal(cache[name], before[name])


def test_large_activations_stay_finite(impl):
    rng = np.random.default_rng(13)
    w = params(rng, 4)
    cache = None
    for _ in range(3):
        y, cache = impl.decode_step(rng.normal(size=4) * 1e4, cache, *w, num_heads=2)
    assert np.all(np.isfinite(y))
