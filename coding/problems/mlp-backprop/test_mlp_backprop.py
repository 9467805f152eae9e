"""Two-layer MLP: shapes, the loss by hand, the backward pass against finite differences, the checker, training."""

import math

import numpy as np
import pytest


def small_problem(seed=0, n=8, d_in=4, d_hidden=5, d_out=3):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d_in)), rng.integers(0, d_out, size=n), (d_in, d_hidden, d_out)


def central_difference(f, x, h=1e-6):
    """The test's own finite differences, independent of the learner's numerical_gradient."""
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        plus = f()
        x[index] = old - h
        minus = f()
        x[index] = old
        grad[index] = (plus - minus) / (2 * h)
    return grad


def test_init_shapes_and_scale(impl):
    params = impl.init_params(400, 300, 10, np.random.default_rng(1))
    assert {k: v.shape for k, v in params.items()} == {"W1": (400, 300), "b1": (300,), "W2": (300, 10), "b2": (10,)}
    assert np.std(params["W1"]) == pytest.approx(math.sqrt(2 / 400), rel=0.05)
    assert not params["b1"].any() and not params["b2"].any()


def test_loss_with_zero_weights_is_log_k(impl):
    X, y, (d_in, d_hidden, d_out) = small_problem(2)
    params = {k: np.zeros_like(v) for k, v in impl.init_params(d_in, d_hidden, d_out, np.random.default_rng(0)).items()}
    loss, grads = impl.loss_and_grads(params, X, y)
    assert loss == pytest.approx(math.log(d_out))
    assert set(grads) == {"W1", "b1", "W2", "b2"}


def test_backward_pass_matches_finite_differences(impl):
    X, y, dims = small_problem(3)
    params = impl.init_params(*dims, np.random.default_rng(4))
    params["b1"] += 0.1  # keep pre-activations away from the ReLU kink
    _, grads = impl.loss_and_grads(params, X, y)
    for name, value in params.items():
        numeric = central_difference(lambda: impl.loss_and_grads(params, X, y)[0], value)
        assert grads[name].shape == value.shape
        np.testing.assert_allclose(grads[name], numeric, rtol=1e-5, atol=1e-8, err_msg=name)


def test_numerical_gradient_of_a_known_function_and_restores_x(impl):
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = x.copy()
    grad = impl.numerical_gradient(lambda: float(np.sum(x**3)), x)
    np.testing.assert_allclose(grad, 3 * before**2, rtol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_agrees_with_backprop(impl):
    X, y, dims = small_problem(5)
    params = impl.init_params(*dims, np.random.default_rng(6))
    _, grads = impl.loss_and_grads(params, X, y)
    numeric = impl.numerical_gradient(lambda: impl.loss_and_grads(params, X, y)[0], params["W2"])
    rel = np.linalg.norm(numeric - grads["W2"]) / max(np.linalg.norm(numeric), np.linalg.norm(grads["W2"]))
    assert rel < 1e-6


def test_huge_logits_keep_the_loss_finite(impl):
    X, y, dims = small_problem(7)
    params = impl.init_params(*dims, np.random.default_rng(8))
    params["W2"] *= 1e4
    loss, grads = impl.loss_and_grads(params, X, y)
    assert np.isfinite(loss) and all(np.all(np.isfinite(g)) for g in grads.values())


def test_training_fits_xor(impl):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])  # not linearly separable: needs the hidden layer
    params = impl.init_params(2, 8, 2, np.random.default_rng(9))
    losses = impl.train(params, X, y, lr=0.5, steps=500)
    assert len(losses) == 500 and losses[-1] < 0.05 < losses[0]
    h = np.maximum(X @ params["W1"] + params["b1"], 0)
    np.testing.assert_array_equal((h @ params["W2"] + params["b2"]).argmax(axis=1), y)
