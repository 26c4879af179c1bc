"""Paragraphs and sentences of an article, as offsets into its unaltered text.

Offsets are never shifted: every later stage cuts spans out of the same string the store keeps,
so `text[start:end]` is always the verbatim passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["Span", "is_clutter", "is_crosshead_quote", "paragraphs", "sentences"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article: `text[start:end]`."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


_CLUTTER: Final = re.compile(
    r"(?i)\b(?:video loading|hide ad|advertisement|subscribe|newsletter|sign up|media caption|"
    r"image caption|image source|picture:|photo:|\(credit:|"
    r"get daily updates|read more|click here|follow us|share this|invalid email|"
    r"cookie|privacy notice|most read|sponsored)\b"
)
# "Picket line - Members of the union at ..." : a photo caption under its headline.
_CAPTION: Final = re.compile(r"^[^.!?“”\"]{3,80} [-–] [A-Z][^“”\"]*\.?$")
_ABBREVIATIONS: Final = frozenset(
    ("mr mrs ms dr clr cllr cr st no prof rev gen col sgt insp det supt vs etc inc ltd co").split()
)


def is_crosshead_quote(paragraph: str) -> bool:
    """A short line that is all one quotation: a crosshead lifting words from the story."""
    return (
        len(paragraph) >= 3
        and paragraph[0] in "“‘\"'"
        and len(paragraph.split()) <= 8
        and any(mark in paragraph[1:] for mark in "”’\"'")
        and not paragraph.rstrip("”’\"'").endswith((".", "?", "!"))
    )


def is_clutter(paragraph: str) -> bool:
    """Site furniture, captions and prompts that are no part of the story."""
    stripped = paragraph.strip()
    if _CLUTTER.search(stripped) and not any(mark in stripped for mark in '“”"'):
        return True
    if is_crosshead_quote(stripped):
        return False  # 'Robust service': a heading quoting the story's words
    if len(stripped.split()) <= 3 and not stripped.rstrip("”’\"')").endswith((".", "?", "!", ":")):
        return True
    return (
        bool(_CAPTION.match(stripped)) and "“" not in stripped and not _STARTS_UNIT.match(stripped)
    )  # "• Overall effectiveness – Good" is a list item


_LINE: Final = re.compile(r"[^\n]+")
_ENDS_UNIT: Final = re.compile(r"[.!?:;…]['’\"”)\]]*$|['’\"”]$")
_ENDS_SENTENCE: Final = re.compile(r"[.!?]['’\"”)\]]*$")
_STARTS_UNIT: Final = re.compile(r"[-*•·–—]\s|\d+[.)]\s|[“‘\"']")


def _breaks_before(previous: str, line: str, blank: bool, wrapped: bool) -> bool:
    """Does `line` start a paragraph of its own after `previous`?

    A line that opens in lower case continues the sentence before it, even across a blank
    line (a stray break in a pasted quotation, a PDF's wrapped line). In a text that separates
    paragraphs with blank lines, a single line break inside a block is a hard wrap unless the
    line before ends a sentence or is a short heading, or the line is a list item.
    """
    if line[:1].islower():
        return blank and bool(_ENDS_SENTENCE.search(previous))
    if blank or not wrapped:
        return True
    return bool(_ENDS_UNIT.search(previous) or _STARTS_UNIT.match(line) or len(previous) < 50)


def paragraphs(text: str) -> list[Span]:
    """Content paragraphs, trimmed of surrounding whitespace, with clutter left out.

    Blank lines separate paragraphs; so do single line breaks between lines that each read as
    a unit (a list, captions, a text with no blank lines at all). Offsets always point into
    `text` as it is.
    """
    wrapped = bool(re.search(r"\n[ \t\u00a0]*\n", text))
    units: list[Span] = []
    previous_end = 0
    for match in _LINE.finditer(text):
        body = match.group()
        stripped = body.strip()
        if not stripped:
            continue
        start = match.start() + len(body) - len(body.lstrip())
        end = start + len(stripped)
        blank = text.count("\n", previous_end, match.start()) >= 2
        if units and not _breaks_before(units[-1].of(text), stripped, blank, wrapped):
            units[-1] = Span(units[-1].start, end)
        else:
            units.append(Span(start, end))
        previous_end = match.end()
    return [unit for unit in units if not is_clutter(unit.of(text))]


_BOUNDARY: Final = re.compile(r"[.!?]+[”’\"')\]]*(?=\s+[“\"‘'(]?[A-Z0-9])")


def sentences(text: str, paragraph: Span) -> list[Span]:
    """Sentences of one paragraph, split after terminal punctuation before a capital; a list
    item's bullet ("* ", "• ") is no part of its sentence."""
    body = paragraph.of(text)
    spans: list[Span] = []
    bullet = re.match(r"[*•·▪●◦]\s+", body)
    start = bullet.end() if bullet else 0
    for match in _BOUNDARY.finditer(body):
        word = re.search(r"(\w+)\.?$", body[start : match.start() + 1])
        if word and word.group(1).lower() in _ABBREVIATIONS and body[match.start()] == ".":
            continue
        if word and len(word.group(1)) == 1 and word.group(1).isupper():
            continue  # an initial: "John F. Kennedy"
        if re.fullmatch(r"\s*\d+(?:\.\d+)*\.?", body[start : match.end()]):
            continue  # a list's number: "1. Children who need help"
        end = match.end()
        spans.append(Span(paragraph.start + start, paragraph.start + end))
        start = end + (len(body[end:]) - len(body[end:].lstrip()))
    if start < len(body):
        spans.append(Span(paragraph.start + start, paragraph.end))
    return spans
