"""Ofsted's reports as sources: the visit each is about, made authoritative, and its findings.

A report is read from its PDF (`pdf.py`) and its front page (`report_front.py`). Its visit is
the store's visit of the same council and kind that started in the same month (or that an
article dated by the report's publication, up to three months later); failing one, a new
visit. Either way the report's dates, lead inspectors and grades replace what articles
suggested, and where they differ the visit keeps a line saying so (`Visit.conflicts`).
Its findings are its own evaluative sentences (`report_findings.py`), each under its
judgement area; a report's prose is never searched for quotations or speakers.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from msgspec.structs import replace

from kirklees_tui.extract.dates import PartialDate, parse_partial
from kirklees_tui.extract.pdf import ReportError, ReportText, read_report
from kirklees_tui.extract.record_visits import RECORD_BASIS
from kirklees_tui.extract.report_findings import report_findings
from kirklees_tui.extract.report_front import ReportFront, read_front_page
from kirklees_tui.extract.visits import new_visit_id
from kirklees_tui.query.themes import ThemeTagger
from kirklees_tui.sanitize import one_line
from kirklees_tui.store.model import GRADED_KINDS, Finding, Source, Visit

__all__ = [
    "ReadReport",
    "add_reports",
    "is_pdf",
    "place_report",
    "read_report_file",
    "read_report_files",
    "report_findings_of",
    "report_source",
]

_COPYRIGHT: Final = re.compile(r"©\s*Crown\s+copyright\s+(\d{4})\b", re.IGNORECASE)
_PARALLEL_FROM: Final = 3
"""Reports read at once from this many: fewer do not repay starting the worker processes."""
_MONTHS_LATER: Final = 3
"""An article may date an inspection by its report, published up to this many months later."""


@dataclass(frozen=True, slots=True)
class ReadReport:
    """A report PDF read and understood, before it is tied to a store."""

    file: str
    sha256: str
    text: ReportText
    front: ReportFront
    kind: str
    """The store's kind of visit (`model.VISIT_KINDS`)."""
    authority: str
    start: PartialDate
    end: PartialDate


def is_pdf(path: Path) -> bool:
    """Whether a regular file starts as a PDF does (by its bytes, never its name). Nothing
    else is opened: reading a FIFO or a device would wait, or never end."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return b"%PDF-" in handle.read(1024)
    except OSError:
        return False


def read_report_file(path: Path) -> ReadReport:
    """Read a report and its front page; `ReportError` (one line) when it is not a report this
    program can place: unreadable, or no council, kind or dates on its front page."""
    text = read_report(path)
    front = read_front_page(text)
    name = one_line(str(path))
    if front.authority is None:
        raise ReportError(f"{name}: its front page names no council; is it an Ofsted inspection report?")
    if front.visit_kind is None:
        raise ReportError(f"{name}: its front page gives no kind of inspection this program knows")
    if front.start is None:
        raise ReportError(f"{name}: its front page gives no inspection dates")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return ReadReport(
        path.name,
        digest,
        text,
        front,
        front.visit_kind,
        front.authority,
        front.start,
        front.end or front.start,
    )


def _same_visit(visit: Visit, report: ReadReport, source_id: str) -> bool:
    if visit.authority != report.authority or (visit.report_id not in (None, source_id)):
        return False
    if visit.kind != report.kind and not {visit.kind, report.kind} <= set(GRADED_KINDS):
        return False
    began = parse_partial(visit.start)
    if began.month is None:
        return began.year == report.start.year and not visit.sequence
    return 0 <= began.months() - report.start.months() <= _MONTHS_LATER


def _conflicts(visit: Visit, report: ReadReport) -> list[str]:
    """What the report says that the visit, as articles, a curator or the national record gave
    it, had otherwise. A visit only the record knows, which it could not date, was placed by
    its report's publication: its dates and kind were never anyone's claim."""
    said = visit.basis or "before"
    found: list[str] = []
    overall = report.front.overall
    if visit.judgement and overall and visit.judgement != overall:
        found.append(f"judgement: {visit.judgement} ({said}); the report: {overall}")
    if visit.record and not visit.source_ids and visit.precision != "day":
        return found
    if visit.kind != report.kind:
        found.append(f"kind: {visit.kind} ({said}); the report: {report.kind}")
    if visit.start[:7] != report.start.iso()[:7]:
        found.append(f"dates: {visit.start} ({said}); the report: {report.start.iso()} to {report.end.iso()}")
    return found


def place_report(
    visits: list[Visit], report: ReadReport, source_id: str, default_authority: str
) -> tuple[list[Visit], str]:
    """The visits with the report's own made authoritative (or added), and its id."""
    front = report.front
    candidates = [v for v in visits if _same_visit(v, report, source_id)]
    if candidates:  # the closest in time
        match = min(candidates, key=lambda v: abs(parse_partial(v.start).months() - report.start.months()))
    else:
        visit_id = new_visit_id(
            report.authority, report.kind, report.start.iso(), default_authority, (v.id for v in visits)
        )
        match = Visit(
            id=visit_id,
            authority=report.authority,
            kind=report.kind,
            start=report.start.iso(),
            end=report.end.iso(),
            precision=report.start.precision,
            basis="",
        )
    leads = front.lead_inspectors
    visit_id = match.id
    if candidates and match.record and not match.source_ids:  # known only to the record: its
        # id came from a publication month; it is named now by the report's own kind and first
        # day, as had the report come first (nothing refers to a visit with no source)
        others = (v.id for v in visits if v is not match)
        visit_id = new_visit_id(report.authority, report.kind, report.start.iso(), default_authority, others)
    placed = replace(
        match,
        id=visit_id,
        kind=report.kind,
        start=report.start.iso(),
        end=report.end.iso(),
        precision=report.start.precision,
        basis=f"the front page of Ofsted's report ({report.file})",
        judgement=front.overall if front.overall else match.judgement if not front.judgements else None,
        grades=front.judgements or match.grades,
        framework=front.kind,
        inspectors=(*leads, *(name for name in match.inspectors if name not in leads)),
        report_id=source_id,
        published=front.published.iso() if front.published else match.published,
        source_ids=tuple(dict.fromkeys([*match.source_ids, source_id])),
        conflicts=(*match.conflicts, *(_conflicts(match, report) if candidates else ())),
        provisional=False,
    )
    return sorted(
        [placed if v is match else v for v in visits] + ([] if candidates else [placed]),
        key=lambda v: (v.start, v.id),
    ), placed.id


