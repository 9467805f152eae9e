"""The forward pass of a 2-D convolution (cross-correlation), vectorised."""

import numpy as np


def conv2d(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0) -> np.ndarray:
    """x (N, C, H, W), w (F, C, KH, KW), b (F,) -> (N, F, H_out, W_out), zero padding on every side."""
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if x.shape[1] != w.shape[1]:
        raise ValueError(f"input has {x.shape[1]} channels but the kernels expect {w.shape[1]}")
    kh, kw = w.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    if kh > xp.shape[2] or kw > xp.shape[3]:
        raise ValueError(f"kernel {kh}x{kw} is larger than the padded input {xp.shape[2]}x{xp.shape[3]}")
    windows = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    return np.einsum("nchwij,fcij->nfhw", windows, w, optimize=True) + np.asarray(b)[None, :, None, None]
