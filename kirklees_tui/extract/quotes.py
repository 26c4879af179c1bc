"""Quotation spans, including British quotations that run over several paragraphs.

In British newspaper style a quotation spanning paragraphs reopens each paragraph with “ and
closes only at its end. A span runs from its opening mark to its closing mark inclusive; its
text has the marks (and the repeated opening marks) removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kirklees_tui.extract.text import Span

__all__ = ["QuoteSpan", "find_quotes"]

OPEN: Final = "“"
CLOSE: Final = "”"
STRAIGHT: Final = '"'


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: its verbatim span, its words, and whether it is whole sentences."""

    start: int
    end: int
    words: str
    full: bool
    paragraph_starts: tuple[int, ...]
    """Offsets of each paragraph the quotation covers, for the reopening marks."""


def _words(text: str, span: Span, reopenings: list[int]) -> str:
    """The quoted words: outer marks dropped, and the reopening mark of each later paragraph."""
    pieces: list[str] = []
    cursor = span.start + 1
    for mark in reopenings:
        pieces.append(text[cursor:mark])
        cursor = mark + 1
    closing = span.end - 1 if text[span.end - 1] in (CLOSE, STRAIGHT) else span.end
    pieces.append(text[cursor:closing])
    return "".join(pieces).strip()


def _is_full(words: str) -> bool:
    """Whole sentences start with a capital; fragments are phrases lifted from a sentence."""
    first = next((c for c in words if c.isalpha()), "")
    return first.isupper() and len(words.split()) >= 3


def find_quotes(text: str, paragraphs: list[Span]) -> list[QuoteSpan]:
    """Every double-quoted passage in the content paragraphs, in order."""
    found: list[QuoteSpan] = []
    open_at: int | None = None
    opener = ""
    reopenings: list[int] = []
    covered: list[int] = []

    def close(end: int) -> None:
        nonlocal open_at
        assert open_at is not None
        span = Span(open_at, end)
        words = _words(text, span, reopenings)
        if words:
            found.append(QuoteSpan(span.start, span.end, words, _is_full(words), tuple(covered)))
        open_at = None

    for index, paragraph in enumerate(paragraphs):
        if open_at is not None:
            if text[paragraph.start] in (OPEN, STRAIGHT):
                reopenings.append(paragraph.start)
                covered.append(paragraph.start)
                start_scan = paragraph.start + 1
            else:  # the previous paragraph never closed: end the quotation where it ended
                close(paragraphs[index - 1].end)
                start_scan = paragraph.start
        else:
            start_scan = paragraph.start
        for position in range(start_scan, paragraph.end):
            char = text[position]
            if open_at is None and char in (OPEN, STRAIGHT):
                if char == STRAIGHT and _is_inch_mark(text, position):
                    continue
                open_at, opener = position, char
                reopenings, covered = [], [paragraph.start]
            elif open_at is not None and (
                (opener == OPEN and char == CLOSE) or (opener == STRAIGHT and char == STRAIGHT)
            ):
                close(position + 1)
        if open_at is not None and index + 1 < len(paragraphs):
            following = text[paragraphs[index + 1].start]
            if following not in (OPEN, STRAIGHT):
                close(paragraph.end)
    if open_at is not None:
        close(paragraphs[-1].end)
    return found


def _is_inch_mark(text: str, position: int) -> bool:
    """A straight quote after a digit is a measurement, not a quotation."""
    return position > 0 and text[position - 1].isdigit()
