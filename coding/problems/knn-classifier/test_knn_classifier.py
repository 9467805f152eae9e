"""kNN: distances against a double loop, predictions against a brute-force vote, ties, edge cases."""

from collections import Counter

import numpy as np
import pytest


def brute_distances(A, B):
    return np.array([[sum((a - b) ** 2) for b in B] for a in A])


def brute_predict(X_train, y_train, X_test, k):
    out = []
    for x in X_test:
        order = sorted(range(len(X_train)), key=lambda i: (float(np.sum((X_train[i] - x) ** 2)), i))
        counts = Counter(int(y_train[i]) for i in order[:k])
        best = max(counts.values())
        out.append(min(label for label, c in counts.items() if c == best))
    return np.array(out)


def test_distances_match_a_double_loop(impl):
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(5, 3)), rng.normal(size=(7, 3))
    d2 = impl.pairwise_sq_distances(A, B)
    assert d2.shape == (5, 7)
    np.testing.assert_allclose(d2, brute_distances(A, B), atol=1e-12)


def test_distances_are_never_negative_far_from_the_origin(impl):
    X = 1e4 + np.random.default_rng(1).normal(scale=1e-3, size=(20, 4))
    d2 = impl.pairwise_sq_distances(X, X)
    assert np.all(d2 >= 0.0)
    assert np.max(np.abs(np.diag(d2))) < 1e-4


def test_predictions_match_brute_force(impl):
    rng = np.random.default_rng(2)
    X_train = rng.normal(size=(40, 2))
    y_train = (X_train[:, 0] + 0.3 * rng.normal(size=40) > 0).astype(int) + (X_train[:, 1] > 1)
    X_test = rng.normal(size=(15, 2))
    for k in (1, 3, 6):
        np.testing.assert_array_equal(
            impl.knn_predict(X_train, y_train, X_test, k), brute_predict(X_train, y_train, X_test, k)
        )


def test_k_of_one_returns_the_training_labels(impl):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(12, 3))
    y = rng.integers(0, 4, size=12)
    np.testing.assert_array_equal(impl.knn_predict(X, y, X, 1), y)


def test_vote_tie_goes_to_the_smallest_label(impl):
    X_train = np.array([[-1.0], [1.0]])
    y_train = np.array([3, 1])  # the query is equally far from both: one vote each
    assert impl.knn_predict(X_train, y_train, np.array([[0.0]]), 2)[0] == 1


def test_invalid_k_raises(impl):
    X = np.zeros((3, 2))
    with pytest.raises(ValueError):
        impl.knn_predict(X, np.zeros(3, dtype=int), X, 4)
    with pytest.raises(ValueError):
        impl.knn_predict(X, np.zeros(3, dtype=int), X, 0)
