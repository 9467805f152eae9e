"""Tests for cosine top-k: a loop reference with math, ties, zero vectors, scale invariance, errors."""

import math

import numpy as np
import pytest


def loop_top_k(q, c, k):
    out = []
    for row in q:
        sims = []
        for j, x in enumerate(c):
            nq, nx = math.sqrt(sum(v * v for v in row)), math.sqrt(sum(v * v for v in x))
            sims.append((0.0 if nq == 0 or nx == 0 else float(np.dot(row, x)) / (nq * nx), j))
        sims.sort(key=lambda t: (-t[0], t[1]))
        out.append(sims[:k])
    return out


def test_matches_loop_reference(impl):
    rng = np.random.default_rng(0)
    q, c = rng.normal(size=(4, 5)), rng.normal(size=(30, 5))
    idx, scores = impl.cosine_top_k(q, c, 6)
    assert idx.shape == scores.shape == (4, 6)
    for i, want in enumerate(loop_top_k(q, c, 6)):
        assert idx[i].tolist() == [j for _, j in want]
        np.testing.assert_allclose(scores[i], [s for s, _ in want])


def test_hand_example_with_ties(impl):
    c = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0], [1.0, 1.0]])
    idx, scores = impl.cosine_top_k(np.array([[3.0, 0.0]]), c, 3)
    assert idx.tolist() == [[0, 2, 3]]  # rows 0 and 2 tie at 1.0; lower index first
    np.testing.assert_allclose(scores, [[1.0, 1.0, 1 / math.sqrt(2)]])


def test_zero_vectors_score_zero(impl):
    c = np.array([[0.0, 0.0], [1.0, 0.0]])
    idx, scores = impl.cosine_top_k(np.array([[0.0, 0.0], [-1.0, 0.0]]), c, 2)
    assert np.all(np.isfinite(scores))
    np.testing.assert_array_equal(scores[0], [0.0, 0.0])
    assert idx[1].tolist() == [0, 1] and scores[1].tolist() == [0.0, -1.0]


def test_scale_invariance_and_k_above_n(impl):
    rng = np.random.default_rng(1)
    q, c = rng.normal(size=(2, 3)), rng.normal(size=(5, 3))
    idx, scores = impl.cosine_top_k(q, c, 10)
    assert idx.shape == (2, 5)
    idx2, scores2 = impl.cosine_top_k(q * 1e150, c * rng.uniform(1e-150, 1e150, size=(5, 1)), 10)
    np.testing.assert_array_equal(idx, idx2)
    np.testing.assert_allclose(scores, scores2)


def test_errors(impl):
    with pytest.raises(ValueError):
        impl.cosine_top_k(np.ones((1, 2)), np.ones((3, 2)), 0)
    with pytest.raises(ValueError):
        impl.cosine_top_k(np.ones((1, 2)), np.ones((3, 3)), 1)
