"""The national record's rows as visits: every council's inspections, with real dates.

A row is the store's visit of the same council, a graded kind, that started in the same month
(or that an article dated by the report, up to three months later); a row without dates (the
record could not read its report) is the graded visit of that council in the six months
before the report was published. A matched visit gains the record's publication date, link,
framework and, where nothing better said them, its dates, lead inspector and grades; a
report's own word is never replaced. Any other row becomes a visit of its own, provisional
until its report or an article confirms it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from msgspec.structs import replace

from kirklees_tui.extract.dates import parse_partial
from kirklees_tui.extract.national_record import RecordRow
from kirklees_tui.extract.visits import new_visit_id
from kirklees_tui.store.model import GRADED_KINDS, Source, Visit

__all__ = ["RECORD_BASIS", "RecordMerge", "dated_by_record", "merge_record"]

_MONTHS_LATER: Final = 3
RECORD_BASIS: Final = "its publication date in the national record"
"""A report's date basis when the record gave it (the report printed only a year)."""
_MONTHS_BEFORE_PUBLISHED: Final = 6


class RecordMerge:
    """What merging the record did: visits matched and added, by id."""

    def __init__(self) -> None:
        self.matched: list[str] = []
        self.added: list[str] = []


def _months(iso: str) -> int:
    return parse_partial(iso[:7]).months()


def _matches(visit: Visit, row: RecordRow) -> bool:
    if visit.authority != row.authority or visit.kind not in GRADED_KINDS:
        return False
    if visit.address is not None and visit.address != row.address:
        return False  # another report's visit
    began = parse_partial(visit.start)
    if row.start is not None:
        if began.month is None:
            return began.year == int(row.start[:4])
        return 0 <= began.months() - _months(row.start) <= _MONTHS_LATER
    gap = _months(row.published) - (began.months() if began.month else began.year * 12 + 6)
    return 0 <= gap <= _MONTHS_BEFORE_PUBLISHED


def _more_precise(known: str | None, recorded: str) -> str:
    """A report's date from its front page (a day) stands; one from its copyright line (a
    year) gives way to the record's day of publication."""
    return known if known is not None and len(known) >= len(recorded) else recorded


def dated_by_record(sources: Iterable[Source], visits: Iterable[Visit]) -> list[Source]:
    """The sources, each report dated as precisely as its visit's publication date (the
    record's, when the report itself gave only its copyright year)."""
    published = {v.report_id: v.published for v in visits if v.report_id and v.published}
    dated = []
    for source in sources:
        day = _more_precise(source.published, published.get(source.id, ""))
        if day != source.published:
            source = replace(
                source,
                published=day,
                precision=parse_partial(day).precision,
                basis=RECORD_BASIS,
            )
        dated.append(source)
    return dated


def _framework(row: RecordRow) -> str | None:
    return f"ILACS {row.framework}" if row.framework else None


def _confirmed(visit: Visit, row: RecordRow) -> Visit:
    """A stored visit with what the record adds; a report's word stands."""
    from_report = visit.report_id is not None
    dated = row.start is not None and not from_report
    judgement = row.grade("Overall effectiveness")
    conflicts = list(visit.conflicts)
    if judgement and visit.judgement and judgement != visit.judgement:
        conflicts.append(f"judgement: {visit.judgement}; the national record: {judgement}")
    return replace(
        visit,
        record=True,
        address=row.address,
        published=_more_precise(visit.published, row.published),
        framework=visit.framework or _framework(row),
        start=row.start if dated and row.start else visit.start,
        end=(row.end or row.start) if dated and row.start else visit.end,
        precision="day" if dated else visit.precision,
        judgement=visit.judgement if from_report else (judgement or visit.judgement),
        grades=visit.grades if from_report else (row.judgements or visit.grades),
        inspectors=visit.inspectors or ((row.lead_inspector,) if row.lead_inspector else ()),
        conflicts=tuple(dict.fromkeys(conflicts)),
        provisional=visit.provisional and not visit.source_ids,
    )


def _new_visit(row: RecordRow, visit_id: str) -> Visit:
    if row.start is not None:
        start, end, precision = row.start, row.end or row.start, "day"
        basis = f"the national record (line {row.line})"
    else:
        start = end = row.published[:7]
        precision = "month"
        basis = (
            f"the national record (line {row.line}): dated by its report's publication; no inspection dates"
        )
    return Visit(
        id=visit_id,
        authority=row.authority,
        kind="full inspection",
        start=start,
        end=end,
        precision=precision,
        basis=basis,
        judgement=row.grade("Overall effectiveness"),
        inspectors=(row.lead_inspector,) if row.lead_inspector else (),
        provisional=True,
        record=True,
        framework=_framework(row),
        grades=row.judgements,
        published=row.published,
        address=row.address,
    )


def merge_record(
    visits: list[Visit], rows: Iterable[RecordRow], default_authority: str
) -> tuple[list[Visit], RecordMerge]:
    """The visits with the record's rows merged in (see the module's docstring), in time order."""
    merged = {v.id: v for v in visits}
    done = RecordMerge()
    for row in rows:
        match = next((v for v in merged.values() if v.address == row.address), None)
        match = match or next((v for v in merged.values() if _matches(v, row)), None)
        if match is not None:
            merged[match.id] = _confirmed(match, row)
            done.matched.append(match.id)
            continue
        start = row.start or row.published
        visit_id = new_visit_id(row.authority, "full inspection", start, default_authority, merged)
        merged[visit_id] = _new_visit(row, visit_id)
        done.added.append(visit_id)
    return sorted(merged.values(), key=lambda v: (v.start, v.id)), done
