"""Everything in memory once, indexed, so every filter answers in milliseconds.

Each index is a bitset over a table's rows, held as a Python int with one byte per row (only its
low bit set). Theme, visit and speaker filters are then a few big-int ANDs and ORs, counts are
`int.bit_count()`, and the rows of a result are found by a C-speed scan of its bytes. Word search
is literal and case-insensitive: every whitespace-separated term must occur in the record's text.
TinyDB is never queried here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import compress, repeat
from operator import contains, itemgetter
from typing import Any, Final, Literal, overload

from kirklees_tui.query.filter import Filter
from kirklees_tui.query.fold import fold
from kirklees_tui.query.themes import ThemeTagger
from kirklees_tui.store.model import STANCES, Finding, Quote, Source, StoreData, Theme, Visit

__all__ = ["SORTS", "Catalog", "RecordKind", "Selection", "citation_of", "cited"]

RecordKind = Literal["findings", "quotes"]
SORTS: Final = ("date", "visit", "stance", "speaker", "article")
"""How lists can be ordered: time (the default), visit, stance, speaker, the articles' order."""


def _mask(rows: Iterable[int], size: int) -> int:
    flags = bytearray(size)
    for row in rows:
        flags[row] = 1
    return int.from_bytes(flags, "little")


class Selection(Sequence[int]):
    """The rows a filter selects: counted at once, listed (in `order`) only when first
    indexed."""

    __slots__ = ("_count", "_mask", "_order", "_rows", "_size")

    def __init__(self, mask: int, size: int, order: Sequence[int] | None = None) -> None:
        self._mask = mask
        self._size = size
        self._order = order
        self._count = mask.bit_count()
        self._rows: list[int] | None = None

    def __len__(self) -> int:
        return self._count

    def rows(self) -> list[int]:
        if self._rows is None:
            flags = self._mask.to_bytes(self._size, "little")  # one byte per row, 1 if selected
            if self._order is None:
                self._rows = list(compress(range(self._size), flags))
            elif self._size:  # the flags taken in the sort's order, at C speed
                picked = itemgetter(*self._order)(flags) if self._size > 1 else (flags[0],)
                self._rows = list(compress(self._order, picked))
            else:
                self._rows = []
        return self._rows

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        return self.rows()[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self.rows())


@dataclass(slots=True)
class _Table:
    """One record table with its indexes; those not needed to draw the first screen (the
    texts for word search, speakers) are built on first use."""

    records: Sequence[Finding | Quote]
    by_theme: dict[str, int]
    by_visit: dict[str | None, int]
    everything: int
    by_stance: dict[str, int]
    """Findings by stance (empty for quotes, which have none)."""
    _texts: list[str] | None = None
    _by_speaker: dict[str, int] | None = None
    _last_terms: tuple[str, ...] = ()
    _last_mask: int = 0

    @property
    def size(self) -> int:
        return len(self.records)

    @property
    def texts(self) -> list[str]:
        """Folded texts (quotes, dashes, spaces, case: `fold.py`), made on the first word
        search rather than at start-up."""
        if self._texts is None:
            self._texts = list(map(fold, (r.text for r in self.records)))
        return self._texts

    @property
    def by_speaker(self) -> dict[str, int]:
        if self._by_speaker is None:
            rows: dict[str, list[int]] = {}
            for row, record in enumerate(self.records):
                if isinstance(record, Quote) and record.speaker:
                    rows.setdefault(record.speaker, []).append(row)
            self._by_speaker = {k: _mask(v, self.size) for k, v in rows.items()}
        return self._by_speaker

    def words_mask(self, terms: tuple[str, ...]) -> int:
        """Rows whose text holds every term; the last answer is reused while typing."""
        if not terms:
            return self.everything
        if terms == self._last_terms:
            return self._last_mask
        texts = self.texts
        mask = self.everything
        for term in terms:  # C-speed loop: no Python frame per record
            mask &= int.from_bytes(bytes(map(contains, texts, repeat(term))), "little")
        self._last_terms, self._last_mask = terms, mask
        return mask


def _index(records: Sequence[Finding | Quote], themes: Sequence[Theme]) -> _Table:
    """Masks by theme and by visit, made in one pass that sets each record's flags (no lists
    of rows first: a third faster at 100k records)."""
    size = len(records)
    theme_flags = {t.id: bytearray(size) for t in themes}
    visit_flags: dict[str | None, bytearray] = {}
    stance_flags: dict[str, bytearray] = {}
    for row, record in enumerate(records):
        for theme in record.themes:
            theme_flags[theme][row] = 1
        flags = visit_flags.get(record.visit_id)
        if flags is None:
            flags = visit_flags[record.visit_id] = bytearray(size)
        flags[row] = 1
        if isinstance(record, Finding):
            stance = stance_flags.get(record.stance)
            if stance is None:
                stance = stance_flags[record.stance] = bytearray(size)
            stance[row] = 1
    return _Table(
        records,
        {k: int.from_bytes(v, "little") for k, v in theme_flags.items()},
        {k: int.from_bytes(v, "little") for k, v in visit_flags.items()},
        int.from_bytes(b"\x01" * size, "little"),
        {k: int.from_bytes(v, "little") for k, v in stance_flags.items()},
    )


