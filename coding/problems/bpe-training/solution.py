"""Training a byte-pair encoding tokeniser on whitespace-separated words."""

from __future__ import annotations

import itertools
from collections import Counter


def _merge_word(symbols: tuple[str, ...], pair: tuple[str, str]) -> tuple[str, ...]:
    """Replace non-overlapping occurrences of pair, left to right."""
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def train_bpe(corpus: list[str], num_merges: int) -> list[tuple[str, str]]:
    """Return up to num_merges (left, right) merges; ties go to the smallest pair in tuple order."""
    words = Counter(tuple(word) for text in corpus for word in text.split())
    merges: list[tuple[str, str]] = []
    for _ in range(num_merges):
        counts: Counter[tuple[str, str]] = Counter()
        for symbols, freq in words.items():
            for pair in itertools.pairwise(symbols):
                counts[pair] += freq
        if not counts:
            break
        best = min(counts, key=lambda pair: (-counts[pair], pair))
        merges.append(best)
        merged: Counter[tuple[str, ...]] = Counter()
        for symbols, freq in words.items():
            merged[_merge_word(symbols, best)] += freq
        words = merged
    return merges
