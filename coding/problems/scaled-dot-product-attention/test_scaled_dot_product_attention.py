"""Tests for scaled dot-product attention: a loop reference, the causal property, masks and stability."""

import math

import numpy as np
import pytest


def reference(q, k, v, allowed):
    """One query at a time with plain Python softmax."""
    n_q, n_k = len(q), len(k)
    out = np.zeros((n_q, v.shape[1]))
    for i in range(n_q):
        logits = [float(q[i] @ k[j]) / math.sqrt(q.shape[1]) for j in range(n_k) if allowed[i][j]]
        keys = [j for j in range(n_k) if allowed[i][j]]
        if not keys:
            continue
        top = max(logits)
        e = [math.exp(x - top) for x in logits]
        for w, j in zip(e, keys, strict=True):
            out[i] += w / sum(e) * v[j]
    return out


@pytest.mark.parametrize(("n_q", "n_k"), [(4, 4), (1, 5), (3, 6)])
def test_matches_loop_reference(impl, n_q, n_k):
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(n_q, 8)), rng.normal(size=(n_k, 8)), rng.normal(size=(n_k, 3))
    out, weights = impl.scaled_dot_product_attention(q, k, v)
    np.testing.assert_allclose(out, reference(q, k, v, np.ones((n_q, n_k), bool)), atol=1e-12)
    np.testing.assert_allclose(weights.sum(axis=-1), 1.0)
    allowed = [[j <= i + n_k - n_q for j in range(n_k)] for i in range(n_q)]
    out, _ = impl.scaled_dot_product_attention(q, k, v, causal=True)
    np.testing.assert_allclose(out, reference(q, k, v, allowed), atol=1e-12)


def test_causal_output_ignores_future_keys(impl):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(6, 4))
    out, weights = impl.scaled_dot_product_attention(x, x, x, causal=True)
    assert np.all(np.triu(weights, k=1) == 0)
    changed = x.copy()
    changed[4:] += 10.0
    out2, _ = impl.scaled_dot_product_attention(changed, changed, changed, causal=True)
    np.testing.assert_allclose(out2[:4], out[:4])
    assert not np.allclose(out2[4:], out[4:])


def test_single_query_sees_every_cached_key(impl):
    rng = np.random.default_rng(2)
    q, k, v = rng.normal(size=(1, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    _, weights = impl.scaled_dot_product_attention(q, k, v, causal=True)
    assert np.all(weights > 0)


def test_batched_heads_and_boolean_mask(impl):
    rng = np.random.default_rng(3)
    q, k, v = rng.normal(size=(2, 3, 4, 5)), rng.normal(size=(2, 3, 4, 5)), rng.normal(size=(2, 3, 4, 2))
    mask = np.array([True, True, False, True])  # key 2 is padding
    out, weights = impl.scaled_dot_product_attention(q, k, v, causal=True, mask=mask)
    assert out.shape == (2, 3, 4, 2) and weights.shape == (2, 3, 4, 4)
    assert np.all(weights[..., 2] == 0)
    allowed = [[j <= i and mask[j] for j in range(4)] for i in range(4)]
    np.testing.assert_allclose(out[1, 2], reference(q[1, 2], k[1, 2], v[1, 2], allowed), atol=1e-12)


def test_fully_masked_row_is_zero_not_nan(impl):
    q, k, v = np.ones((2, 2)), np.ones((3, 2)), np.ones((3, 2))
    mask = np.array([[False, False, False], [True, False, False]])
    out, weights = impl.scaled_dot_product_attention(q, k, v, mask=mask)
    np.testing.assert_array_equal(out[0], [0.0, 0.0])
    np.testing.assert_array_equal(weights[1], [1.0, 0.0, 0.0])


def test_huge_scores_stay_finite(impl):
    q = np.array([[1e4, 0.0], [0.0, 1e4]])
    k = np.array([[1e4, 0.0], [0.0, 1e4], [5e3, 0.0]])
    v = np.array([[1.0], [2.0], [3.0]])
    out, weights = impl.scaled_dot_product_attention(q, k, v)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(weights))
    np.testing.assert_allclose(out[:, 0], [1.0, 2.0])  # one key dominates each row
