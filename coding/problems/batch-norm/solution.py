"""Batch normalisation over the batch axis of (N, D) activations: training, inference and backward."""

import numpy as np


def batchnorm_forward(
    x: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    state: dict[str, np.ndarray],
    training: bool,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> tuple[np.ndarray, tuple]:
    """(out (N, D), cache). Training uses batch statistics and updates state; inference uses the state."""
    x = np.asarray(x, dtype=float)
    if training:
        n = len(x)
        if n < 2:
            raise ValueError("batch norm needs at least two rows per batch in training mode")
        mean = x.mean(axis=0)
        var = x.var(axis=0)
        state["running_mean"] = (1 - momentum) * state["running_mean"] + momentum * mean
        state["running_var"] = (1 - momentum) * state["running_var"] + momentum * var * n / (n - 1)
    else:
        mean, var = state["running_mean"], state["running_var"]
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)


def batchnorm_backward(dout: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dx (N, D), dgamma (D,), dbeta (D,)) for a training-mode forward pass."""
    x_hat, gamma, inv_std = cache
    n = len(dout)
    g = dout * gamma
    dx = inv_std / n * (n * g - g.sum(axis=0) - x_hat * (g * x_hat).sum(axis=0))
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
