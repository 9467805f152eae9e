"""Training a byte-pair encoding tokeniser on whitespace-separated words."""

from __future__ import annotations


def train_bpe(corpus: list[str], num_merges: int) -> list[tuple[str, str]]:
    """Return up to num_merges (left, right) merges; ties go to the smallest pair in tuple order."""
    raise NotImplementedError
