"""Precise validation of a decoded store: every record checked, every problem named by its place.

A `SchemaError` names the table, document id and field, which is what a person fixing a
hand-edited file needs. Stores this program wrote are read by the faster `decode.py`, which
uses this module for the small tables and falls back to it whole for anything it declines.
`parse_store` also counts the keys it saw, so the reader can prove the file held no duplicate
keys without a second, slower parse.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any, Final, TypeVar

from kirklees_tui.store.model import (
    EVENT_KINDS,
    JUDGEMENTS,
    PRECISIONS,
    QUOTE_KINDS,
    READABLE_VERSIONS,
    SPEAKER_KINDS,
    STANCES,
    TABLES,
    VISIT_KINDS,
    Event,
    Finding,
    Meta,
    Person,
    Quote,
    Role,
    SchemaError,
    Source,
    StoreData,
    Theme,
    Visit,
)

__all__ = ["Parsed", "References", "date_problem", "date_problems", "parse_small", "parse_store",
           "store_of"]

T = TypeVar("T")
_DATE: Final = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PRECISION_OF_PARTS: Final = {1: "year", 2: "month", 3: "day"}


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


def date_problems(sources: Sequence[Source], visits: Sequence[Visit], events: Sequence[Event],
                  people: Sequence[Person]) -> Iterator[str]:
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

class _Fields:
    """Reads typed fields out of one raw record, naming the place on any error."""

    def __init__(self, table: str, doc_id: str, raw: Mapping[str, Any]) -> None:
        self.where = f"{table}[{doc_id}]"
        self.raw = raw

    def fail(self, name: str, problem: str) -> SchemaError:
        return SchemaError(f"{self.where}.{name}: {problem}")

    def get(self, name: str, kind: type[T], optional: bool = False) -> T:
        if name not in self.raw:
            if optional:
                return None  # type: ignore[return-value]
            raise self.fail(name, "missing")
        value = self.raw[name]
        if value is None and optional:
            return None  # type: ignore[return-value]
        if kind is int and isinstance(value, bool):
            raise self.fail(name, f"expected int, got {value!r}")
        if not isinstance(value, kind):
            raise self.fail(name, f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    def text(self, name: str) -> str:
        return self.get(name, str)

    def maybe_text(self, name: str) -> str | None:
        return self.get(name, str, optional=True)

    def choice(self, name: str, allowed: tuple[str, ...], optional: bool = False) -> Any:
        value = self.get(name, str, optional=optional)
        if value is not None and value not in allowed:
            raise self.fail(name, f"expected one of {', '.join(allowed)}, got {value!r}")
        return value

    def strings(self, name: str) -> tuple[str, ...]:
        values = self.get(name, list, optional=True) or []
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise self.fail(f"{name}[{index}]", f"expected str, got {type(value).__name__}")
        return tuple(values)

    def offsets(self) -> tuple[int, int]:
        start, end = self.get("start", int), self.get("end", int)
        if not 0 <= start <= end:
            raise self.fail("start", f"span {start}..{end} is not a valid range")
        return start, end


def _source(f: _Fields) -> Source:
    raw_paragraphs = f.get("paragraphs", list)
    try:  # the usual case in one pass: every item unpacks as a pair, and all are ints
        paragraphs = tuple((a, b) for a, b in raw_paragraphs)
        ints = set(map(type, chain.from_iterable(paragraphs))) <= {int}
    except (TypeError, ValueError):
        ints = False
    if not ints:
        for index, pair in enumerate(raw_paragraphs):
            ok = isinstance(pair, list) and len(pair) == 2
            if not ok or not all(isinstance(n, int) and not isinstance(n, bool) for n in pair):
                raise f.fail(f"paragraphs[{index}]", "expected [start, end] integers")
    return Source(
        id=f.text("id"), title=f.text("title"), publisher=f.text("publisher"),
        published=f.text("published"), precision=f.choice("precision", PRECISIONS),
        basis=f.text("basis"), file=f.text("file"), text=f.text("text"),
        sha256=f.text("sha256"), paragraphs=paragraphs,
    )


def _visit(f: _Fields) -> Visit:
    return Visit(
        id=f.text("id"), authority=f.text("authority"), kind=f.choice("kind", VISIT_KINDS),
        start=f.text("start"), end=f.text("end"), precision=f.choice("precision", PRECISIONS),
        basis=f.text("basis"), sequence=f.get("sequence", int, optional=True),
        judgement=f.choice("judgement", JUDGEMENTS, optional=True),
        inspectors=f.strings("inspectors"), letter_to=f.maybe_text("letter_to"),
        source_ids=f.strings("source_ids"),
        provisional=bool(f.get("provisional", bool, optional=True)),
    )


def _finding(f: _Fields) -> Finding:
    start, end = f.offsets()
    return Finding(
        id=f.text("id"), visit_id=f.maybe_text("visit_id"), text=f.text("text"),
        source_id=f.text("source_id"), start=start, end=end,
        stance=f.choice("stance", STANCES), themes=f.strings("themes"),
    )


def _quote(f: _Fields) -> Quote:
    start, end = f.offsets()
    return Quote(
        id=f.text("id"), visit_id=f.maybe_text("visit_id"), text=f.text("text"),
        source_id=f.text("source_id"), start=start, end=end,
        speaker=f.maybe_text("speaker"), role=f.maybe_text("role"),
        organisation=f.maybe_text("organisation"),
        speaker_kind=f.choice("speaker_kind", SPEAKER_KINDS),
        kind=f.choice("kind", QUOTE_KINDS), themes=f.strings("themes"),
    )


def _person(f: _Fields) -> Person:
    roles: list[Role] = []
    for index, raw in enumerate(f.get("roles", list, optional=True) or []):
        if not isinstance(raw, dict):
            raise f.fail(f"roles[{index}]", "expected an object")
        inner = _Fields(f.where, f"roles[{index}]", raw)
        inner.where = f"{f.where}.roles[{index}]"
        roles.append(Role(inner.text("role"), inner.text("source_id"), inner.text("date")))
    return Person(
        id=f.text("id"), name=f.text("name"), kind=f.choice("kind", SPEAKER_KINDS),
        aliases=f.strings("aliases"), roles=tuple(roles),
        organisation=f.maybe_text("organisation"),
    )


def _theme(f: _Fields) -> Theme:
    return Theme(
        id=f.text("id"), label=f.text("label"), description=f.text("description"),
        patterns=f.strings("patterns"),
    )


def _event(f: _Fields) -> Event:
    start, end = f.offsets()
    return Event(
        id=f.text("id"), kind=f.choice("kind", EVENT_KINDS), date=f.text("date"),
        precision=f.choice("precision", PRECISIONS), basis=f.text("basis"), text=f.text("text"),
        source_id=f.text("source_id"), start=start, end=end,
    )


def _meta(f: _Fields) -> Meta:
    version = f.get("schema_version", int)
    if version not in READABLE_VERSIONS:
        readable = " or ".join(map(str, READABLE_VERSIONS))
        raise f.fail("schema_version", f"this program reads version {readable}, got {version}")
    return Meta(schema_version=version, built_from=f.text("built_from"))


_PARSERS: Final[dict[str, Callable[[_Fields], Any]]] = {
    "meta": _meta, "sources": _source, "visits": _visit, "findings": _finding,
    "quotes": _quote, "people": _person, "themes": _theme, "events": _event,
}



_KNOWN: Final[dict[str, frozenset[str]]] = {
    "meta": frozenset({"schema_version", "built_from"}),
    "sources": frozenset(Source.__struct_fields__),
    "visits": frozenset(Visit.__slots__),
    "findings": frozenset(Finding.__struct_fields__),
    "quotes": frozenset(Quote.__struct_fields__),
    "people": frozenset(Person.__slots__),
    "themes": frozenset(Theme.__slots__),
    "events": frozenset(Event.__slots__),
}


class Parsed:
    """A validated store and the number of object keys its tables held."""

    __slots__ = ("keys", "store")

    def __init__(self, store: StoreData, keys: int) -> None:
        self.store = store
        self.keys = keys


class References:
    """What records may refer to, gathered from the small tables first."""

    def __init__(self, sources: list[Source], visits: list[Visit], themes: list[Theme]) -> None:
        self.source_length = {s.id: len(s.text) for s in sources}
        self.visits = frozenset(v.id for v in visits)
        self.themes = frozenset(t.id for t in themes)

    def check(self, name: str, record: Finding | Quote) -> None:
        """Raise `SchemaError` naming the first reference that does not resolve."""
        where = f"{name}[{record.id}]"
        length = self.source_length.get(record.source_id)
        if length is None:
            raise SchemaError(f"{where}.source_id: no source {record.source_id!r}")
        if record.end > length:
            raise SchemaError(f"{where}.end: {record.end} is past the end of its source")
        if record.visit_id is not None and record.visit_id not in self.visits:
            raise SchemaError(f"{where}.visit_id: no visit {record.visit_id!r}")
        for theme in record.themes:
            if theme not in self.themes:
                raise SchemaError(f"{where}.themes: no theme {theme!r}")


def _records(data: Mapping[str, Any], name: str, ctx: References | None) -> tuple[list[Any], int]:
    """Parse one TinyDB table (`{"1": {...}, ...}`) in document-id order; count its keys."""
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise SchemaError(f"{name}: expected an object of records, got {type(table).__name__}")
    known = _KNOWN[name]
    keys = len(table)
    parsed: list[tuple[int, Any]] = []
    in_order = True
    previous = 0
    for doc_id, raw in table.items():
        if not (doc_id.isdigit() and doc_id.isascii()):
            raise SchemaError(f"{name}[{doc_id!r}]: document id must be an integer")
        if not isinstance(raw, dict):
            raise SchemaError(f"{name}[{doc_id}]: expected an object, got {type(raw).__name__}")
        unknown = sorted(set(raw) - known)
        if unknown:
            raise SchemaError(f"{name}[{doc_id}].{unknown[0]}: unknown field")
        record = _PARSERS[name](_Fields(name, doc_id, raw))
        if ctx is not None:
            ctx.check(name, record)
        keys += sum(len(r) for r in raw.get("roles") or () if isinstance(r, dict))
        keys += len(raw)
        number = int(doc_id)
        in_order = in_order and number > previous
        previous = number
        parsed.append((number, record))
    if not in_order:
        parsed.sort(key=lambda pair: pair[0])
    records = [record for _, record in parsed]
    if name != "meta" and len({r.id for r in records}) != len(records):
        seen: set[str] = set()
        duplicate = next(r.id for r in records if r.id in seen or seen.add(r.id))  # type: ignore[func-returns-value]
        raise SchemaError(f"{name}: duplicate id {duplicate!r}")
    return records, keys


def parse_small(data: Mapping[str, Any], sources: list[Source] | None = None, dates: bool = True,
                ) -> tuple[dict[str, list[Any]], References, int]:
    """Every table but findings and quotes, validated; what records may refer to; and the
    number of object keys those tables held. `sources`, when given, were validated as they
    were decoded (`decode.py`): they are taken as they are, and their keys not counted.
    Dates are checked too unless `dates` is false (`check`, which lists every bad date)."""
    keys = 0
    tables: dict[str, list[Any]] = {}
    for name in ("meta", "sources", "visits", "themes", "people", "events"):
        if name == "sources" and sources is not None:
            tables[name] = sources
            continue
        tables[name], count = _records(data, name, None)
        keys += count
    if len(tables["meta"]) != 1:
        raise SchemaError(f"meta: expected exactly one record, got {len(tables['meta'])}")
    refs = References(tables["sources"], tables["visits"], tables["themes"])
    lengths = refs.source_length
    for event in tables["events"]:
        if event.end > lengths.get(event.source_id, -1):
            problem = ("source_id", f"no source {event.source_id!r}") if (
                event.source_id not in lengths) else ("end", f"{event.end} is past the end of its source")
            raise SchemaError(f"events[{event.id}].{problem[0]}: {problem[1]}")
    if dates:
        bad = next(date_problems(tables["sources"], tables["visits"], tables["events"],
                                 tables["people"]), None)
        if bad is not None:
            raise SchemaError(bad)
    return tables, refs, keys


def store_of(tables: Mapping[str, Sequence[Any]]) -> StoreData:
    """The validated tables as one store."""
    return StoreData(
        meta=tables["meta"][0], sources=tuple(tables["sources"]), visits=tuple(tables["visits"]),
        findings=tuple(tables["findings"]), quotes=tuple(tables["quotes"]),
        people=tuple(tables["people"]), themes=tuple(tables["themes"]),
        events=tuple(tables["events"]),
    )


def parse_store(data: Any, dates: bool = True) -> Parsed:
    """Validate a decoded store and return its records; raise `SchemaError` naming the place.
    With `dates` false, dates are left to the caller (`date_problems`)."""
    if not isinstance(data, dict):
        raise SchemaError(f"top level: expected an object of tables, got {type(data).__name__}")
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise SchemaError(f"top level: unknown table {unknown[0]!r}")
    tables, refs, keys = parse_small(data, dates=dates)
    keys += len(data)
    for name in ("findings", "quotes"):
        tables[name], count = _records(data, name, refs)
        keys += count
    return Parsed(store_of(tables), keys)
