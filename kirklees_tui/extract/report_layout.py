"""A report's lines laid out as text: running lines left out, paragraphs rebuilt.

The rules read only what a page shows: a running header, footer or page number is a line in
the top or bottom tenth of the page that recurs (numbers aside) on three pages in ten; a
paragraph ends at an empty line, a gap wider than a line, a change of type size or weight, or
a list item (a bullet, or a paragraph number standing out to the left); it runs on over a page
break only while its sentence is unfinished. Headings are bold or larger than the body type;
footnotes are smaller, low on the page, and follow the paragraph they interrupt.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from kirklees_tui.extract.report_lines import Line

__all__ = ["Layout", "join_lines", "lay_out"]


@dataclass(frozen=True, slots=True)
class Layout:
    """The text built from a report's lines, with its structure as offsets into it."""

    text: str
    """Paragraphs separated by a blank line."""
    pages: tuple[tuple[int, int], ...]
    """Each page's start and end offsets: consecutive, together covering the text."""
    paragraphs: tuple[tuple[int, int], ...]
    """Each paragraph's start and end offsets, in reading order."""
    headings: tuple[int, ...]
    """Indices into `paragraphs` of the headings."""
    notes: tuple[int, ...]
    """Indices into `paragraphs` of the footnotes."""


def lay_out(pages: list[list[Line]]) -> Layout:
    """Each page's lines (as `report_lines.page_lines` reads them) laid out as one text."""
    body = _body_size(pages)
    running = _running_keys(pages)
    builder = _Builder(_vocabulary(pages))
    for number, lines in enumerate(pages):
        builder.new_page(number)
        for line in lines:
            if not _is_running(line, running):
                builder.add(line, body)
    return builder.finish(len(pages))


def _body_size(pages: list[list[Line]]) -> float:
    """The type size most of the report's letters are set in."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[round(line.size)] += len(line.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 12.0


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def _running_keys(pages: list[list[Line]]) -> frozenset[str]:
    """Lines in the top or bottom tenth of the page that recur, numbers aside, on at least
    three pages in ten (two at least): running headers, footers and page numbers."""
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_key(line.text) for line in lines if line.in_margin and line.text.strip()})
    least = max(2, math.ceil(0.3 * len(pages)))
    return frozenset(key for key, count in seen.items() if count >= least)


_PAGE_NUMBER: Final = re.compile(r"(?i)\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*")


def _is_running(line: Line, running: frozenset[str]) -> bool:
    return line.in_margin and (_key(line.text) in running or bool(_PAGE_NUMBER.fullmatch(line.text)))


_WORD: Final = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _vocabulary(pages: list[list[Line]]) -> frozenset[str]:
    """Every word the report writes within a line, hyphenated compounds whole: the evidence
    for rejoining a word split at a line's end."""
    words: set[str] = set()
    for lines in pages:
        for line in lines:
            words.update(word.casefold() for word in _WORD.findall(line.text))
    return frozenset(words)


# A list item: a bullet, or a paragraph number ("28.", "2.1") before the first word.
_ITEM: Final = re.compile(r"[•◼▪●◦■□➢✓\-–*\ue000-\uf8ff]\s|\d{1,3}(?:\.\d{1,2})*\.?\s+[A-Z‘“'\"(]")
_ENDS_SENTENCE: Final = re.compile(r"[.!?:;][’”'\")\]]*$")
_SUSPENDED: Final = frozenset(("and", "or", "to", "nor"))


def join_lines(left: str, right: str, vocabulary: frozenset[str]) -> str:
    """Two wrapped lines as one: "multi-" + "agency" keeps its hyphen when the report writes
    "multi-agency" (or no unhyphenated form), "exper-" + "ience" drops it when the report
    writes "experience"; "16-" + "and 17-year-olds" is a suspended hyphen and keeps a space;
    a soft hyphen always goes."""
    if left.endswith("\u00ad"):
        return left[:-1] + right
    head = re.search(r"([^\W\d_]+)-$", left)
    tail = re.match(r"[^\W\d_]+", right)
    if head and tail and tail.group().casefold() not in _SUSPENDED:
        joined = (head.group(1) + tail.group()).casefold()
        hyphenated = f"{head.group(1)}-{tail.group()}".casefold()
        if joined in vocabulary and hyphenated not in vocabulary:
            return left[:-1] + right
        return left + right
    if left.endswith("-") and not left.endswith(" -") and not tail:
        return left + right  # "COVID-" + "19"
    return f"{left} {right}"


