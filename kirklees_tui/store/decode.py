"""The one decoder: a store's bytes into the schema's records, or the place of the problem.

Every table is decoded into its Struct (`model.py`), types, choices and offsets checked as it
is parsed. The fast path decodes the whole file in one pass, the two big tables and the
sources typed straight from JSON, the small ones (a few hundred records) record by record
with their keys counted; then it runs the checks over the store as a whole (`integrity.py`).
It only ever *declines*: anything it does not take goes to the precise path
(`parse_tables`), which decodes table by table, and a failing table again record by record,
so that its `SchemaError` names the table, the record's document id and the field, in the
words a person fixing a hand-edited file needs. For 100k findings the fast path is a quarter
of the time of parsing to dicts and then validating them.

The two halves of the fast path can run apart: the browser's first open decodes the records
here (`decode_records`) while a verifier process checks the same bytes as a whole
(`keys_if_whole`, which decodes only the fields those checks read; see `verifier.py`).
Both paths count the object keys they saw, so the reader can prove the file held no duplicate
keys (both parsers keep the last) without a second, slower parse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import UnionType
from typing import Any, Final, Generic, NamedTuple, TypeVar, Union, get_args, get_origin, get_type_hints

import msgspec
import orjson

from kirklees_tui.store.errors import SchemaError
from kirklees_tui.store.integrity import (
    References,
    date_problems,
    first_duplicate,
    in_order,
    spans_resolve,
)
from kirklees_tui.store.model import (
    READABLE_VERSIONS,
    RECORDS,
    TABLES,
    Check,
    Event,
    Finding,
    Meta,
    Quote,
    Source,
    StoreData,
    choices_of,
)

__all__ = ["Decoded", "Parsed", "decode_records", "decode_store", "keys_if_whole", "parse_tables"]

F = TypeVar("F")
Q = TypeVar("Q")
_SPANS: Final = (Finding, Quote, Event)
"""Records that are a span `start..end` of a source's text."""
_SMALL: Final = ("meta", "visits", "themes", "people", "events")
"""Validated record by record in both paths, their keys counted as they are."""
_PLACED_FIELDS: Final = ("id", "visit_id", "source_id", "start", "end", "themes")
_Placed: Any = msgspec.defstruct(
    "Placed",
    [(f.name, f.type) for f in msgspec.structs.fields(Finding) if f.name in _PLACED_FIELDS],
    gc=False,
)
"""What the whole-store checks read of a finding or quote, and all the verifier decodes of
them: two thirds of the time of whole records (no texts, no speakers). Its fields are
Finding's own, taken from the schema."""
_PlacedQuote: Any = msgspec.defstruct(
    "PlacedQuote", [("check", msgspec.Raw, msgspec.Raw(b"null"))], bases=(_Placed,), gc=False
)
"""A placed quotation, with whether it holds a check (whose keys are counted)."""
_CHECK_KEYS: Final = len(Check.__struct_fields__)
"""A check object holds every field of `Check` (none has a default)."""


def _has_check(quote: Any) -> bool:
    check = quote.check
    return check is not None and not (isinstance(check, msgspec.Raw) and bytes(check) == b"null")


class Parsed(NamedTuple):
    """A validated store and the number of object keys its tables held."""

    store: StoreData
    keys: int


class _Tables(msgspec.Struct, Generic[F, Q], forbid_unknown_fields=True):
    """A store as this program writes it: every table present, the big ones and the sources
    typed; findings as `F` and quotes as `Q` (whole records, or only what the checks read)."""

    meta: msgspec.Raw
    sources: dict[str, Source]
    visits: msgspec.Raw
    findings: dict[str, F]
    quotes: dict[str, Q]
    people: msgspec.Raw
    themes: msgspec.Raw
    events: msgspec.Raw


_DECODER: Final = msgspec.json.Decoder(_Tables[Finding, Quote])
_PLACED_DECODER: Final = msgspec.json.Decoder(_Tables[_Placed, _PlacedQuote])


