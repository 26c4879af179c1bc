"""Typed, frozen records of the store.

Every record read from disk is validated (`decode.py`, or `schema.py` when that declines), so
the rest of the program can trust its types. A problem is reported as a `SchemaError` whose
message names the table, the record's document id and the field, which is what a person fixing
a hand-edited file needs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Annotated, Any, Final, Literal, get_args

import msgspec
from msgspec.structs import asdict as struct_asdict

__all__ = [
    "EVENT_KINDS",
    "GRADED_KINDS",
    "JUDGEMENTS",
    "READABLE_VERSIONS",
    "SCHEMA_VERSION",
    "SPEAKER_KINDS",
    "STANCES",
    "TABLES",
    "VISIT_KINDS",
    "Event",
    "Finding",
    "Meta",
    "Offset",
    "Person",
    "Quote",
    "QuoteKind",
    "Role",
    "SchemaError",
    "Source",
    "SpeakerKind",
    "Stance",
    "StoreData",
    "StoreError",
    "Theme",
    "Visit",
    "store_to_tables",
]

SCHEMA_VERSION: Final = 2
"""Version 2 added `events`; a version 1 store (no events) is still read."""
READABLE_VERSIONS: Final = (1, 2)
EVENT_KINDS: Final = ("alarm", "review", "intervention", "partnership", "strike", "leadership",
                      "investigation")
Stance = Literal["concern", "progress", "strength"]
STANCES: Final[tuple[Stance, ...]] = get_args(Stance)
VISIT_KINDS: Final = ("full inspection", "re-inspection", "monitoring visit", "focused visit",
                      "JTAI")
"""A JTAI is a joint targeted area inspection (Ofsted with the CQC, HMICFRS and HMI Probation)."""
GRADED_KINDS: Final = ("full inspection", "re-inspection")
"""The kinds of visit that end in a judgement."""
JUDGEMENTS: Final = ("Outstanding", "Good", "Requires improvement to be good", "Inadequate")
SpeakerKind = Literal["inspector", "council officer", "councillor", "other"]
SPEAKER_KINDS: Final[tuple[SpeakerKind, ...]] = get_args(SpeakerKind)
QuoteKind = Literal["full", "fragment"]
QUOTE_KINDS: Final[tuple[QuoteKind, ...]] = get_args(QuoteKind)
Offset = Annotated[int, msgspec.Meta(ge=0)]
"""A character offset into a source's text (never negative; checked as it is decoded)."""
PRECISIONS: Final = ("day", "month", "year")


class SchemaError(ValueError):
    """A store whose content does not fit the schema; the message names the place."""


class StoreError(Exception):
    """A store that cannot be used; `str()` is the one line to show the user."""


class Source(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """One article or report, with its whole text so passages can be shown in place. (A
    msgspec Struct, as findings are: the reader decodes the articles straight into it.)"""

    id: str
    title: str
    publisher: str
    published: str
    """ISO date to its precision: `2016-11-25`, `2017-08` or `2018`."""
    precision: str
    basis: str
    """The words or curator note that support the publication date."""
    file: str
    text: str
    sha256: str
    paragraphs: tuple[tuple[int, int], ...]
    """Start and end offsets of each paragraph of `text`, in reading order."""

    def paragraph_of(self, offset: int) -> int:
        """The 1-based number of the paragraph holding `offset` (0 when outside all)."""
        for number, (start, end) in enumerate(self.paragraphs, 1):
            if start <= offset < end:
                return number
        return 0


@dataclass(frozen=True, slots=True)
class Visit:
    """One Ofsted event: a full inspection, a monitoring visit or a focused visit."""

    id: str
    authority: str
    kind: str
    start: str
    end: str
    precision: str
    basis: str
    sequence: int | None = None
    judgement: str | None = None
    inspectors: tuple[str, ...] = ()
    letter_to: str | None = None
    source_ids: tuple[str, ...] = ()
    provisional: bool = False
    """True when no curator confirmed the visit: it was inferred from an article alone."""


class Finding(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """What the inspectors, their letter or report found: a verbatim span of a source.

    A frozen msgspec Struct rather than a dataclass: stores hold up to 100k of these, and the
    reader decodes JSON straight into them (`decode.py`), checking types as it parses, in a
    fifth of the time of parsing and then validating dicts. Untracked by the garbage collector
    (`gc=False`): they hold only strings, ints and tuples of strings.
    """

    id: str
    visit_id: str | None
    text: str
    """Exactly `sources[source_id].text[start:end]`."""
    source_id: str
    start: Offset
    end: Offset
    stance: Stance
    themes: tuple[str, ...]
    """Theme ids; which words made each match is recomputed on demand (`ThemeTagger.why`)."""


class Quote(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """Who said what: a quotation with its exact span (marks included) and its speaker.
    A Struct for the same reason as `Finding`."""

    id: str
    visit_id: str | None
    text: str
    """The words, without quotation marks."""
    source_id: str
    start: Offset
    end: Offset
    speaker: str | None
    role: str | None
    organisation: str | None
    speaker_kind: SpeakerKind
    kind: QuoteKind
    themes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Role:
    """A role a person held, as one article describes it."""

    role: str
    source_id: str
    date: str


@dataclass(frozen=True, slots=True)
class Person:
    """One canonical speaker or inspector, with the other names articles use."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    organisation: str | None = None


@dataclass(frozen=True, slots=True)
class Theme:
    """A subject users filter by, with the words that tag a record with it."""

    id: str
    label: str
    description: str
    patterns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """Context an article reports around the visits: an alarm raised, a review, government
    intervention, a partnership, a strike, a change of director. A verbatim span, like a finding."""

    id: str
    kind: str
    date: str
    """ISO date to its precision; the article's own date when the sentence gives none."""
    precision: str
    basis: str
    """The words that date it, or why it is dated by the article."""
    text: str
    """Exactly `sources[source_id].text[start:end]`."""
    source_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Meta:
    """Facts about the store as a whole; no timestamp, so rebuilds are byte-identical."""

    schema_version: int
    built_from: str


@dataclass(frozen=True, slots=True)
class StoreData:
    """Every table of a store, validated, in document-id order."""

    meta: Meta
    sources: tuple[Source, ...] = ()
    visits: tuple[Visit, ...] = ()
    findings: tuple[Finding, ...] = ()
    quotes: tuple[Quote, ...] = ()
    people: tuple[Person, ...] = ()
    themes: tuple[Theme, ...] = field(default=())
    events: tuple[Event, ...] = ()


TABLES: Final = ("meta", "sources", "visits", "findings", "quotes", "people", "themes", "events")


def _plain(value: Any) -> Any:
    """Dataclass fields as JSON-ready values: tuples become lists."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def store_to_tables(store: StoreData) -> dict[str, dict[str, dict[str, Any]]]:
    """The TinyDB layout of a store: table name to document id to record."""
    tables: dict[str, dict[str, dict[str, Any]]] = {"meta": {"1": asdict(store.meta)}}
    for name in TABLES[1:]:
        records = getattr(store, name)
        tables[name] = {
            str(i): _plain(struct_asdict(r) if isinstance(r, msgspec.Struct) else asdict(r))
            for i, r in enumerate(records, 1)
        }
    return tables