@dataclass(slots=True)
class _Paragraph:
    page: int
    text: str
    last: Line
    heading: bool
    note: bool = False
    marks: list[tuple[int, int]] = field(default_factory=list)
    """Where each page the paragraph runs onto begins: (page, offset into `text`)."""


class _Builder:
    """Puts lines into paragraphs and paragraphs into the text, keeping every offset."""

    def __init__(self, vocabulary: frozenset[str]) -> None:
        self.vocabulary = vocabulary
        self.parts: list[str] = []
        self.length = 0
        self.page_starts: list[int] = []
        self.paragraphs: list[tuple[int, int]] = []
        self.headings: list[int] = []
        self.notes: list[int] = []
        self.open: _Paragraph | None = None
        self.pending: list[_Paragraph] = []
        self.note: _Paragraph | None = None
        self.blank = False
        self.page = -1

    def new_page(self, number: int) -> None:
        self.page = number
        self.blank = False
        if self.note is not None:
            self.pending.append(self.note)
            self.note = None

    def add(self, line: Line, body: float) -> None:
        text = " ".join(line.text.split())
        if not text:
            self.blank = True
            return
        if line.size < body - 1.5 and line.low_on_page:  # a footnote, set small at the foot
            if self.note is not None and not re.match(r"\d{1,2}\s", text):
                self.note.text = join_lines(self.note.text, text, self.vocabulary)
            else:
                if self.note is not None:
                    self.pending.append(self.note)
                self.note = _Paragraph(self.page, text, line, False, note=True)
            return
        heading = line.bold or line.size >= body + 1.5
        current = self.open
        if current is not None and self._continues(current, line, text, heading):
            current.text = join_lines(current.text, text, self.vocabulary)
            if current.last.page != line.page:
                current.marks.append((line.page, len(current.text) - len(text)))
            current.last = line
        else:
            self._close()
            self._flush_notes()
            self.open = _Paragraph(self.page, text, line, heading, marks=[(self.page, 0)])
        self.blank = False

    def _continues(self, current: _Paragraph, line: Line, text: str, heading: bool) -> bool:
        """Does `line` carry on the open paragraph?"""
        last = current.last
        if heading != current.heading:
            return False
        if last.page != line.page:  # over a page break: only an unfinished sentence
            return (
                not heading
                and not _ITEM.match(text)
                and (not _ENDS_SENTENCE.search(current.text) or text[:1].islower())
            )
        if self.blank or abs(line.size - last.size) > 1.5:
            return False  # an empty line, or a change of type size, ends a paragraph
        rise = line.y - last.y
        if rise > 1:  # drawn above the line before: a table's next column, or a new block
            return line.x > last.x + 40 and rise < 3 * line.size
        if rise < -1.45 * max(line.size, last.size):
            return False  # a gap wider than a line: a new paragraph
        return not (_ITEM.match(text) and (line.x < last.x - 3 or _ENDS_SENTENCE.search(current.text)))

    def _emit(self, paragraph: _Paragraph) -> None:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        for page, offset in paragraph.marks:
            while len(self.page_starts) <= page:
                self.page_starts.append(start + offset)
        self.parts.append(paragraph.text)
        self.length += len(paragraph.text)
        if paragraph.heading:
            self.headings.append(len(self.paragraphs))
        if paragraph.note:
            self.notes.append(len(self.paragraphs))
        self.paragraphs.append((start, self.length))

    def _close(self) -> None:
        if self.open is not None:
            self._emit(self.open)
            self.open = None

    def _flush_notes(self) -> None:
        for note in self.pending:
            self._emit(note)
        self.pending = []

    def finish(self, count: int) -> Layout:
        self._close()
        if self.note is not None:
            self.pending.append(self.note)
        self._flush_notes()
        while len(self.page_starts) < count:
            self.page_starts.append(self.length)
        ends = [*self.page_starts[1:], self.length]
        pages = tuple(zip(self.page_starts, ends, strict=True))
        return Layout(
            "".join(self.parts), pages, tuple(self.paragraphs), tuple(self.headings), tuple(self.notes)
        )
