"""The forward pass of a 2-D convolution (cross-correlation), vectorised."""

import numpy as np


def conv2d(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0) -> np.ndarray:
    """x (N, C, H, W), w (F, C, KH, KW), b (F,) -> (N, F, H_out, W_out), zero padding on every side."""
    raise NotImplementedError
