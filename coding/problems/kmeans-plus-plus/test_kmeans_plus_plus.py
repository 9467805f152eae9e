"""k-means++: D^2 sampling probabilities, recovery of separated blobs, Lloyd fixed point, empty clusters."""

import numpy as np
import pytest


def blobs(seed=0, per=30):
    rng = np.random.default_rng(seed)
    means = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    X = np.vstack([m + rng.normal(scale=0.5, size=(per, 2)) for m in means])
    return X, np.repeat(np.arange(3), per), means


def test_init_returns_distinct_rows_of_x(impl):
    X, _, _ = blobs()
    centres = impl.kmeans_pp_init(X, 3, np.random.default_rng(1))
    assert centres.shape == (3, 2)
    rows = {tuple(row) for row in X}
    assert all(tuple(c) in rows for c in centres)
    assert len({tuple(c) for c in centres}) == 3


def test_second_centre_is_drawn_proportionally_to_squared_distance(impl):
    # Points 0, 1, 3 on a line. Given a first centre at 0, D^2 = (0, 1, 9): P(second = 3) = 9/10.
    X = np.array([[0.0], [1.0], [3.0]])
    firsts, seconds = [], []
    for seed in range(1500):
        c = impl.kmeans_pp_init(X, 2, np.random.default_rng(seed))
        firsts.append(c[0, 0])
        seconds.append(c[1, 0])
    seconds = np.array(seconds)[np.array(firsts) == 0.0]
    assert len(seconds) > 400  # the first centre is uniform: about a third of the runs
    assert np.mean(seconds == 3.0) == pytest.approx(0.9, abs=0.05)
    assert not np.any(seconds == 0.0)  # a chosen point has D^2 = 0 and is never drawn again


def test_invalid_k_raises(impl):
    X = np.zeros((4, 2))
    for k in (0, 5):
        with pytest.raises(ValueError):
            impl.kmeans_pp_init(X, k, np.random.default_rng(0))


def test_recovers_separated_blobs(impl):
    X, truth, means = blobs(2)
    centres, labels, inertia = impl.kmeans(X, 3, np.random.default_rng(3))
    # Same partition up to renaming of clusters: each true blob maps to exactly one label.
    assert len({(t, p) for t, p in zip(truth, labels, strict=True)}) == 3
    order = np.argsort([np.argmin(np.linalg.norm(means - c, axis=1)) for c in centres])
    np.testing.assert_allclose(centres[order], means, atol=0.3)
    assert inertia == pytest.approx(np.sum((X - centres[labels]) ** 2))


def test_result_is_a_lloyd_fixed_point(impl):
    X = np.random.default_rng(4).normal(size=(60, 3))
    centres, labels, _ = impl.kmeans(X, 4, np.random.default_rng(5))
    brute = np.array([np.argmin([np.sum((x - c) ** 2) for c in centres]) for x in X])
    np.testing.assert_array_equal(labels, brute)  # every point is at its nearest centre
    for j in range(4):
        np.testing.assert_allclose(centres[j], X[labels == j].mean(axis=0), atol=1e-6)  # centres are means


def test_empty_cluster_is_reseeded(impl):
    X, _, _ = blobs(6, per=10)
    init = np.array([[0.0, 0.0], [10.0, 0.0], [500.0, 500.0]])  # the third centre is nearest to no point
    centres, labels, _ = impl.kmeans(X, 3, np.random.default_rng(7), init=init)
    assert sorted(np.bincount(labels, minlength=3)) == [10, 10, 10]
    assert np.all(np.isfinite(centres))


def test_duplicate_points_and_k_equal_n(impl):
    X = np.array([[1.0, 1.0], [1.0, 1.0], [5.0, 5.0]])
    centres, labels, inertia = impl.kmeans(X, 2, np.random.default_rng(8))
    assert inertia == pytest.approx(0.0)
    assert labels[0] == labels[1] != labels[2]
    np.testing.assert_allclose(sorted(centres[:, 0]), [1.0, 5.0])
    _, labels, inertia = impl.kmeans(np.arange(4.0)[:, None], 4, np.random.default_rng(9))
    assert inertia == pytest.approx(0.0) and len(set(labels)) == 4
