"""Reading a report PDF: paragraphs rebuilt from lines, running lines left out, offsets kept,
and one ReportError line for every file that is not a readable report."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kirklees_tui.extract import pdf
from kirklees_tui.extract.pdf import ReportError, ReportText, read_report
from kirklees_tui.extract.report_layout import join_lines
from tests.conftest import REPORTS, ROOT, needs
from tests.pdfmaker import Run, make_pdf

LEADING = 14.5
FOOTER = "Inspection of Testshire local authority children's services"


def _page(number: int, *body: Run) -> list[Run]:
    """A page with the running footer and page number every report page has."""
    return [Run(FOOTER, 72, 40, 8, True), Run(str(number), 520, 30, 10), *body]


def _lines(x: float, y: float, *texts: str) -> list[Run]:
    return [Run(text, x if n == 0 else x + 18, y - n * LEADING) for n, text in enumerate(texts)]


SYNTHETIC = [
    _page(
        1,
        Run("The experiences and progress of children in care: good", 72, 760, 14, True),
        *_lines(
            72,
            730,
            "1. Children in care live in stable homes and their multi-",
            "agency plans are reviewed regularly. Social workers know",
            "them well.",
        ),
        *_lines(
            72,
            670,
            "2. Leaders have an accurate understanding of the exper-",
            "ience of children, and the experience of care leavers.",
        ),
        *_lines(72, 610, "3. Managers oversee the work of"),
        Run("1", 72, 104, 6),
        Run("This is a footnote about the framework.", 78, 100, 9),
    ),
    _page(
        2,
        Run("social workers closely and their decisions are timely.", 90, 760),
        *_lines(72, 720, "4. The response to 16- and 17-year-olds who are homeless is", "strong."),
    ),
    _page(3, Run("What needs to improve?", 72, 760, 14, True), Run("The quality of plans.", 72, 730)),
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> ReportText:
    path = tmp_path_factory.mktemp("pdf") / "testshire.pdf"
    path.write_bytes(make_pdf(SYNTHETIC))
    return read_report(path)


def _paragraphs(report: ReportText) -> list[str]:
    return [report.text[start:end] for start, end in report.paragraphs]


def test_lines_become_paragraphs(synthetic: ReportText) -> None:
    assert _paragraphs(synthetic) == [
        "The experiences and progress of children in care: good",
        "1. Children in care live in stable homes and their multi-agency plans are reviewed "
        "regularly. Social workers know them well.",
        "2. Leaders have an accurate understanding of the experience of children, and the "
        "experience of care leavers.",
        "3. Managers oversee the work of social workers closely and their decisions are timely.",
        "This is a footnote about the framework.",
        "4. The response to 16- and 17-year-olds who are homeless is strong.",
        "What needs to improve?",
        "The quality of plans.",
    ]
    assert synthetic.headings == (0, 6)
    assert synthetic.notes == (4,)
    assert FOOTER not in synthetic.text and not re.search(r"(?m)^\d+$", synthetic.text)


def test_pages_partition_the_text(synthetic: ReportText) -> None:
    starts = [start for start, _ in synthetic.pages]
    assert synthetic.pages[0][0] == 0 and synthetic.pages[-1][1] == len(synthetic.text)
    assert all(a[1] == b[0] for a, b in zip(synthetic.pages, synthetic.pages[1:], strict=False))
    assert synthetic.text[starts[1] :].startswith("social workers closely")  # page 2 begins mid-paragraph
    assert synthetic.text[starts[2] :].startswith("What needs to improve?")
    assert [synthetic.page_of(start) for start, _ in synthetic.paragraphs] == [1, 1, 1, 1, 2, 2, 3, 3]
    assert synthetic.page_of(-1) == synthetic.page_of(len(synthetic.text)) == 0


@pytest.mark.parametrize(
    ("left", "right", "vocabulary", "joined"),
    [
        ("their multi-", "agency plans", {"multi-agency"}, "their multi-agency plans"),
        ("the exper-", "ience of", {"experience"}, "the experience of"),
        ("a well-", "being check", {"well-being", "wellbeing"}, "a well-being check"),
        ("an unknown com-", "pound", set(), "an unknown com-pound"),
        ("16-", "and 17-year-olds", {"16-and"}, "16- and 17-year-olds"),
        ("the COVID-", "19 pandemic", set(), "the COVID-19 pandemic"),
        ("soft\u00ad", "hyphen", set(), "softhyphen"),
        ("a dash –", "then more", set(), "a dash – then more"),
        ("an end.", "Next", set(), "an end. Next"),
    ],
)
def test_join_lines(left: str, right: str, vocabulary: set[str], joined: str) -> None:
    assert join_lines(left, right, frozenset(vocabulary)) == joined


# --- bad files: one line each, never a traceback -----------------------------------------


def _encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(SYNTHETIC))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _blank_pages() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (lambda: b"Inspection of Testshire\nnot a PDF at all\n", "not a PDF"),
        (lambda: b"", "empty file"),
        (lambda: make_pdf(SYNTHETIC)[:300], "damaged or truncated PDF"),
        (lambda: b"%PDF-1.4\n" + bytes(range(256)) * 8, "damaged or truncated PDF"),
        (_encrypted, "encrypted"),
        (_blank_pages, "has no text layer"),
    ],
)
def test_a_bad_file_is_one_line(tmp_path: Path, content: object, reason: str) -> None:
    path = tmp_path / "report.pdf"
    assert callable(content)
    path.write_bytes(content())
    with pytest.raises(ReportError) as caught:
        read_report(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message


def test_limits_and_missing_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf(SYNTHETIC))
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    with pytest.raises(ReportError, match=r"too long \(3 pages; the limit is 2\)"):
        read_report(path)
    monkeypatch.setattr(pdf, "MAX_BYTES", 100)
    with pytest.raises(ReportError, match=r"long.pdf: too large"):
        read_report(path)
    with pytest.raises(ReportError, match=r"missing.pdf: not a file"):
        read_report(tmp_path / "missing.pdf")
    with pytest.raises(ReportError, match=r"not a file"):
        read_report(tmp_path)


def test_reading_imports_pypdf_only_when_a_report_is_read() -> None:
    modules = ("pdf", "report_front", "report_findings", "national_record", "verify")
    code = "; ".join(f"import kirklees_tui.extract.{m}" for m in modules)
    code += "; import sys; assert not {'pypdf', 'textual'} & set(sys.modules), 'imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --- the real reports -------------------------------------------------------------------


@needs(REPORTS)
def test_real_reports_keep_the_offset_contract(reports: dict[str, ReportText]) -> None:
    assert len(reports) == 17
    for name, report in reports.items():
        text = report.text
        assert report.pages[0][0] == 0 and report.pages[-1][1] == len(text), name
        assert all(a[1] == b[0] for a, b in zip(report.pages, report.pages[1:], strict=False))
        previous = 0
        for start, end in report.paragraphs:
            assert previous <= start < end <= len(text), name
            assert text[start:end] == text[start:end].strip() and "\n" not in text[start:end]
            previous = end
        assert not any(text[s:e].isdigit() for s, e in report.paragraphs), name  # page numbers
        assert set(report.headings) | set(report.notes) <= set(range(len(report.paragraphs)))


@needs(REPORTS)
def test_running_footers_go_and_wrapped_words_are_whole(reports: dict[str, ReportText]) -> None:
    westminster = reports["westminster_2025-01-13.pdf"].text
    # the footer repeats the title with a wrong year on every page but the first
    assert westminster.count("Inspection of Westminster local authority children’s services") == 1
    assert "11 to 15 November 2025" not in westminster
    kirklees = reports["kirklees_2016-11-25.pdf"].text
    assert "there is too much focus on the parents, rather than on the experience of children" in kirklees
    assert "multi-agency safeguarding hub" in kirklees and "multi- agency" not in kirklees
