"""What one record cannot say about itself: the checks over a store as a whole.

Shared by the reader (`decode.py`, which refuses the first problem, naming it), the verifier
process (`verifier.py`, which runs the column-wise checks on its own) and `check` (which lists
every problem, provenance included):

- dates: real calendar dates, as precise as their `precision` says; visits that end after
  they start;
- references: each finding's, quote's and event's source exists and holds its span; its visit
  and themes exist;
- ids: unique in each table; document ids are integers, and in order for the fast path;
- provenance: `sources[s].text[start:end]` is exactly the record's span, and for a quotation
  the span runs from its opening to its closing mark and holds exactly its words
  (`quotation.py`);
- reports: a visit's report and a quotation's check name a source of kind `report`, a check's
  passage lies in it on the page it says, pages are in order, and no quotation is taken from
  a report's own prose.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, pairwise, repeat
from operator import attrgetter, le
from typing import Any, Final, Protocol

from kirklees_tui.store.errors import SchemaError
from kirklees_tui.store.model import Event, Finding, Person, Quote, Source, StoreData, Theme, Visit
from kirklees_tui.store.quotation import DOUBLE, SINGLE, is_closed, words_of_span

__all__ = [
    "Placed",
    "References",
    "date_problem",
    "date_problems",
    "first_duplicate",
    "in_order",
    "problems",
    "spans_resolve",
]

_DATE: Final = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PRECISION_OF_PARTS: Final = {1: "year", 2: "month", 3: "day"}
_START, _END, _SOURCE = attrgetter("start"), attrgetter("end"), attrgetter("source_id")
_VISIT, _THEMES, _ID = attrgetter("visit_id"), attrgetter("themes"), attrgetter("id")


class Placed(Protocol):
    """What the checks read of a finding or quote (all the verifier decodes of them)."""

    @property
    def id(self) -> str: ...
    @property
    def visit_id(self) -> str | None: ...
    @property
    def source_id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def themes(self) -> tuple[str, ...]: ...


# -- dates -------------------------------------------------------------------------------------
def date_problem(value: str, precision: str | None = None) -> str | None:
    """What is wrong with an ISO date to its year, month or day (`2018`, `2017-08`,
    `2016-11-25`), or None: a real calendar date, as precise as `precision` says, if given."""
    match = _DATE.fullmatch(value)
    if match is None:
        return f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    parts = [int(g) for g in match.groups() if g is not None]
    try:
        datetime.date(*parts, *[1] * (3 - len(parts)))
    except ValueError:
        return f"{value!r} is not a real date"
    given = _PRECISION_OF_PARTS[len(parts)]
    if precision is not None and precision != given:
        return f"{value!r} is to the {given}, but its precision says {precision}"
    return None


def date_problems(
    sources: Sequence[Source], visits: Sequence[Visit], events: Sequence[Event], people: Sequence[Person]
) -> Iterator[str]:
    """Every date that is not a real date to its precision, and every visit that ends before
    it starts, one line each naming table, record and field. The reader refuses the first
    (as it does any schema error); `check` lists them all."""
    for source in sources:
        if problem := date_problem(source.published, source.precision):
            yield f"sources[{source.id}].published: {problem}"
    for visit in visits:
        start, end = date_problem(visit.start, visit.precision), date_problem(visit.end, visit.precision)
        if start:
            yield f"visits[{visit.id}].start: {start}"
        if end:
            yield f"visits[{visit.id}].end: {end}"
        if not start and not end and visit.end < visit.start:  # same precision: ISO order
            yield f"visits[{visit.id}].end: {visit.end!r} is before its start {visit.start!r}"
    for event in events:
        if problem := date_problem(event.date, event.precision):
            yield f"events[{event.id}].date: {problem}"
    for person in people:
        for index, role in enumerate(person.roles):
            if problem := date_problem(role.date):
                yield f"people[{person.id}].roles[{index}].date: {problem}"


# -- references and ids ------------------------------------------------------------------------
class References:
    """What records may refer to, gathered from the small tables first."""

    def __init__(self, sources: Iterable[Source], visits: Iterable[Visit], themes: Iterable[Theme]) -> None:
        self.source_length = {s.id: len(s.text) for s in sources}
        self.visits = frozenset(v.id for v in visits)
        self.themes = frozenset(t.id for t in themes)

    def check(self, name: str, record: Finding | Quote) -> None:
        """Raise `SchemaError` naming the first reference that does not resolve."""
        where = f"{name}[{record.id}]"
        self._check_span(where, record.source_id, record.end)
        if record.visit_id is not None and record.visit_id not in self.visits:
            raise SchemaError(f"{where}.visit_id: no visit {record.visit_id!r}")
        for theme in record.themes:
            if theme not in self.themes:
                raise SchemaError(f"{where}.themes: no theme {theme!r}")

    def check_events(self, events: Iterable[Event]) -> None:
        """Raise `SchemaError` for the first event whose span is not in a source."""
        for event in events:
            self._check_span(f"events[{event.id}]", event.source_id, event.end)

    def _check_span(self, where: str, source_id: str, end: int) -> None:
        length = self.source_length.get(source_id)
        if length is None:
            raise SchemaError(f"{where}.source_id: no source {source_id!r}")
        if end > length:
            raise SchemaError(f"{where}.end: {end} is past the end of its source")


def first_duplicate(ids: Iterable[str]) -> str | None:
    """The first id met a second time, or None."""
    seen: set[str] = set()
    for record_id in ids:
        if record_id in seen:
            return record_id
        seen.add(record_id)
    return None


def in_order(doc_ids: list[str]) -> bool:
    """Document ids are decimal and increasing (what the precise path would not need to sort)."""
    if doc_ids == list(map(str, range(1, len(doc_ids) + 1))):
        return True  # as this program writes them
    if not all(d.isdigit() and d.isascii() for d in doc_ids):
        return False
    numbers = list(map(int, doc_ids))
    return all(a < b for a, b in pairwise(numbers))


def spans_resolve(records: Sequence[Placed] | Sequence[Any], refs: References) -> bool:
    """Every record's source exists, its span lies inside it, and its visit and themes exist;
    ids are unique. The same checks as `References.check`, column by column with `map` (a
    third of the time of a loop), for the fast path and the verifier, which only ever
    *decline*: the precise path then names the problem. (Types, choices and offsets not below
    0 were checked as the records were decoded.)"""
    starts, ends = list(map(_START, records)), list(map(_END, records))
    limits = map(refs.source_length.get, map(_SOURCE, records), repeat(-1))
    if not (all(map(le, starts, ends)) and all(map(le, ends, limits))):
        return False
    visits = set(map(_VISIT, records))
    visits.discard(None)
    themes = set(chain.from_iterable(map(_THEMES, records)))
    return visits <= refs.visits and themes <= refs.themes and len(set(map(_ID, records))) == len(records)


# -- provenance (`check`) ----------------------------------------------------------------------
def problems(store: StoreData) -> list[str]:
    """Every broken invariant of a store the reader accepted (with its dates let through),
    one line each; empty when the store is sound."""
    found = list(date_problems(store.sources, store.visits, store.events, store.people))
    sources = {s.id: s for s in store.sources}
    for finding in store.findings:
        text = sources[finding.source_id].text[finding.start : finding.end]
        if text != finding.text:
            found.append(
                f"findings[{finding.id}]: text is not the source's span "
                f"{finding.source_id}[{finding.start}:{finding.end}]"
            )
    for event in store.events:
        text = sources[event.source_id].text[event.start : event.end]
        if text != event.text:
            found.append(
                f"events[{event.id}]: text is not the source's span "
                f"{event.source_id}[{event.start}:{event.end}]"
            )
    for quote in store.quotes:
        span = sources[quote.source_id].text[quote.start : quote.end]
        if span[:1] not in DOUBLE | SINGLE:
            found.append(
                f"quotes[{quote.id}]: span {quote.start}:{quote.end} does not open with a quotation mark"
            )
        elif not is_closed(span) and not any(
            end == quote.end for _, end in sources[quote.source_id].paragraphs
        ):
            found.append(
                f"quotes[{quote.id}]: span {quote.start}:{quote.end} ends neither at "
                "a closing mark nor at a paragraph's end"
            )
        elif words_of_span(span) != quote.text:
            found.append(
                f"quotes[{quote.id}]: text is not the words of span "
                f"{quote.source_id}[{quote.start}:{quote.end}]"
            )
    for source in store.sources:
        for number, (start, end) in enumerate(source.paragraphs, 1):
            if not 0 <= start <= end <= len(source.text):
                found.append(f"sources[{source.id}]: paragraph {number} is out of range")
    visit_ids = {v.id for v in store.visits}
    for visit in store.visits:
        for source_id in visit.source_ids:
            if source_id not in sources:
                found.append(f"visits[{visit.id}]: no source {source_id!r}")
    if len(visit_ids) != len(store.visits):
        found.append("visits: duplicate ids")
    return found + list(_report_problems(store, sources))


def _report_problems(store: StoreData, sources: dict[str, Source]) -> Iterator[str]:
    """What ties records to Ofsted's reports, checked: see the module's docstring."""
    reports = {s.id for s in store.sources if s.kind == "report"}
    for source in store.sources:
        if list(source.pages) != sorted(source.pages) or any(p > len(source.text) for p in source.pages):
            yield f"sources[{source.id}].pages: not in order within its text"
    for visit in store.visits:
        if visit.report_id is not None and visit.report_id not in reports:
            yield f"visits[{visit.id}].report_id: no report {visit.report_id!r}"
        if visit.published is not None and (problem := date_problem(visit.published)):
            yield f"visits[{visit.id}].published: {problem}"
    for quote in store.quotes:
        if quote.source_id in reports:
            yield f"quotes[{quote.id}]: taken from a report's own prose ({quote.source_id})"
        check = quote.check
        if check is None or check.source_id is None:
            continue
        where = f"quotes[{quote.id}].check"
        if check.source_id not in reports:
            yield f"{where}.source_id: no report {check.source_id!r}"
            continue
        report = sources[check.source_id]
        if check.start is None or check.end is None or not 0 <= check.start <= check.end <= len(report.text):
            yield f"{where}: passage {check.start}:{check.end} is not within {check.source_id}"
        elif check.page != report.page_of(check.start):
            yield f"{where}.page: {check.page} but the passage starts on page {report.page_of(check.start)}"