def cited(source: Source, offset: int) -> dict[str, Any]:
    """A passage's citation as fields, for exports: a report's page, an article's paragraph."""
    return {
        "publisher": source.publisher,
        "title": source.title,
        "date": source.published,
        "paragraph": source.paragraph_of(offset),
        "page": source.page_of(offset) if source.pages else None,
        "source_id": source.id,
    }


def citation_of(source: Source, offset: int) -> str:
    """Publisher, title, date and paragraph, as a reader would cite the passage."""
    return f"{source.publisher}, “{source.title}”, {source.published}, {source.place(offset)}"


class Catalog:
    """A store's records with in-memory indexes by theme, visit, speaker and word."""

    def __init__(self, store: StoreData) -> None:
        self.store = store
        self.findings: tuple[Finding, ...] = store.findings
        self.quotes: tuple[Quote, ...] = store.quotes
        self.visits: tuple[Visit, ...] = store.visits
        self.themes: tuple[Theme, ...] = store.themes
        self.sources: dict[str, Source] = {s.id: s for s in store.sources}
        self.visit_by_id: dict[str, Visit] = {v.id: v for v in store.visits}
        self.theme_ids: tuple[str, ...] = tuple(t.id for t in store.themes)
        self.tagger = ThemeTagger(store.themes)
        """Says which words of a record made each of its themes match."""
        self._tables: dict[RecordKind, _Table] = {
            "findings": _index(store.findings, store.themes),
            "quotes": _index(store.quotes, store.themes),
        }
        self._source_authority = {s: v.authority for v in store.visits for s in v.source_ids}
        visits = Counter(v.authority for v in store.visits)
        articles = {s.id for s in store.sources if s.kind == "article"}
        told = Counter(v.authority for v in store.visits for s in v.source_ids if s in articles)
        main = min(visits, key=lambda a: (-told[a], -visits[a], a), default=None)
        self.authorities: tuple[str, ...] = tuple(sorted(visits, key=lambda a: (a != main, a.casefold())))
        """Every council with a visit: the main one (most articles, then visits) first, then
        the others by name, as a reader looks one up in a national store."""
        self._orders: dict[tuple[RecordKind, str], list[int]] = {}
        self._authority_masks: dict[tuple[RecordKind, str], int] = {}

    @property
    def main_authority(self) -> str | None:
        """The council the store is mostly about (the grid and chronology show it first)."""
        return self.authorities[0] if self.authorities else None

    def visits_of(self, authority: str | None) -> tuple[Visit, ...]:
        """The visits of one council (every visit for None)."""
        if authority is None:
            return self.visits
        return tuple(v for v in self.visits if v.authority == authority)

    def authority_of(self, record: Finding | Quote) -> str | None:
        """The council a record is about: its visit's, else its article's."""
        visit = self.visit_by_id.get(record.visit_id) if record.visit_id else None
        return visit.authority if visit else self._source_authority.get(record.source_id)

    def _date_key(self, record: Finding | Quote) -> tuple[str, str, str, int]:
        visit = self.visit_by_id.get(record.visit_id) if record.visit_id else None
        published = self.sources[record.source_id].published
        return (visit.start if visit else published, published, record.source_id, record.start)

    def order(self, kind: RecordKind, sort: str) -> list[int] | None:
        """The rows of `kind` in a sort's order, worked out once; None for the store's own
        order, which is time order (`build` and `import` write records so)."""
        if sort == "date":
            return None
        if (kind, sort) not in self._orders:
            records = self._tables[kind].records
            stances = {s: n for n, s in enumerate(STANCES)}

            def key(row: int) -> tuple[Any, ...]:
                record = records[row]
                date = self._date_key(record)
                if sort == "stance" and isinstance(record, Finding):
                    return (stances[record.stance], date)
                if sort == "speaker" and isinstance(record, Quote):
                    return ((record.speaker or "\uffff").casefold(), date)
                if sort == "visit":
                    return (record.visit_id or "\uffff", date)
                return (record.source_id, record.start)  # the articles' order

            self._orders[(kind, sort)] = sorted(range(len(records)), key=key)
        return self._orders[(kind, sort)]

    def _authority_mask(self, kind: RecordKind, authority: str) -> int:
        if (kind, authority) not in self._authority_masks:
            records = self._tables[kind].records
            rows = [row for row, r in enumerate(records) if self.authority_of(r) == authority]
            self._authority_masks[(kind, authority)] = _mask(rows, len(records))
        return self._authority_masks[(kind, authority)]

    def warm(self) -> None:
        """Build the indexes that are otherwise made on first use (folded texts, speakers,
        the sort orders). Meant for a background thread once the first screen is up: done in
        the interface thread, the first search at 100k records would stall it for ~50 ms."""
        for kind, table in self._tables.items():
            _ = table.texts, table.by_speaker
            for sort in SORTS:
                self.order(kind, sort)

    def _theme_mask(self, table: _Table, flt: Filter) -> int:
        mask = table.everything
        if flt.themes:
            masks = [table.by_theme.get(t, 0) for t in flt.themes]
            if flt.match == "all":
                for m in masks:
                    mask &= m
            else:
                mask = 0
                for m in masks:
                    mask |= m
        for theme in flt.exclude:
            mask &= ~table.by_theme.get(theme, 0)
        return mask

    def _mask(self, kind: RecordKind, flt: Filter, with_visit: bool = True) -> int:
        table = self._tables[kind]
        mask = self._theme_mask(table, flt) & table.words_mask(flt.terms)
        if with_visit and flt.visit is not None:
            mask &= table.by_visit.get(flt.visit, 0)
        if flt.speaker is not None:
            mask &= table.by_speaker.get(flt.speaker, 0) if kind == "quotes" else 0
        if flt.stance is not None and kind == "findings":  # quotations have no stance
            mask &= table.by_stance.get(flt.stance, 0)
        if flt.authority is not None:
            mask &= self._authority_mask(kind, flt.authority)
        return mask

    def select(self, kind: RecordKind, flt: Filter, sort: str = "date") -> Selection:
        """The rows of `kind` that the filter selects, in the sort's order (`SORTS`)."""
        table = self._tables[kind]
        return Selection(self._mask(kind, flt), table.size, self.order(kind, sort))

    def theme_counts(self, kind: RecordKind, flt: Filter) -> dict[str, int]:
        """For each theme, how many selected rows carry it (the facet counts)."""
        mask = self._mask(kind, flt)
        table = self._tables[kind]
        return {t: (mask & table.by_theme.get(t, 0)).bit_count() for t in self.theme_ids}

    def visit_counts(self, flt: Filter) -> dict[str | None, tuple[int, int]]:
        """Findings and quotes per visit under the filter, ignoring its visit choice;
        the key None counts every visit."""
        masks = {k: self._mask(k, flt, with_visit=False) for k in ("findings", "quotes")}
        counts: dict[str | None, tuple[int, int]] = {
            None: (masks["findings"].bit_count(), masks["quotes"].bit_count())
        }
        for visit in self.visits_of(flt.authority):
            counts[visit.id] = tuple(  # type: ignore[assignment]
                (masks[k] & self._tables[k].by_visit.get(visit.id, 0)).bit_count()
                for k in ("findings", "quotes")
            )
        return counts

    def citation(self, record: Finding | Quote) -> str:
        return citation_of(self.sources[record.source_id], record.start)

    @property
    def speakers(self) -> list[str]:
        """Everyone quoted, by canonical name, sorted."""
        return sorted(self._tables["quotes"].by_speaker)

    def speaker_named(self, name: str) -> str | None:
        """The canonical speaker for a name or alias as a user types it ("mr walker")."""
        wanted = " ".join(name.split()).casefold()
        for person in self.store.people:
            if wanted in (n.casefold() for n in (person.name, *person.aliases)):
                return person.name
        return next((s for s in self.speakers if s.casefold() == wanted), None)

    def stance_grid(self, flt: Filter) -> dict[str, dict[str, dict[str, int]]]:
        """Theme id -> visit id -> stance -> number of findings, under `flt` less its themes
        and visit (the grid has a row per theme and a column per visit)."""
        table = self._tables["findings"]
        base = self._mask("findings", replace(flt, themes=frozenset(), visit=None))
        stances: dict[str, list[int]] = {s: [] for s in STANCES}
        for row, finding in enumerate(self.findings):
            stances[finding.stance].append(row)
        by_stance = {s: _mask(rows, table.size) for s, rows in stances.items()}
        grid: dict[str, dict[str, dict[str, int]]] = {}
        for theme in self.theme_ids:
            in_theme = base & table.by_theme.get(theme, 0)
            grid[theme] = {}
            for visit in self.visits_of(flt.authority):
                cell = in_theme & table.by_visit.get(visit.id, 0)
                grid[theme][visit.id] = {s: (cell & m).bit_count() for s, m in by_stance.items()}
        return grid
