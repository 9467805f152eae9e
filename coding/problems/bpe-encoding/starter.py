"""Encoding words and text with learned byte-pair encoding merges."""

from __future__ import annotations


def bpe_encode(word: str, merges: list[tuple[str, str]]) -> list[str]:
    """Split word into symbols, applying the lowest-ranked present merge until none applies."""
    raise NotImplementedError


def encode(text: str, merges: list[tuple[str, str]], vocab: dict[str, int]) -> list[int]:
    """Whitespace-split text, BPE-encode each word, map symbols to ids (unknown -> vocab["[UNK]"])."""
    raise NotImplementedError