class Decoded(NamedTuple):
    """A store decoded with its records' types checked, not yet checked as a whole."""

    tables: _Tables[Any, Any]
    """The decoded top level: big tables as document id to record (`Finding` or `_Placed`)."""
    small: dict[str, list[Any]]
    """The small tables and the sources, validated."""
    refs: References
    small_keys: int

    @property
    def keys(self) -> int:
        """How many object keys the tables hold, duplicates aside: every record of a big table
        has every field of its type, as decoding checked (or, for `_Placed`, the browser's
        decoding of the same bytes does)."""
        return (
            self.small_keys
            + len(TABLES)
            + len(self.tables.findings) * (1 + len(Finding.__struct_fields__))
            + len(self.tables.quotes) * (1 + len(Quote.__struct_fields__))
            + _CHECK_KEYS * sum(map(_has_check, self.tables.quotes.values()))
        )

    def whole_ok(self) -> bool:
        """What the types cannot say: document ids in order, spans inside their sources,
        references that resolve, unique ids."""
        findings, quotes = self.tables.findings, self.tables.quotes
        return (
            in_order(list(findings))
            and in_order(list(quotes))
            and spans_resolve(list(findings.values()), self.refs)
            and spans_resolve(list(quotes.values()), self.refs)
        )

    def parsed(self) -> Parsed:
        """The store and its key count."""
        findings = list(self.tables.findings.values())
        quotes = list(self.tables.quotes.values())
        return Parsed(_store_of({**self.small, "findings": findings, "quotes": quotes}), self.keys)


def _decoded(
    decoder: msgspec.json.Decoder[_Tables[Any, Any]],
    data: bytes | memoryview,
) -> Decoded | None:
    """The store with its big tables as `decoder` types them; None on anything declined."""
    try:
        tables = decoder.decode(data)
        small_data = {name: orjson.loads(memoryview(getattr(tables, name))) for name in _SMALL}
        sources = list(tables.sources.values())
        if not in_order(list(tables.sources)) or first_duplicate(s.id for s in sources):
            return None
        small, refs, keys = _small(small_data, sources)
    except (msgspec.MsgspecError, orjson.JSONDecodeError, UnicodeDecodeError, SchemaError, RecursionError):
        return None
    keys += len(sources) * (1 + len(Source.__struct_fields__))
    return Decoded(tables, small, refs, keys)


def decode_store(data: bytes) -> Parsed | None:
    """The store in `data` with its key count, or None when the precise path must decide."""
    decoded = decode_records(data)
    return decoded.parsed() if decoded is not None and decoded.whole_ok() else None


def decode_records(data: bytes) -> Decoded | None:
    """As `decode_store`, but leaving the checks as a whole to the caller: to a verifier
    process (`keys_if_whole`) or to `Decoded.whole_ok`."""
    return _decoded(_DECODER, data)


def keys_if_whole(data: bytes | memoryview) -> int | None:
    """How many keys the tables in `data` hold if they pass the checks as a whole, else None.
    Decodes only what those checks read: for bytes whose records' types are checked by
    `decode_records` (in the browser, meanwhile), and which the key count then clears."""
    decoded = _decoded(_PLACED_DECODER, data)
    return decoded.keys if decoded is not None and decoded.whole_ok() else None


# -- the precise path ---------------------------------------------------------------------------
def parse_tables(data: Any, dates: bool = True) -> Parsed:
    """Validate a store parsed to plain values (orjson's, or a writer's tables) and return its
    records; raise `SchemaError` naming the first problem's place, in table order. With
    `dates` false, dates are left to the caller (`integrity.date_problems`)."""
    if not isinstance(data, dict):
        raise SchemaError(f"top level: expected an object of tables, got {type(data).__name__}")
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise SchemaError(f"top level: unknown table {unknown[0]!r}")
    tables, refs, keys = _small(data, dates=dates)
    keys += len(data)
    for name in ("findings", "quotes"):
        tables[name], count = _table(data, name, refs)
        keys += count
    return Parsed(_store_of(tables), keys)


