"""SGD with momentum: two steps by hand, Nesterov by hand, plain SGD as a special case, the constant-gradient
closed form, weight decay, and convergence on an ill-conditioned quadratic."""

import numpy as np
import pytest


def test_two_steps_by_hand(impl):
    p, v = np.array([1.0]), np.zeros(1)
    p, v = impl.sgd_momentum_step(p, np.array([2.0]), v, lr=0.1, momentum=0.9)
    assert (p[0], v[0]) == (pytest.approx(0.8), pytest.approx(2.0))
    p, v = impl.sgd_momentum_step(p, np.array([1.0]), v, lr=0.1, momentum=0.9)
    assert (p[0], v[0]) == (pytest.approx(0.8 - 0.1 * 2.8), pytest.approx(2.8))


def test_nesterov_by_hand(impl):
    p, v = impl.sgd_momentum_step(np.array([1.0]), np.array([2.0]), np.array([1.0]), 0.1, 0.5, nesterov=True)
    # v = 0.5 * 1 + 2 = 2.5; step = g + mu * v = 2 + 1.25
    assert (v[0], p[0]) == (pytest.approx(2.5), pytest.approx(1.0 - 0.325))


def test_zero_momentum_is_plain_gradient_descent(impl):
    rng = np.random.default_rng(0)
    p, g = rng.normal(size=5), rng.normal(size=5)
    new, _ = impl.sgd_momentum_step(p, g, rng.normal(size=5), lr=0.05, momentum=0.0)
    np.testing.assert_allclose(new, p - 0.05 * g)


def test_inputs_are_not_modified(impl):
    p, g, v = np.ones(3), np.ones(3), np.ones(3)
    impl.sgd_momentum_step(p, g, v, lr=0.1)
    np.testing.assert_array_equal(p, 1.0)
    np.testing.assert_array_equal(v, 1.0)


def test_constant_gradient_velocity_follows_the_geometric_series(impl):
    v, p, g, mu = np.zeros(1), np.zeros(1), np.array([1.0]), 0.9
    for _ in range(20):
        p, v = impl.sgd_momentum_step(p, g, v, lr=0.01, momentum=mu)
    assert v[0] == pytest.approx((1 - mu**20) / (1 - mu))


def test_weight_decay_is_added_to_the_gradient(impl):
    p, _ = impl.sgd_momentum_step(np.array([2.0]), np.array([0.0]), np.zeros(1), lr=0.1, momentum=0.0, weight_decay=0.5)
    assert p[0] == pytest.approx(2.0 - 0.1 * 1.0)


@pytest.mark.parametrize("nesterov", [False, True])
def test_minimises_an_ill_conditioned_quadratic(impl, nesterov):
    A = np.diag([100.0, 1.0])  # condition number 100

    def grad(x):
        return A @ x

    x0 = np.array([1.0, 1.0])
    with_momentum = impl.minimise(grad, x0, lr=0.009, momentum=0.9, steps=300, nesterov=nesterov)
    plain = impl.minimise(grad, x0, lr=0.009, momentum=0.0, steps=300)
    assert np.linalg.norm(with_momentum) < 1e-4
    assert np.linalg.norm(with_momentum) < np.linalg.norm(plain) / 100  # momentum is much faster here
