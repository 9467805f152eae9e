"""Encoding words and text with learned byte-pair encoding merges."""

from __future__ import annotations

import itertools
import math


def _merge_word(symbols: list[str], pair: tuple[str, str]) -> list[str]:
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def bpe_encode(word: str, merges: list[tuple[str, str]]) -> list[str]:
    """Split word into symbols, applying the lowest-ranked present merge until none applies."""
    rank = {pair: i for i, pair in enumerate(merges)}
    symbols = list(word)
    while len(symbols) > 1:
        pairs = set(itertools.pairwise(symbols))
        best = min(pairs, key=lambda pair: rank.get(pair, math.inf))
        if best not in rank:
            break
        symbols = _merge_word(symbols, best)
    return symbols


def encode(text: str, merges: list[tuple[str, str]], vocab: dict[str, int]) -> list[int]:
    """Whitespace-split text, BPE-encode each word, map symbols to ids (unknown -> vocab["[UNK]"])."""
    unk = vocab["[UNK]"]
    return [vocab.get(symbol, unk) for word in text.split() for symbol in bpe_encode(word, merges)]
