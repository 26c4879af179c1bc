"""Paragraphs and sentences of an article, as offsets into its unaltered text.

Offsets are never shifted: every later stage cuts spans out of the same string the store keeps,
so `text[start:end]` is always the verbatim passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["Span", "is_clutter", "paragraphs", "sentences"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article: `text[start:end]`."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


_CLUTTER: Final = re.compile(
    r"(?i)\b(?:video loading|hide ad|advertisement|subscribe|newsletter|sign up|"
    r"get daily updates|read more|click here|follow us|share this|invalid email|"
    r"cookie|privacy notice|most read|sponsored)\b"
)
# "Picket line - Members of the union at ..." : a photo caption under its headline.
_CAPTION: Final = re.compile(r"^[^.!?“”\"]{3,80} [-–] [A-Z][^“”\"]*\.?$")
_ABBREVIATIONS: Final = frozenset(
    (
        "mr mrs ms dr clr cllr cr st no prof rev gen col sgt insp det supt vs etc inc ltd co"
    ).split()
)


def is_clutter(paragraph: str) -> bool:
    """Site furniture, captions and prompts that are no part of the story."""
    stripped = paragraph.strip()
    if _CLUTTER.search(stripped) and not any(mark in stripped for mark in "“”\""):
        return True
    if len(stripped.split()) <= 3 and not stripped.endswith((".", "”", "\"", "?", "!")):
        return True
    return bool(_CAPTION.match(stripped)) and "“" not in stripped


def paragraphs(text: str) -> list[Span]:
    """Content paragraphs: blank-line separated blocks (or lines, if there are no blank lines),
    trimmed of surrounding whitespace, with clutter left out."""
    separator = r"\n[ \t\u00a0]*\n" if re.search(r"\n[ \t\u00a0]*\n", text) else r"\n"
    spans: list[Span] = []
    position = 0
    for match in [*re.finditer(separator, text), None]:
        end = match.start() if match else len(text)
        block = text[position:end]
        lead = len(block) - len(block.lstrip())
        body = block.strip()
        if body and not is_clutter(body):
            spans.append(Span(position + lead, position + lead + len(body)))
        position = match.end() if match else len(text)
    return spans


_BOUNDARY: Final = re.compile(r"[.!?]+[”’\"')\]]*(?=\s+[“\"‘'(]?[A-Z0-9])")


def sentences(text: str, paragraph: Span) -> list[Span]:
    """Sentences of one paragraph, split after terminal punctuation before a capital."""
    body = paragraph.of(text)
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(body):
        word = re.search(r"(\w+)\.?$", body[start : match.start() + 1])
        if word and word.group(1).lower() in _ABBREVIATIONS and body[match.start()] == ".":
            continue
        if word and len(word.group(1)) == 1 and word.group(1).isupper():
            continue  # an initial: "John F. Kennedy"
        end = match.end()
        spans.append(Span(paragraph.start + start, paragraph.start + end))
        start = end + (len(body[end:]) - len(body[end:].lstrip()))
    if start < len(body):
        spans.append(Span(paragraph.start + start, paragraph.end))
    return spans
