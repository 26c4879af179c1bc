"""The fast reader: a store's JSON decoded straight into typed records, checked as it parses.

msgspec decodes the two big tables into `Finding` and `Quote` records, and the sources (most
of the small tables' bytes: the articles) into typed fields, in one pass that checks every
field's type and choice and refuses unknown fields; the other small tables (a few hundred
records at most) are validated by `schema.py`. Then what the types cannot say is checked as a
whole: spans inside their sources, references that resolve, unique ids, document ids in
order. This path only ever *declines*: on anything it does not accept it returns None, and
the reader runs the precise path (`schema.parse_store`), which either accepts the store too
or names the problem's place. For 100k findings this is a quarter of the time of parsing to
dicts and then validating them.

The two halves can run apart: the browser's first open decodes the records here
(`decode_records`) while a verifier process checks the same bytes as a whole
(`keys_if_whole`, which decodes only the fields those checks read; see `verifier.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, pairwise, repeat
from operator import attrgetter, le
from typing import Any, Final, Generic, NamedTuple, TypeVar

import msgspec
import orjson

from kirklees_tui.store.model import PRECISIONS, TABLES, Finding, Quote, SchemaError, Source
from kirklees_tui.store.schema import Parsed, References, parse_small, store_of

__all__ = ["Decoded", "decode_records", "decode_store", "keys_if_whole"]

F = TypeVar("F")
Q = TypeVar("Q")


class _Placed(msgspec.Struct, gc=False):
    """What the table-wide checks read of a finding or quote, and all the verifier decodes
    (two thirds of the time of whole records: no texts, no speakers)."""

    id: str
    visit_id: str | None
    source_id: str
    start: int
    end: int
    themes: tuple[str, ...]


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
_PLACED_DECODER: Final = msgspec.json.Decoder(_Tables[_Placed, _Placed])
_SMALL: Final = ("meta", "visits", "people", "themes", "events")
"""The small tables decoded by orjson and validated by `schema.py` (sources are typed)."""
_START, _END, _SOURCE = attrgetter("start"), attrgetter("end"), attrgetter("source_id")
_VISIT, _THEMES, _ID = attrgetter("visit_id"), attrgetter("themes"), attrgetter("id")


class Decoded(NamedTuple):
    """A store decoded with its records' types checked, not yet checked as a whole."""

    tables: _Tables[Any, Any]
    """The decoded top level: big tables as document id to record (`Finding` or `_Placed`)."""
    small: dict[str, list[Any]]
    """The small tables, validated."""
    refs: References
    small_keys: int

    @property
    def keys(self) -> int:
        """How many object keys the tables hold, duplicates aside: every record of a big table
        has every field of its type, as decoding checked (or, for `_Placed`, the browser's
        decoding of the same bytes does)."""
        return (self.small_keys + len(TABLES)
                + len(self.tables.findings) * (1 + len(Finding.__struct_fields__))
                + len(self.tables.quotes) * (1 + len(Quote.__struct_fields__)))

    def whole_ok(self) -> bool:
        """What the types cannot say: document ids in order, spans inside their sources,
        references that resolve, unique ids."""
        findings, quotes = self.tables.findings, self.tables.quotes
        return (_in_order(list(findings)) and _in_order(list(quotes))
                and _spans_resolve(list(findings.values()), self.refs)
                and _spans_resolve(list(quotes.values()), self.refs))

    def parsed(self) -> Parsed:
        """The store and its key count."""
        findings = list(self.tables.findings.values())
        quotes = list(self.tables.quotes.values())
        return Parsed(store_of({**self.small, "findings": findings, "quotes": quotes}),
                      self.keys)


def _decoded(decoder: msgspec.json.Decoder[_Tables[Any, Any]], data: bytes | memoryview,
             ) -> Decoded | None:
    """The store with its big tables as `decoder` types them; None on anything declined."""
    try:
        tables = decoder.decode(data)
        small_data = {name: orjson.loads(memoryview(getattr(tables, name))) for name in _SMALL}
        sources = _sources(tables.sources)
        if sources is None:
            return None
        small, refs, keys = parse_small(small_data, sources)
    except (msgspec.MsgspecError, orjson.JSONDecodeError, UnicodeDecodeError, SchemaError,
            RecursionError):
        return None
    keys += len(sources) * (1 + len(Source.__struct_fields__))
    return Decoded(tables, small, refs, keys)


def _sources(table: dict[str, Source]) -> list[Source] | None:
    """The sources, if their document ids are in order, their ids unique and their dates'
    precisions known (what their types do not say); else None. (Decoded typed, the articles'
    paragraph lists take a third of the time they take as lists.)"""
    records = list(table.values())
    if not (_in_order(list(table)) and {r.precision for r in records} <= set(PRECISIONS)
            and len({r.id for r in records}) == len(records)):
        return None
    return records


def _in_order(doc_ids: list[str]) -> bool:
    """Document ids are decimal and increasing (what the precise path would not need to sort)."""
    if doc_ids == list(map(str, range(1, len(doc_ids) + 1))):
        return True  # as this program writes them
    if not all(d.isdigit() and d.isascii() for d in doc_ids):
        return False
    numbers = list(map(int, doc_ids))
    return all(a < b for a, b in pairwise(numbers))


def _spans_resolve(records: Sequence[Finding | Quote | _Placed], refs: References) -> bool:
    """Every record's source exists, its span lies inside it, and its visit and themes exist;
    ids are unique. (Column by column with `map`: a third of the time of a loop. Types,
    choices and offsets not below 0 were checked as the records were decoded.)"""
    starts, ends = list(map(_START, records)), list(map(_END, records))
    limits = map(refs.source_length.get, map(_SOURCE, records), repeat(-1))
    if not (all(map(le, starts, ends)) and all(map(le, ends, limits))):
        return False
    visits = set(map(_VISIT, records))
    visits.discard(None)
    themes = set(chain.from_iterable(map(_THEMES, records)))
    return (visits <= refs.visits and themes <= refs.themes
            and len(set(map(_ID, records))) == len(records))


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