def _small(
    data: Mapping[str, Any],
    sources: list[Source] | None = None,
    dates: bool = True,
) -> tuple[dict[str, list[Any]], References, int]:
    """Every table but findings and quotes, validated; what records may refer to; and the
    number of object keys those tables held. `sources`, when given, were validated as they
    were decoded: they are taken as they are, and their keys not counted here."""
    keys = 0
    tables: dict[str, list[Any]] = {}
    for name in ("meta", "sources", "visits", "themes", "people", "events"):
        if name == "sources" and sources is not None:
            tables[name] = sources
            continue
        tables[name], count = _table(data, name, None)
        keys += count
    if len(tables["meta"]) != 1:
        raise SchemaError(f"meta: expected exactly one record, got {len(tables['meta'])}")
    refs = References(tables["sources"], tables["visits"], tables["themes"])
    refs.check_events(tables["events"])
    if dates:
        bad = next(
            date_problems(tables["sources"], tables["visits"], tables["events"], tables["people"]), None
        )
        if bad is not None:
            raise SchemaError(bad)
    return tables, refs, keys


def _table(data: Mapping[str, Any], name: str, refs: References | None) -> tuple[list[Any], int]:
    """One TinyDB table (`{"1": {...}, ...}`) in document-id order, and its keys counted.
    Decoded whole in one call; only when that fails, record by record to name the place."""
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise SchemaError(f"{name}: expected an object of records, got {type(table).__name__}")
    kind = RECORDS[name]
    try:
        typed: dict[str, Any] | None = msgspec.convert(table, dict[str, kind])  # type: ignore[valid-type]
    except msgspec.ValidationError:
        typed = None
    keys = len(table)
    parsed: list[tuple[int, Any]] = []
    for doc_id, raw in table.items():
        if not (doc_id.isdigit() and doc_id.isascii()):
            raise SchemaError(f"{name}[{doc_id!r}]: document id must be an integer")
        record = typed[doc_id] if typed is not None else _record(kind, name, doc_id, raw)
        where = f"{name}[{doc_id}]"
        if isinstance(record, _SPANS) and not record.start <= record.end:
            raise SchemaError(f"{where}.start: span {record.start}..{record.end} is not a valid range")
        if isinstance(record, Meta) and record.schema_version not in READABLE_VERSIONS:
            *earlier, last = map(str, READABLE_VERSIONS)
            readable = f"{', '.join(earlier)} or {last}" if earlier else last
            raise SchemaError(
                f"{where}.schema_version: this program reads version {readable}, got {record.schema_version}"
            )
        if refs is not None:
            refs.check(name, record)
        keys += len(raw) + sum(len(r) for r in raw.get("roles") or () if isinstance(r, dict))
        keys += len(raw["check"]) if isinstance(raw.get("check"), dict) else 0
        parsed.append((int(doc_id), record))
    parsed.sort(key=lambda pair: pair[0])
    records = [record for _, record in parsed]
    if name != "meta" and (duplicate := first_duplicate(r.id for r in records)) is not None:
        raise SchemaError(f"{name}: duplicate id {duplicate!r}")
    return records, keys


def _record(kind: type[msgspec.Struct], name: str, doc_id: str, raw: Any) -> Any:
    """One record, or a `SchemaError` naming its place: `table[doc id].field: problem`."""
    where = f"{name}[{doc_id}]"
    if not isinstance(raw, dict):
        raise SchemaError(f"{where}: expected an object, got {type(raw).__name__}")
    unknown = sorted(set(raw) - set(kind.__struct_fields__))
    if unknown:
        raise SchemaError(f"{where}.{unknown[0]}: unknown field")
    given = {k: v for k, v in raw.items() if v is not None or k not in _null_means_default(kind)}
    try:
        return msgspec.convert(given, kind)
    except msgspec.ValidationError as error:
        field, problem = _named(kind, given, str(error))
        raise SchemaError(f"{where}.{field}: {problem}") from None


