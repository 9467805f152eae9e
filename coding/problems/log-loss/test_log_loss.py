"""Tests for log loss: values by hand with math.log, clipping, agreement of both forms, extreme logits."""

import math

import numpy as np
import pytest


def test_hand_values(impl):
    y = np.array([1, 0, 1])
    p = np.array([0.9, 0.2, 0.6])
    expected = -(math.log(0.9) + math.log(0.8) + math.log(0.6)) / 3
    assert impl.log_loss(y, p) == pytest.approx(expected)
    assert impl.log_loss(np.array([1, 0]), np.array([0.5, 0.5])) == pytest.approx(math.log(2))


def test_clipping_keeps_confident_mistakes_finite(impl):
    assert impl.log_loss(np.array([1]), np.array([0.0])) == pytest.approx(-math.log(1e-15))
    assert impl.log_loss(np.array([0]), np.array([1.0]), eps=1e-7) == pytest.approx(-math.log(1e-7), rel=1e-6)
    assert impl.log_loss(np.array([1, 0]), np.array([1.0, 0.0])) == pytest.approx(0.0, abs=1e-12)


def test_both_forms_agree_for_moderate_logits(impl):
    rng = np.random.default_rng(0)
    z = rng.normal(scale=3, size=50)
    y = rng.integers(0, 2, size=50)
    p = 1 / (1 + np.exp(-z))
    assert impl.log_loss_from_logits(y, z) == pytest.approx(impl.log_loss(y, p), rel=1e-9)


def test_extreme_logits_are_exact(impl):
    y = np.array([1, 0, 1, 0])
    z = np.array([1000.0, -1000.0, -1000.0, 1000.0])
    # the first two are right with certainty (loss 0), the last two are wrong by 1000 each
    assert impl.log_loss_from_logits(y, z) == pytest.approx(500.0)
    assert impl.log_loss_from_logits(np.array([1]), np.array([-40.0])) == pytest.approx(
        40.0 + math.log1p(math.exp(-40))
    )


@pytest.mark.parametrize(
    ("y", "p"),
    [([], []), ([1, 0], [0.5]), ([2, 0], [0.5, 0.5]), ([1, 0], [1.2, 0.5])],
    ids=["empty", "shape", "label", "probability"],
)
def test_errors(impl, y, p):
    with pytest.raises(ValueError):
        impl.log_loss(np.array(y), np.array(p))


def test_logit_form_checks_labels(impl):
    with pytest.raises(ValueError):
        impl.log_loss_from_logits(np.array([0.5]), np.array([0.0]))
