"""Adam: the first step's size, two steps against the paper's formulas, gradient-scale invariance, decoupled
weight decay, bad step numbers, convergence."""

import math

import numpy as np
import pytest


def test_first_step_moves_each_coordinate_by_about_lr(impl):
    grad = np.array([1e-4, -3.0, 250.0])
    zeros = np.zeros(3)
    new, m, v = impl.adam_step(zeros, grad, zeros, zeros, t=1, lr=0.01)
    np.testing.assert_allclose(new, -0.01 * np.sign(grad), rtol=1e-3)
    np.testing.assert_allclose(m, 0.1 * grad)
    np.testing.assert_allclose(v, 0.001 * grad**2)


def test_two_steps_by_hand(impl):
    b1, b2, lr, eps = 0.9, 0.999, 0.1, 1e-8
    p, m, v = np.array([1.0]), np.zeros(1), np.zeros(1)
    p, m, v = impl.adam_step(p, np.array([2.0]), m, v, 1, lr, b1, b2, eps)
    p, m, v = impl.adam_step(p, np.array([-1.0]), m, v, 2, lr, b1, b2, eps)
    m2 = 0.9 * 0.2 + 0.1 * -1.0  # 0.08
    v2 = 0.999 * 0.004 + 0.001 * 1.0  # 0.004996
    step2 = (m2 / (1 - b1**2)) / (math.sqrt(v2 / (1 - b2**2)) + eps)
    step1 = 1.0 / (1.0 + eps / 2.0)  # m_hat = 2, sqrt(v_hat) = 2
    assert m[0] == pytest.approx(m2) and v[0] == pytest.approx(v2)
    assert p[0] == pytest.approx(1.0 - lr * step1 - lr * step2, rel=1e-12)


def test_update_ignores_the_scale_of_the_gradient(impl):
    rng = np.random.default_rng(0)
    grads = rng.normal(size=(5, 4))
    runs = []
    for scale in (1.0, 1000.0):
        p, m, v = np.ones(4), np.zeros(4), np.zeros(4)
        for t, g in enumerate(grads, 1):
            p, m, v = impl.adam_step(p, scale * g, m, v, t, lr=0.01)
        runs.append(p)
    np.testing.assert_allclose(runs[0], runs[1], rtol=1e-6)


def test_decoupled_weight_decay_shrinks_by_a_fixed_factor(impl):
    p = np.array([2.0, -4.0])
    new, _, _ = impl.adam_step(p, np.zeros(2), np.zeros(2), np.zeros(2), t=1, lr=0.1, weight_decay=0.5)
    np.testing.assert_allclose(new, p * (1 - 0.1 * 0.5))  # a zero gradient: only the decay acts


def test_inputs_are_not_modified(impl):
    p, g, m, v = np.ones(2), np.ones(2), np.ones(2), np.ones(2)
    impl.adam_step(p, g, m, v, t=3)
    for array in (p, g, m, v):
        np.testing.assert_array_equal(array, 1.0)


def test_step_number_starts_at_one(impl):
    with pytest.raises(ValueError):
        impl.adam_step(np.ones(1), np.ones(1), np.zeros(1), np.zeros(1), t=0)


def test_minimises_a_badly_scaled_quadratic(impl):
    scales = np.array([1000.0, 1.0, 0.01])

    def grad(x):
        return scales * (x - 3.0)

    x = impl.minimise(grad, np.zeros(3), lr=0.05, steps=2000)
    np.testing.assert_allclose(x, 3.0, atol=1e-2)
