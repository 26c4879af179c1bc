"""Validation of a decoded store: every record checked, every problem named by its place.

Two paths: a fast one for well-formed records (exact key set, plain types, references that
resolve), which is all a store this program wrote ever takes; and a precise one, run only when
the fast path declines a record, whose `SchemaError` names the table, document id and field.
`parse_store` also counts the keys it saw, so the reader can prove the file held no duplicate
keys without a second, slower parse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

from kirklees_tui.model import (
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

__all__ = ["Parsed", "parse_store"]

T = TypeVar("T")

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
    paragraphs: list[tuple[int, int]] = []
    for index, pair in enumerate(raw_paragraphs):
        ok = isinstance(pair, list) and len(pair) == 2
        if not ok or not all(isinstance(n, int) and not isinstance(n, bool) for n in pair):
            raise f.fail(f"paragraphs[{index}]", "expected [start, end] integers")
        paragraphs.append((pair[0], pair[1]))
    return Source(
        id=f.text("id"), title=f.text("title"), publisher=f.text("publisher"),
        published=f.text("published"), precision=f.choice("precision", PRECISIONS),
        basis=f.text("basis"), file=f.text("file"), text=f.text("text"),
        sha256=f.text("sha256"), paragraphs=tuple(paragraphs),
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
    "sources": frozenset(Source.__slots__),
    "visits": frozenset(Visit.__slots__),
    "findings": frozenset(Finding._fields),
    "quotes": frozenset(Quote._fields),
    "people": frozenset(Person.__slots__),
    "themes": frozenset(Theme.__slots__),
    "events": frozenset(Event.__slots__),
}
_STANCE_SET: Final = frozenset(STANCES)
_SPEAKER_KIND_SET: Final = frozenset(SPEAKER_KINDS)
_QUOTE_KIND_SET: Final = frozenset(QUOTE_KINDS)


class Parsed:
    """A validated store and the number of object keys its tables held."""

    __slots__ = ("keys", "store")

    def __init__(self, store: StoreData, keys: int) -> None:
        self.store = store
        self.keys = keys


class _Context:
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


_new: Final = tuple.__new__  # NamedTuple construction without its Python-level __new__


_FINDING_FIELDS: Final = len(Finding._fields)
_QUOTE_FIELDS: Final = len(Quote._fields)


def _fast_finding(raw: dict[str, Any], ctx: _Context) -> Finding | None:
    """The fast path: a record exactly as this program writes it, or None to explain.

    Exactly the known keys: as many keys as fields, and every field found (a missing one
    raises KeyError). Any doubt returns None and the precise path names the problem.
    """
    try:
        if len(raw) != _FINDING_FIELDS:
            return None
        v, s, a, b, th = raw["visit_id"], raw["source_id"], raw["start"], raw["end"], raw["themes"]
        if (type(a) is int and type(b) is int and 0 <= a <= b <= ctx.source_length.get(s, -1)
                and (v is None or v in ctx.visits) and type(raw["id"]) is str
                and type(raw["text"]) is str and raw["stance"] in _STANCE_SET
                and type(th) is list and ctx.themes.issuperset(th)):
            return _new(Finding, (raw["id"], v, raw["text"], s, a, b, raw["stance"], tuple(th)))
    except (KeyError, TypeError):
        pass
    return None


def _fast_quote(raw: dict[str, Any], ctx: _Context) -> Quote | None:
    try:
        if len(raw) != _QUOTE_FIELDS:
            return None
        v, s, a, b, th = raw["visit_id"], raw["source_id"], raw["start"], raw["end"], raw["themes"]
        sp, ro, org = raw["speaker"], raw["role"], raw["organisation"]
        if (type(a) is int and type(b) is int and 0 <= a <= b <= ctx.source_length.get(s, -1)
                and (v is None or v in ctx.visits) and type(raw["id"]) is str
                and type(raw["text"]) is str and (sp is None or type(sp) is str)
                and (ro is None or type(ro) is str) and (org is None or type(org) is str)
                and raw["speaker_kind"] in _SPEAKER_KIND_SET and raw["kind"] in _QUOTE_KIND_SET
                and type(th) is list and ctx.themes.issuperset(th)):
            return _new(Quote, (raw["id"], v, raw["text"], s, a, b, sp, ro, org,
                                raw["speaker_kind"], raw["kind"], tuple(th)))
    except (KeyError, TypeError):
        pass
    return None


_FAST: Final[dict[str, Callable[[dict[str, Any], _Context], Any]]] = {
    "findings": _fast_finding, "quotes": _fast_quote,
}


def _records(data: Mapping[str, Any], name: str, ctx: _Context | None) -> tuple[list[Any], int]:
    """Parse one TinyDB table (`{"1": {...}, ...}`) in document-id order; count its keys."""
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise SchemaError(f"{name}: expected an object of records, got {type(table).__name__}")
    fast = _FAST.get(name) if ctx is not None else None
    known = _KNOWN[name]
    keys = len(table)
    parsed: list[tuple[int, Any]] = []
    in_order = True
    previous = 0
    for doc_id, raw in table.items():
        if not (doc_id.isdigit() and doc_id.isascii()):
            raise SchemaError(f"{name}[{doc_id!r}]: document id must be an integer")
        record = fast(raw, ctx) if fast is not None and type(raw) is dict else None  # type: ignore[arg-type]
        if record is None:
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


def parse_store(data: Any) -> Parsed:
    """Validate a decoded store and return its records; raise `SchemaError` naming the place."""
    if not isinstance(data, dict):
        raise SchemaError(f"top level: expected an object of tables, got {type(data).__name__}")
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise SchemaError(f"top level: unknown table {unknown[0]!r}")
    keys = len(data)
    tables: dict[str, list[Any]] = {}
    for name in ("meta", "sources", "visits", "themes", "people"):
        tables[name], count = _records(data, name, None)
        keys += count
    if len(tables["meta"]) != 1:
        raise SchemaError(f"meta: expected exactly one record, got {len(tables['meta'])}")
    ctx = _Context(tables["sources"], tables["visits"], tables["themes"])
    for name in ("findings", "quotes"):
        tables[name], count = _records(data, name, ctx)
        keys += count
    tables["events"], count = _records(data, "events", None)
    keys += count
    lengths = ctx.source_length
    for event in tables["events"]:
        if event.end > lengths.get(event.source_id, -1):
            problem = ("source_id", f"no source {event.source_id!r}") if (
                event.source_id not in lengths) else ("end", f"{event.end} is past the end of its source")
            raise SchemaError(f"events[{event.id}].{problem[0]}: {problem[1]}")
    store = StoreData(
        meta=tables["meta"][0], sources=tuple(tables["sources"]), visits=tuple(tables["visits"]),
        findings=tuple(tables["findings"]), quotes=tuple(tables["quotes"]),
        people=tuple(tables["people"]), themes=tuple(tables["themes"]),
        events=tuple(tables["events"]),
    )
    return Parsed(store, keys)
