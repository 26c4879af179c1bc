"""What a quotation record's span holds: the marks that open and close it, and its words.

A quote's `text` is the words of its span with the outer marks (and the reopening mark of each
later paragraph, in British style) removed. That is part of the schema, checked by `check`
(`integrity.py`), so it is defined here, once; the extractor (`extract/quotes.py`) builds its
records by the same rule.
"""

from __future__ import annotations

from typing import Final

__all__ = ["DOUBLE", "OPENING_ONLY", "SINGLE", "is_closed", "words_of_span"]

DOUBLE: Final = frozenset('“”"„‟')
SINGLE: Final = frozenset("‘’'‚‛")
OPENING_ONLY: Final = frozenset("“„‟‘‚‛")
"""Marks that only ever open a quotation."""


def is_closed(span: str) -> bool:
    """Does a quotation's span end with its closing mark (rather than where its paragraph,
    or the text, ran out)?"""
    marks = DOUBLE if span[:1] in DOUBLE else SINGLE
    return len(span) > 1 and span[-1] in marks and span[-1] not in OPENING_ONLY


def words_of_span(span: str) -> str:
    """The quoted words of a span: its outer marks dropped, and the reopening mark of each
    later paragraph. The one definition the extractor and `check` share."""
    marks = DOUBLE if span[:1] in DOUBLE else SINGLE
    inner = span[1:-1] if is_closed(span) else span[1:]
    lines = inner.split("\n")
    for number in range(1, len(lines)):
        line = lines[number]
        body = line.lstrip()
        if body[:1] in marks:
            lines[number] = line[: len(line) - len(body)] + body[1:]
    return "\n".join(lines).strip()
