"""The accept-reject step of speculative decoding, which preserves the target model's distribution."""

from __future__ import annotations

import numpy as np


def residual_distribution(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """max(0, p - q) normalised; p itself when p == q."""
    p = np.asarray(p, dtype=float)
    extra = np.maximum(p - np.asarray(q, dtype=float), 0.0)
    total = extra.sum()
    return p if total == 0 else extra / total


def speculative_step(
    draft_tokens: np.ndarray, draft_probs: np.ndarray, target_probs: np.ndarray, rng: np.random.Generator
) -> list[int]:
    """draft_tokens: (g,); draft_probs: (g, V); target_probs: (g + 1, V). Returns 1 to g + 1 token ids."""
    tokens = np.asarray(draft_tokens)
    q, p = np.asarray(draft_probs, dtype=float), np.asarray(target_probs, dtype=float)
    g = len(tokens)
    if q.ndim != 2 or q.shape[0] != g or p.shape != (g + 1, q.shape[1]):
        raise ValueError(f"shapes do not fit: tokens {tokens.shape}, draft {q.shape}, target {p.shape}")
    vocab = q.shape[1]
    out: list[int] = []
    for i, x in enumerate(tokens.tolist()):
        if rng.random() < min(1.0, p[i, x] / q[i, x]):
            out.append(x)
        else:
            out.append(int(rng.choice(vocab, p=residual_distribution(p[i], q[i]))))
            return out
    out.append(int(rng.choice(vocab, p=p[g])))
    return out
