"""Visits: what the curator knows (`visits.toml`), tied to what articles report.

A visit an article reports (`inspections.py`) is matched to a curated or stored visit of the
same council, kind and month (or sequence); otherwise it becomes a provisional visit whose
basis quotes the words it was read from.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from kirklees_tui.extract.dates import PartialDate, find_dates, parse_partial
from kirklees_tui.extract.inspections import DetectedVisit, is_old, recounts_inspection
from kirklees_tui.store.model import JUDGEMENTS, VISIT_KINDS, Visit

__all__ = ["load_curated", "main_visit", "new_visit_id", "reconcile", "visit_for_dates"]


def _curated_visit(raw: dict[str, Any], where: str) -> Visit:
    try:
        start = parse_partial(str(raw["start"]))
        end = parse_partial(str(raw.get("end", raw["start"])))
        kind, judgement = raw["kind"], raw.get("judgement") or None
    except (KeyError, ValueError) as error:
        raise ValueError(f"{where}: {error}") from None
    if kind not in VISIT_KINDS:
        raise ValueError(f"{where}: kind must be one of {', '.join(VISIT_KINDS)}")
    if judgement is not None and judgement not in JUDGEMENTS:
        raise ValueError(f"{where}: judgement must be one of {', '.join(JUDGEMENTS)}")
    return Visit(
        id=str(raw["id"]),
        authority=str(raw.get("authority", "Kirklees")),
        kind=kind,
        start=start.iso(),
        end=end.iso(),
        precision=start.precision,
        basis=str(raw.get("basis", "")),
        sequence=raw.get("sequence"),
        judgement=judgement,
        inspectors=tuple(raw.get("inspectors", ())),
        letter_to=raw.get("letter_to") or None,
    )


def load_curated(path: Path) -> list[Visit]:
    """The visits a curator lists in `visits.toml` (`[[visit]]` tables)."""
    if not path.exists():
        return []
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return [_curated_visit(raw, f"{path}: visit {i}") for i, raw in enumerate(data.get("visit", []), 1)]


def _matches(visit: Visit, found: DetectedVisit, default_authority: str) -> bool:
    if visit.kind != found.kind or visit.authority != (found.authority or default_authority):
        return False
    if visit.sequence and found.sequence:
        return visit.sequence == found.sequence
    start = parse_partial(visit.start)
    if start.month is None or found.first.month is None:
        return start.year == found.first.year
    # an article may date an inspection by its report, published up to three months later
    return 0 <= found.first.months() - start.months() <= 3


def _dated(first: PartialDate, last: PartialDate) -> tuple[str, str, str]:
    """A visit's start and end to one precision, the coarser of the two ("8 November" to
    "November" is November to November)."""
    coarse = min((first, last), key=lambda d: len(d.iso()))
    width = len(coarse.iso())
    end = max(first.iso()[:width], last.iso()[:width])
    return first.iso()[:width], end, coarse.precision


def new_visit_id(authority: str, kind: str, start: str, default_authority: str, taken: Iterable[str]) -> str:
    """An id for a visit no one listed: its month and kind ("2019-06-full"), after its council
    when that is not the store's own ("sefton-2022-02-full"), numbered if taken."""
    visit_id = f"{start[:7]}-{kind.split()[0]}"
    if authority != default_authority:
        visit_id = re.sub(r"[^a-z0-9]+", "-", authority.lower()).strip("-") + "-" + visit_id
    used = set(taken)
    base, number = visit_id, 2
    while visit_id in used:
        visit_id, number = f"{base}-{number}", number + 1
    return visit_id


def main_visit(
    visits: list[Visit], found: DetectedVisit | None, default_authority: str = "Kirklees"
) -> str | None:
    """The id of the visit an article reports, once `reconcile` has placed it."""
    if found is None:
        return None
    return next(
        (v.id for v in visits if found.source in v.source_ids and _matches(v, found, default_authority)), None
    )


def reconcile(
    curated: list[Visit], detected: list[DetectedVisit], default_authority: str = "Kirklees"
) -> list[Visit]:
    """Curated visits confirmed by the text, plus provisional ones the text alone reports.

    An article that names no council is taken to be about `default_authority`.
    """
    visits = {v.id: v for v in curated}
    for found in detected:
        match = next((v for v in visits.values() if _matches(v, found, default_authority)), None)
        if match is None:
            authority = found.authority or default_authority
            visit_id = new_visit_id(authority, found.kind, found.first.iso(), default_authority, visits)
            start, end, precision = _dated(found.first, found.last)
            match = Visit(
                id=visit_id,
                authority=authority,
                kind=found.kind,
                start=start,
                end=end,
                precision=precision,
                basis=f"inferred from {found.source}: {found.basis}",
                sequence=found.sequence,
                judgement=found.judgement,
                inspectors=found.inspectors,
                letter_to=found.letter_to,
                provisional=True,
            )
        inspectors = tuple(dict.fromkeys([*match.inspectors, *found.inspectors]))
        if match.provisional and match.precision == "year" and found.first.month:
            # an article that dates it better than the one that first recounted it
            start, end, precision = _dated(found.first, found.last)
            match = replace(
                match,
                start=start,
                end=end,
                precision=precision,
                basis=f"inferred from {found.source}: {found.basis}",
            )
        visits[match.id] = replace(
            match,
            source_ids=tuple(dict.fromkeys([*match.source_ids, found.source])),
            inspectors=inspectors,
            judgement=match.judgement or found.judgement,
            letter_to=match.letter_to or found.letter_to,
            # a visit the national record lists is confirmed by an article that reports it
            provisional=match.provisional and not match.record,
        )
    return sorted(visits.values(), key=lambda v: (v.start, v.id))


def visit_for_dates(
    text: str, start: int, end: int, visits: list[Visit], main: str | None, published: PartialDate
) -> str | None:
    """The earlier visit of the same council a passage recounts ("Ofsted's 2016 report said",
    "The previous inspection, in 2013, found"), else the article's own visit."""
    own = next((v for v in visits if v.id == main), None)
    for date in find_dates(text, start, end, published):
        if not is_old(date, published) or not recounts_inspection(text, start, end, date.start):
            continue
        for visit in visits:
            if visit.id == main or (own is not None and visit.authority != own.authority):
                continue
            began = parse_partial(visit.start)
            if began.year != date.last.year:
                continue
            if (
                date.last.month is None
                or began.month is None
                or 0 <= date.last.months() - began.months() <= 3
            ):
                return visit.id
    return main
