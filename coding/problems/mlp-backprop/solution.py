"""A two-layer ReLU network for classification: forward, backward by hand, and a finite-difference check."""

from collections.abc import Callable

import numpy as np


def init_params(d_in: int, d_hidden: int, d_out: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """W1 (d_in, d_hidden), b1 (d_hidden,), W2 (d_hidden, d_out), b2 (d_out,): He-scaled weights, zero biases."""
    return {
        "W1": rng.normal(scale=np.sqrt(2.0 / d_in), size=(d_in, d_hidden)),
        "b1": np.zeros(d_hidden),
        "W2": rng.normal(scale=np.sqrt(2.0 / d_hidden), size=(d_hidden, d_out)),
        "b2": np.zeros(d_out),
    }


def loss_and_grads(params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
    """Mean softmax cross-entropy of labels y (n,) and its gradient for each parameter."""
    n = len(y)
    h_pre = X @ params["W1"] + params["b1"]
    h = np.maximum(h_pre, 0.0)
    logits = h @ params["W2"] + params["b2"]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = float(-log_probs[np.arange(n), y].mean())

    dlogits = np.exp(log_probs)
    dlogits[np.arange(n), y] -= 1.0
    dlogits /= n
    dh_pre = (dlogits @ params["W2"].T) * (h_pre > 0)
    grads = {
        "W2": h.T @ dlogits,
        "b2": dlogits.sum(axis=0),
        "W1": X.T @ dh_pre,
        "b1": dh_pre.sum(axis=0),
    }
    return loss, grads


def numerical_gradient(f: Callable[[], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of f() with respect to the array x, perturbed in place and restored."""
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        plus = f()
        x[index] = original - h
        minus = f()
        x[index] = original
        grad[index] = (plus - minus) / (2 * h)
    return grad


def train(
    params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, lr: float = 0.5, steps: int = 200
) -> list[float]:
    """Gradient descent on the parameters in place; the loss before each step."""
    losses = []
    for _ in range(steps):
        loss, grads = loss_and_grads(params, X, y)
        losses.append(loss)
        for name, grad in grads.items():
            params[name] -= lr * grad
    return losses
