"""PCA: agreement with the covariance eigendecomposition, orthonormality, reconstruction, signs, edge cases."""

import numpy as np
import pytest


def correlated(seed=0, n=80, d=4):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) + rng.normal(size=d) * 5


def test_matches_the_covariance_eigendecomposition(impl):
    X = correlated()
    model = impl.pca_fit(X, 3)
    eigenvalues, eigenvectors = np.linalg.eigh(np.cov(X, rowvar=False))  # independent route, ascending
    order = np.argsort(eigenvalues)[::-1]
    np.testing.assert_allclose(model["explained_variance"], eigenvalues[order][:3], rtol=1e-8)
    np.testing.assert_allclose(model["explained_variance_ratio"], eigenvalues[order][:3] / eigenvalues.sum(), rtol=1e-8)
    for component, vector in zip(model["components"], eigenvectors[:, order].T, strict=False):
        assert abs(component @ vector) == pytest.approx(1.0, abs=1e-8)  # same direction up to sign


def test_components_are_orthonormal_and_sign_fixed(impl):
    model = impl.pca_fit(correlated(1), 4)
    C = model["components"]
    np.testing.assert_allclose(C @ C.T, np.eye(4), atol=1e-10)
    largest = C[np.arange(4), np.abs(C).argmax(axis=1)]
    assert np.all(largest > 0)
    np.testing.assert_allclose(model["mean"], correlated(1).mean(axis=0))


def test_projection_has_the_explained_variance_and_no_correlation(impl):
    X = correlated(2)
    model = impl.pca_fit(X, 3)
    Z = impl.transform(model, X)
    assert Z.shape == (80, 3)
    np.testing.assert_allclose(np.cov(Z, rowvar=False), np.diag(model["explained_variance"]), atol=1e-8)


def test_full_rank_reconstruction_is_exact_and_rank_one_data_is_captured(impl):
    X = correlated(3)
    model = impl.pca_fit(X, 4)
    np.testing.assert_allclose(impl.inverse_transform(model, impl.transform(model, X)), X, atol=1e-9)
    t = np.linspace(-1, 1, 20)[:, None]
    line = t @ np.array([[3.0, 4.0]]) + np.array([1.0, 2.0])  # every point on one line
    model = impl.pca_fit(line, 1)
    np.testing.assert_allclose(model["components"][0], [0.6, 0.8], atol=1e-10)
    assert model["explained_variance_ratio"][0] == pytest.approx(1.0)
    np.testing.assert_allclose(impl.inverse_transform(model, impl.transform(model, line)), line, atol=1e-10)


def test_more_features_than_samples(impl):
    X = np.random.default_rng(4).normal(size=(5, 30))
    model = impl.pca_fit(X, 4)  # centred 5 x 30 data has rank 4
    np.testing.assert_allclose(impl.inverse_transform(model, impl.transform(model, X)), X, atol=1e-9)
    assert model["explained_variance_ratio"].sum() == pytest.approx(1.0)


def test_invalid_number_of_components(impl):
    with pytest.raises(ValueError):
        impl.pca_fit(np.zeros((5, 3)), 4)
    with pytest.raises(ValueError):
        impl.pca_fit(np.zeros((5, 3)), 0)
