"""Is this article one the store already has under another header?

Syndicated copies keep the story's words but change the header, the site furniture and a few
phrases. Comparing runs of five words (shingles) of the content paragraphs catches that: a copy
shares most of its shingles with the original, a different report of the same visit (which may
repeat a quotation or two) shares few.
"""

from __future__ import annotations

import re
from typing import Final

from kirklees_tui.extract.text import paragraphs

__all__ = ["NEAR_DUPLICATE", "overlap", "shingles"]

NEAR_DUPLICATE: Final = 0.8
"""Share of the shorter article's shingles found in the other: at or above it, a copy."""
_SIZE: Final = 5
_WORD: Final = re.compile(r"\w+")


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    """Runs of five lower-cased words from the article's content paragraphs."""
    words = [w.lower() for span in paragraphs(text) for w in _WORD.findall(span.of(text))]
    if len(words) < _SIZE:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i : i + _SIZE]) for i in range(len(words) - _SIZE + 1))


def overlap(first: frozenset[tuple[str, ...]], second: frozenset[tuple[str, ...]]) -> float:
    """How much of the shorter article the longer one contains, from 0 to 1."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))
