"""A PDF page's lines of text, each with where it sits and how it is set.

pypdf's plain extraction gives a page's words as one string, line by line in drawing order; it
does not say which line is a heading, a footnote or a running footer. Its text visitor does:
each run of text comes with its text and transformation matrices, font and size. This module
gathers those runs into lines with a baseline, a left edge, a type size and whether most of
the line is bold, which is all `pdf.py` needs to rebuild paragraphs. Footnote markers (digits
set small above the baseline) are dropped: they are no part of the sentence they follow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["Line", "page_lines"]

_MARGIN: Final = 0.1
"""Running headers and footers sit in the top or bottom tenth of the page."""
_FOOT: Final = 0.3
"""Footnotes sit in the bottom three tenths."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page as drawn."""

    page: int
    """0-based page number."""
    text: str
    x: float
    """Left edge of the first visible run, in points from the page's left."""
    y: float
    """Baseline of the first visible run, in points from the page's bottom."""
    size: float
    """Type size of the line's main runs, in points."""
    bold: bool
    """Most of the line's letters are set in a bold face."""
    in_margin: bool
    """The line sits in the top or bottom tenth of the page, where running lines go."""
    low_on_page: bool
    """The line sits in the bottom three tenths, where footnotes go."""


@dataclass(frozen=True, slots=True)
class _Run:
    text: str
    x: float
    y: float
    size: float
    bold: bool


def _is_bold(font: Any) -> bool:
    name = str(font.get("/BaseFont", "")) if font else ""
    return any(mark in name for mark in ("Bold", "bold", "Black", "Heavy", "Semibold", "Demi"))


def _run(text: str, cm: Any, tm: Any, font: Any, size: Any) -> _Run:
    """A run placed on the page: its text matrix times the current transformation matrix."""
    a = tm[0] * cm[0] + tm[1] * cm[2]
    b = tm[0] * cm[1] + tm[1] * cm[3]
    c = tm[2] * cm[0] + tm[3] * cm[2]
    d = tm[2] * cm[1] + tm[3] * cm[3]
    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    scale = math.sqrt(abs(a * d - b * c)) or 1.0
    return _Run(text, float(x), float(y), float(size or 0) * scale, _is_bold(font))


def _line(page: int, runs: list[_Run], bottom: float, height: float) -> Line:
    visible = [run for run in runs if run.text.strip()]
    if not visible:
        return Line(page, "", 0.0, 0.0, 0.0, False, False, False)
    main = max(visible, key=lambda run: len(run.text.strip()))
    kept = [
        run
        for run in runs
        if not (
            run.text.strip().isdigit()
            and len(run.text.strip()) <= 2
            and run.size < 0.8 * main.size
            and run.y > main.y + 0.5
        )
    ]  # a footnote marker
    shown = [run for run in kept if run.text.strip()] or [main]
    letters = sum(len(run.text.strip()) for run in shown)
    bold = sum(len(run.text.strip()) for run in shown if run.bold)
    first = shown[0]
    place = (first.y - bottom) / height if height > 0 else 0.5
    return Line(
        page,
        "".join(run.text for run in kept),
        first.x,
        first.y,
        max(run.size for run in shown),
        bold * 5 >= letters * 3,
        not _MARGIN <= place <= 1 - _MARGIN,
        place < _FOOT,
    )


def page_lines(page: Any, number: int = 0) -> list[Line]:
    """The lines of one pypdf page, in the order it draws them."""
    box = page.mediabox
    bottom, height = float(box.bottom), float(box.height)
    lines: list[Line] = []
    runs: list[_Run] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index and runs:
                lines.append(_line(number, runs, bottom, height))
                runs.clear()
            if piece:
                runs.append(_run(piece, cm, tm, font, size))

    page.extract_text(visitor_text=visit)
    if runs:
        lines.append(_line(number, runs, bottom, height))
    return lines
