"""Words of a quotation and of a report, folded so that only the words themselves count.

A newspaper quoting a report changes what does not matter: it capitalises the first word,
sets straight quotes for curly ones (or the reverse), a hyphen for a dash, a space for a line
break, and it copies words split at a line's end ("exper-\\nience"). It also marks its own
hands in the quotation: an ellipsis where it left words out, square brackets round words it
put in ("[them]") or round a letter it changed ("[T]here"). All of these fold away here; a
word changed, added or dropped never does.

A token is a run of letters and digits, with any apostrophes inside it ("children's"), case
folded; every other character separates tokens. Each token keeps its offsets in the text it
came from, so a match is always a span of the original. A hyphen at a line's end joins the
two halves into one word when the joined word is one the report writes (its vocabulary),
and is a separator otherwise (multi-\\nagency).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from kirklees_tui.query.fold import APOSTROPHES, fold

__all__ = ["ELLIPSIS_GAP", "INSERT_GAP", "Token", "quote_tokens", "text_tokens"]

ELLIPSIS_GAP: Final = 60
"""An ellipsis stands for at most this many of the report's words left out."""
INSERT_GAP: Final = 4
"""Words in square brackets stand for at most this many of the report's words."""

_TOKEN: Final = re.compile(rf"[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*")
_SPLIT: Final = re.compile(r"([^\W\d_]+)[-\u2010\u2011\u00ad]\s*\n\s*([^\W\d_]+)")
_ELLIPSIS: Final = re.compile(r"\.\s*\.\s*\.|…|\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]")
_BRACKETS: Final = re.compile(r"\[([^\[\]]{0,60})\]")


@dataclass(frozen=True, slots=True)
class Token:
    """A folded word and where it is: `text[start:end]`; or a gap a quotation marks."""

    word: str
    """The word, case folded, apostrophes straight; "" for a gap."""
    start: int
    end: int
    gap: int = 0
    """For a gap: how many report words it may stand for."""


def _fold(word: str) -> str:
    """A word as search folds it (one rule: `query.fold`): apostrophes straight, lower case."""
    return fold(word)


def text_tokens(text: str, vocabulary: Collection[str] | None = None) -> list[Token]:
    """The tokens of `text`, a hyphen at a line's end joining a word that `vocabulary` (by
    default, the text's own words) knows."""
    found = [Token(_fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if "\n" not in text or not _SPLIT.search(text):
        return found
    if vocabulary is None:
        vocabulary = {token.word for token in found}
    by_end = {token.end: index for index, token in enumerate(found)}
    joins = []
    for split in _SPLIT.finditer(text):
        first = by_end.get(split.end(1))
        if (
            first is not None
            and first + 1 < len(found)
            and found[first + 1].start == split.start(2)
            and _fold(split.group(1) + split.group(2)) in vocabulary
        ):
            joins.append(first)
    for first in reversed(joins):
        joined = found[first].word + found[first + 1].word
        found[first : first + 2] = [Token(joined, found[first].start, found[first + 1].end)]
    return found


def quote_tokens(words: str, vocabulary: Collection[str] | None = None) -> list[Token]:
    """A quotation's tokens, with a gap for each ellipsis and each bracketed insertion;
    brackets round part of a word ("[T]here", "child[ren]") are dropped, their letters kept.
    Offsets are into `words`."""
    gaps: list[Token] = []

    def blank(match: re.Match[str], size: int) -> str:
        gaps.append(Token("", match.start(), match.end(), size))
        return " " * len(match.group())

    text = _ELLIPSIS.sub(lambda m: blank(m, ELLIPSIS_GAP), words)
    inner: set[int] = set()

    def bracket(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if before.isalnum() or after.isalnum():
            inner.update((match.start(), match.end() - 1))  # part of a word
            return match.group()
        return blank(match, INSERT_GAP)

    text = _BRACKETS.sub(bracket, text)
    kept = [index for index in range(len(text)) if index not in inner]
    stripped = "".join(text[index] for index in kept)
    kept.append(len(text))
    tokens = [
        Token(t.word, _widen(kept[t.start], -1, inner), _widen(kept[t.end - 1] + 1, 0, inner))
        for t in text_tokens(stripped, vocabulary)
    ]
    return sorted([*tokens, *gaps], key=lambda token: token.start)


def _widen(offset: int, side: int, inner: set[int]) -> int:
    """A token's offset moved over a bracket it starts or ends with: "[T]here", "child[ren]"."""
    return offset + (-1 if side else 1) if offset + side in inner else offset