def _title(report: ReadReport) -> str:
    month = f"{report.start.iso()[:7]}"
    words = {
        "monitoring visit": f"Monitoring visit to {report.authority} children's services",
        "focused visit": f"Focused visit to {report.authority} children's services",
        "JTAI": f"Joint targeted area inspection in {report.authority}",
    }.get(report.kind, f"Inspection of {report.authority} children's services")
    framework = f"{report.front.kind}, " if report.front.kind not in (None, report.kind) else ""
    return f"{words} ({framework}{month})"


def report_source(report: ReadReport, source_id: str, visit: Visit) -> Source:
    """The report as a source: its text, paragraphs and pages, dated by its publication (the
    front page's, the national record's, else its copyright year)."""
    if report.front.published is not None:
        published, basis = report.front.published, "“Report published” on its front page"
    elif visit.published:
        published, basis = parse_partial(visit.published), RECORD_BASIS
    elif (copyright := _COPYRIGHT.search(report.text.text)) is not None:
        published = PartialDate(int(copyright.group(1)))
        basis = f"“{copyright.group()}” (the report prints no publication date)"
    else:
        published, basis = PartialDate(report.end.year), "the year of its last day on site"
    text = report.text
    return Source(
        id=source_id,
        title=_title(report),
        publisher="Ofsted",
        published=published.iso(),
        precision=published.precision,
        basis=basis,
        file=report.file,
        text=text.text,
        sha256=report.sha256,
        paragraphs=text.paragraphs,
        kind="report",
        pages=tuple(start for start, _ in text.pages),
    )


def report_findings_of(
    report: ReadReport, source: Source, visit_id: str, index: int, tagger: ThemeTagger
) -> list[Finding]:
    """The report's findings as records, ids numbered like an article's (`f-NNN-MMM`)."""
    findings: list[Finding] = []
    for number, found in enumerate(report_findings(report.text), 1):
        words = source.text[found.start : found.end]
        findings.append(
            Finding(
                id=f"f-{index:03d}-{number:03d}",
                visit_id=visit_id,
                text=words,
                source_id=source.id,
                start=found.start,
                end=found.end,
                stance=found.stance,
                themes=tagger.tag(words),
                section=found.area or found.section,
            )
        )
    return findings


def add_reports(
    visits: list[Visit],
    reports: Iterable[tuple[str, ReadReport]],
    indexes: Iterable[int],
    tagger: ThemeTagger,
    default_authority: str,
) -> tuple[list[Visit], list[Source], list[Finding]]:
    """Reports (each with its source id) placed on their visits, as sources and findings;
    `indexes` numbers their findings' ids."""
    sources: list[Source] = []
    findings: list[Finding] = []
    for (source_id, report), index in zip(reports, indexes, strict=False):
        visits, visit_id = place_report(visits, report, source_id, default_authority)
        visit = next(v for v in visits if v.id == visit_id)
        source = report_source(report, source_id, visit)
        sources.append(source)
        findings += report_findings_of(report, source, visit_id, index, tagger)
    return visits, sources, findings


def read_report_files(paths: list[Path], progress: Callable[[Path], None]) -> list[ReadReport]:
    """Read reports in the order given, on every core when there are a few (pypdf is pure
    Python: a report takes about a second of one core). The first that cannot be read raises
    its `ReportError`."""
    workers = min(len(paths), os.cpu_count() or 1)
    if workers < 2 or len(paths) < _PARALLEL_FROM:
        read = []
        for path in paths:
            progress(path)
            read.append(read_report_file(path))
        return read
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(read_report_file, path) for path in paths]
        for path, future in zip(paths, futures, strict=True):
            future.result()  # raises the first failure, in the order given
            progress(path)
        return [future.result() for future in futures]
