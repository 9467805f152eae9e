"""Beam search decoding with length normalisation."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    shifted = z - z.max()
    return shifted - np.log(np.exp(shifted).sum())


def beam_search(
    step_fn: Callable[[list[int]], np.ndarray],
    prompt: list[int],
    eos_id: int,
    beam_width: int,
    max_new_tokens: int,
    length_penalty: float = 0.0,
) -> tuple[list[int], float]:
    """step_fn(tokens) -> logits (V,). Returns (new tokens of the best hypothesis, its score)."""
    live: list[tuple[float, list[int]]] = [(0.0, [])]
    finished: list[tuple[float, list[int]]] = []
    for _ in range(max_new_tokens):
        extensions = []
        for logp, new in live:
            token_logp = _log_softmax(step_fn(list(prompt) + new))
            extensions.extend((logp + float(lp), [*new, token]) for token, lp in enumerate(token_logp))
        finished.extend(ext for ext in extensions if ext[1][-1] == eos_id)
        ongoing = [ext for ext in extensions if ext[1][-1] != eos_id]
        live = sorted(ongoing, key=lambda ext: ext[0], reverse=True)[:beam_width]
        if not live:
            break

    def score(hyp: tuple[float, list[int]]) -> float:
        logp, new = hyp
        return logp / max(len(new), 1) ** length_penalty

    best = max(finished + live, key=score)
    return best[1], score(best)