@cache
def _null_means_default(kind: type[msgspec.Struct]) -> frozenset[str]:
    """Fields whose `null` reads as absent: those with a default that null is not (a
    visit's inspectors, a person's roles), as a hand-edited store may have them."""
    return frozenset(
        f.name
        for f in msgspec.structs.fields(kind)
        if (f.default is not msgspec.NODEFAULT and f.default is not None)
        or f.default_factory is not msgspec.NODEFAULT
    )


_PATH_PART: Final = re.compile(r"\.(\w+)|\[(\d+)\]")


def _named(kind: type[msgspec.Struct], raw: dict[str, Any], message: str) -> tuple[str, str]:
    """msgspec's error as the field it is about and the problem in this program's words."""
    text, _, at = message.partition(" - at `")
    steps = [(m[1], m[2]) for m in _PATH_PART.finditer(at.rstrip("`"))]
    path = "".join(f".{n}" if n else f"[{i}]" for n, i in steps).lstrip(".")
    if found := re.fullmatch(r"Object (missing required|contains unknown) field `(.+)`", text):
        field = f"{path}.{found[2]}" if path else found[2]
        return field, "missing" if found[1].startswith("missing") else "unknown field"
    if steps[0][0] == "paragraphs" and len(steps) > 1:
        return f"paragraphs[{steps[1][1]}]", "expected [start, end] integers"
    if steps[0][0] in ("start", "end"):
        start, end = raw.get("start"), raw.get("end")
        if all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            return "start", f"span {start}..{end} is not a valid range"  # below 0
    hint: Any = kind
    value: Any = raw
    for name, index in steps:
        hint = _bare(hint)
        if name:
            hint, value = get_type_hints(hint, include_extras=True)[name], value[name]
        else:
            items = get_args(hint)
            hint = items[0] if items[-1] is Ellipsis else items[int(index)]
            value = value[int(index)]
    return path, _expected(hint, value)


def _members(hint: Any) -> list[Any]:
    """The types an optional type allows besides None (`str | None` -> [str])."""
    if get_origin(hint) in (Union, UnionType):
        return [h for h in get_args(hint) if h is not type(None)]
    return [hint]


def _bare(hint: Any) -> Any:
    """A type without `| None` and without `Annotated` metadata."""
    hint = _members(hint)[0]
    return hint.__origin__ if hasattr(hint, "__metadata__") else hint


def _expected(hint: Any, value: Any) -> str:
    """What a field of type `hint` expected, and what it got instead."""
    got = type(value).__name__
    choices = next((c for h in _members(hint) if (c := choices_of(h)) is not None), None)
    if choices is not None:
        if isinstance(value, str):
            return f"expected one of {', '.join(choices)}, got {value!r}"
        return f"expected str, got {got}"
    bare = _bare(hint)
    if bare is int and isinstance(value, bool):
        return f"expected int, got {value!r}"
    if get_origin(bare) is tuple:
        return f"expected list, got {got}"
    if isinstance(bare, type) and issubclass(bare, msgspec.Struct):
        return "expected an object"
    return f"expected {getattr(bare, '__name__', bare)}, got {got}"


def _store_of(tables: Mapping[str, Any]) -> StoreData:
    """The validated tables as one store."""
    return StoreData(
        meta=tables["meta"][0],
        sources=tuple(tables["sources"]),
        visits=tuple(tables["visits"]),
        findings=tuple(tables["findings"]),
        quotes=tuple(tables["quotes"]),
        people=tuple(tables["people"]),
        themes=tuple(tables["themes"]),
        events=tuple(tables["events"]),
    )
