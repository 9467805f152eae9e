"""A two-layer ReLU network for classification: forward, backward by hand, and a finite-difference check."""

from collections.abc import Callable

import numpy as np


def init_params(d_in: int, d_hidden: int, d_out: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """W1 (d_in, d_hidden), b1 (d_hidden,), W2 (d_hidden, d_out), b2 (d_out,): He-scaled weights, zero biases."""
    raise NotImplementedError


def loss_and_grads(params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
    """Mean softmax cross-entropy of labels y (n,) and its gradient for each parameter."""
    raise NotImplementedError


def numerical_gradient(f: Callable[[], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of f() with respect to the array x, perturbed in place and restored."""
    raise NotImplementedError


def train(
    params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, lr: float = 0.5, steps: int = 200
) -> list[float]:
    """Gradient descent on the parameters in place; the loss before each step."""
    raise NotImplementedError
