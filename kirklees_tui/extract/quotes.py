"""Quotation spans in double or single marks, told apart from apostrophes.

Newspapers quote in double marks (“…”, "…") and, in BBC and trade-press style, in single marks
(‘…’, '…'), often for a few words woven into the writer's sentence. A mark's role is read from
its neighbours: an opening mark follows a space or a bracket and is followed by a word; a
closing mark follows a word and is followed by a space or punctuation; a mark between two
letters (children’s, don't) is an apostrophe. Wrong-way marks (” a very slow start”) and a
straight closer after a curly opener (‘accelerate') are read by the same rule.

In British style a quotation spanning paragraphs reopens each paragraph and closes only at its
end. Marks of the other style inside a quotation are nested and belong to it. A single-mark
opener that never closes in its paragraph, and is not continued by the next, was an apostrophe
after all (’90s, a possessive), and is read again as one. A span runs from its opening mark to
its closing mark inclusive; its words have the marks (and the reopening marks) removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from kirklees_tui.extract.lexicon import GRADE_LABEL
from kirklees_tui.extract.text import Span
from kirklees_tui.store.quotation import DOUBLE, SINGLE, is_closed, words_of_span
from kirklees_tui.store.quotation import OPENING_ONLY as _OPENING_ONLY

__all__ = ["QuoteSpan", "find_quotes", "is_grade_label", "mark_role"]

_CLOSING_ONLY: Final = frozenset("”’")
_OPEN_BEFORE: Final = frozenset("([{<—–-/«") | _OPENING_ONLY
_CLOSED_AFTER: Final = frozenset(".,;:!?)]}>…—–-/»*") | _CLOSING_ONLY | frozenset("\"'")

Role = Literal["open", "close", "either", "apostrophe"]
Style = Literal["double", "single"]


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: its verbatim span, its words, and whether it is whole sentences."""

    start: int
    end: int
    words: str
    full: bool
    paragraph_starts: tuple[int, ...]
    """Offsets of each paragraph the quotation covers, for the reopening marks."""
    style: Style = "double"
    closed: bool = True
    """False when the text ends (or the paragraph chain breaks) before a closing mark."""


def _style(char: str) -> Style:
    return "double" if char in DOUBLE else "single"


def mark_role(text: str, index: int, start: int, end: int) -> Role:
    """What the quotation mark at `text[index]` does, from its neighbours within
    `text[start:end]` (a paragraph's bounds count as spaces)."""
    char = text[index]
    before = text[index - 1] if index > start else " "
    after = text[index + 1] if index + 1 < end else " "
    open_left = before.isspace() or before in _OPEN_BEFORE
    closed_right = after.isspace() or after in _CLOSED_AFTER
    if char in SINGLE:
        if before.isalnum() and after.isalpha():
            return "apostrophe"  # children’s, don't, O'Brien
        if char in "’'" and open_left and after.isdigit():
            return "apostrophe"  # ’90s
        if char == "‘" or char in "‚‛":
            return "open" if open_left or not before.isalnum() else "apostrophe"
    if char in _OPENING_ONLY:  # never a closing mark, whatever its neighbours
        return "open" if open_left or not closed_right else "apostrophe"
    if open_left and not closed_right:
        return "open"
    if closed_right and not open_left:
        return "close"
    if char in _CLOSING_ONLY and char in DOUBLE:
        return "close" if not open_left else "either"
    if open_left and closed_right:
        return "either"  # a mark on its own between spaces
    return "either" if char in DOUBLE else "close"


@dataclass(slots=True)
class _Open:
    start: int
    style: Style
    reopenings: list[int]
    covered: list[int]


def _is_full(words: str) -> bool:
    """Whole sentences start with a capital; fragments are phrases lifted from a sentence."""
    first = next((c for c in words if c.isalpha()), "")
    return first.isupper() and len(words.split()) >= 3


class _Scanner:
    """Pairs marks paragraph by paragraph, carrying a quotation across reopened paragraphs."""

    def __init__(self, text: str, paragraphs: list[Span]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.found: list[QuoteSpan] = []

    def quotation(self, state: _Open, end: int) -> QuoteSpan | None:
        span = self.text[state.start : end]
        words = words_of_span(span)
        if not words:
            return None
        return QuoteSpan(
            state.start, end, words, _is_full(words), tuple(state.covered), state.style, is_closed(span)
        )

    def reopens(self, index: int, state: _Open) -> bool:
        """Does paragraph `index` reopen the quotation left open by the one before?"""
        if index >= len(self.paragraphs):
            return False
        paragraph = self.paragraphs[index]
        char = self.text[paragraph.start]
        return char in (DOUBLE if state.style == "double" else SINGLE) and mark_role(
            self.text, paragraph.start, paragraph.start, paragraph.end
        ) in ("open", "either")

    def scan(
        self, index: int, state: _Open | None, disabled: set[int]
    ) -> tuple[list[QuoteSpan], _Open | None]:
        """The quotations a paragraph closes, and the one it leaves open (if any)."""
        text, paragraph = self.text, self.paragraphs[index]
        closed: list[QuoteSpan] = []
        position = paragraph.start
        if state is not None:  # reopened: skip the reopening mark
            state.reopenings.append(paragraph.start)
            state.covered.append(paragraph.start)
            position += 1
        for at in range(position, paragraph.end):
            char = text[at]
            if (char not in DOUBLE and char not in SINGLE) or at in disabled:
                continue
            role = mark_role(text, at, paragraph.start, paragraph.end)
            if role == "apostrophe":
                continue
            if state is None:
                if role in ("open", "either"):
                    state = _Open(at, _style(char), [], [paragraph.start])
                continue
            if _style(char) != state.style:
                continue  # nested marks of the other style belong to the quotation
            if role in ("close", "either"):
                quotation = self.quotation(state, at + 1)
                if quotation:
                    closed.append(quotation)
                state = None
        return closed, state

    def run(self) -> list[QuoteSpan]:
        state: _Open | None = None
        for index, paragraph in enumerate(self.paragraphs):
            incoming = state
            disabled: set[int] = set()
            while True:
                carried = (
                    None
                    if incoming is None
                    else _Open(
                        incoming.start, incoming.style, list(incoming.reopenings), list(incoming.covered)
                    )
                )
                closed, state = self.scan(index, carried, disabled)
                spurious = (
                    state is not None
                    and state.style == "single"
                    and not state.reopenings
                    and state.start >= paragraph.start
                    and not self.reopens(index + 1, state)
                    and index + 1 < len(self.paragraphs)
                )
                if not spurious:
                    break
                assert state is not None
                disabled.add(state.start)  # an apostrophe after all: read the paragraph again
            self.found.extend(closed)
            if state is not None and not self.reopens(index + 1, state):
                quotation = self.quotation(state, paragraph.end)
                if quotation:
                    self.found.append(quotation)
                state = None
        return self.found


def is_grade_label(words: str) -> bool:
    """A grade in marks (rated ‘Inadequate’, “requires improvement”): a rating label, the
    inspectorate's word rather than its sentences."""
    return bool(GRADE_LABEL.fullmatch(words.strip(" .,;:!?-–—").casefold()))


def find_quotes(text: str, paragraphs: list[Span]) -> list[QuoteSpan]:
    """Every quotation in the content paragraphs, in order of its opening mark."""
    found = _Scanner(text, paragraphs).run()
    found.sort(key=lambda q: q.start)
    return found
