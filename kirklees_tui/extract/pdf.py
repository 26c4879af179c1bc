"""An inspection report's text, read from its PDF, with its pages and paragraphs.

Ofsted's reports are typeset from a word processor: wrapped lines, a running header or footer
with the page number on every page, bold headings, footnotes in a smaller type. Quotations are
checked against this text and findings cut from it, so it has to read as the report reads:
lines rejoined into paragraphs (a hyphen at a line's end is kept when the report writes the
word with one elsewhere, dropped when it writes it without), running lines and page numbers
left out, headings kept as paragraphs of their own, footnote markers dropped and the footnotes
themselves placed after the paragraph they interrupt. Lines are read with their place and type
(pypdf's text visitor), never from the layout of the extracted string.

Every offset is into `ReportText.text`, the one string a store keeps: a finding, a quotation's
match or a page is always `text[start:end]`. A file that cannot be read this way is refused
with one `ReportError` line, never a traceback.
"""

from __future__ import annotations

import bisect
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from kirklees_tui.extract.report_layout import lay_out
from kirklees_tui.extract.report_lines import Line, page_lines
from kirklees_tui.sanitize import one_line

__all__ = ["MAX_BYTES", "MAX_PAGES", "ReportError", "ReportText", "read_report"]

MAX_BYTES: Final = 20 * 1024 * 1024
"""The largest report read: Ofsted's run to 1 MB; 20 MB leaves room for embedded images."""
MAX_PAGES: Final = 200
"""The longest report read: the longest kind (a 2014-2018 inspection) runs to about 40 pages."""
_MIN_CHARS_PER_PAGE: Final = 40
"""Below this many letters a page on average, the PDF is pictures of pages (scanned)."""


class ReportError(ValueError):
    """A file that is not a readable report; `str()` is the one line to show."""


@dataclass(frozen=True, slots=True)
class ReportText:
    """A report's text and its structure, as offsets into `text`."""

    text: str
    """The report's words: paragraphs separated by a blank line, each paragraph on one line."""
    pages: tuple[tuple[int, int], ...]
    """Start and end offsets of each page in `text`: consecutive and together covering it."""
    paragraphs: tuple[tuple[int, int], ...]
    """Start and end offsets of each paragraph (headings and footnotes included), in order."""
    headings: tuple[int, ...] = ()
    """Indices into `paragraphs` of the headings (bold or larger type)."""
    notes: tuple[int, ...] = ()
    """Indices into `paragraphs` of the footnotes (and the small type of the back page). A
    footnote follows the paragraph it interrupts; when that paragraph runs on to the next
    page, the footnote's offsets fall in that page."""

    def page_of(self, offset: int) -> int:
        """The 1-based page holding `offset` (0 when outside the text)."""
        if not 0 <= offset < len(self.text) or not self.pages:
            return 0
        return bisect.bisect_right([start for start, _ in self.pages], offset)


def _refuse(path: Path, reason: str) -> ReportError:
    return ReportError(f"{one_line(str(path))}: {reason}")


def read_report(path: Path) -> ReportText:
    """The text of the report at `path`.

    Raises:
        ReportError: the file is missing, empty, too large, not a PDF, encrypted, damaged,
            too long, or has no text layer (a scanned report).
    """
    try:
        if not path.is_file():
            raise _refuse(path, "not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refuse(
                path, f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise _refuse(path, f"cannot be read ({one_line(error.strerror or str(error))})") from None
    if not data:
        raise _refuse(path, "empty file")
    if b"%PDF-" not in data[:1024]:
        raise _refuse(path, "not a PDF (no %PDF- header)")
    with _quiet_pypdf():
        pages = _read_pages(path, data)
    return _assemble(path, pages)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs what it repairs in a damaged file; a refusal says what matters in one line."""
    logger = logging.getLogger("pypdf")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _read_pages(path: Path, data: bytes) -> list[list[Line]]:
    """Each page's lines, in the order the page draws them."""
    from pypdf import PdfReader  # here, so nothing else pays for importing it

    try:
        reader: Any = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opened(reader):
            raise _refuse(path, "encrypted (a report must open without a password)")
        count = len(reader.pages)
        if count == 0:
            raise _refuse(path, "has no pages")
        if count > MAX_PAGES:
            raise _refuse(path, f"too long ({count} pages; the limit is {MAX_PAGES})")
        return [page_lines(page, number) for number, page in enumerate(reader.pages)]
    except ReportError:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file
        reason = one_line(str(error))[:80] or type(error).__name__
        raise _refuse(path, f"damaged or truncated PDF ({reason})") from None


def _opened(reader: Any) -> bool:
    """Does an encrypted PDF open with the empty password (an owner-only lock)?"""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # a cipher pypdf cannot run without an extra package
        return False


def _assemble(path: Path, pages: list[list[Line]]) -> ReportText:
    letters = sum(1 for lines in pages for line in lines for char in line.text if char.isalpha())
    if letters < _MIN_CHARS_PER_PAGE * len(pages):
        raise _refuse(path, "has no text layer (a scanned report?)")
    layout = lay_out(pages)
    return ReportText(layout.text, layout.pages, layout.paragraphs, layout.headings, layout.notes)
