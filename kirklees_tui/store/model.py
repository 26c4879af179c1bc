"""The schema: every table of a store as one frozen msgspec Struct, written once.

The same classes are the records the program passes around, what the decoder decodes JSON
into (`decode.py`, which names table, record and field on any error), and what the per-user
cache stores (`cache.py`, by field name). A field with a default may be left out of a
record (a hand-written visit needs no inspectors); every other field must be there. Choices
are `Literal`s or `Meta`-constrained strings, offsets are never negative: all checked as the
JSON is parsed. What one record cannot say (spans inside their sources, references, unique
ids, real dates) is checked by `integrity.py`.

Records are untracked by the garbage collector (`gc=False`): a store holds up to 100k
findings, and they hold only strings, numbers and tuples of them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Final, Literal, get_args

import msgspec

__all__ = [
    "EVENT_KINDS",
    "GRADED_KINDS",
    "JUDGEMENTS",
    "PRECISIONS",
    "QUOTE_KINDS",
    "READABLE_VERSIONS",
    "RECORDS",
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
    "Source",
    "SpeakerKind",
    "Stance",
    "StoreData",
    "Theme",
    "Visit",
    "choices_of",
    "store_to_tables",
]

SCHEMA_VERSION: Final = 2
"""Version 2 added `events`; a version 1 store (no events) is still read."""
READABLE_VERSIONS: Final = (1, 2)
TABLES: Final = ("meta", "sources", "visits", "findings", "quotes", "people", "themes", "events")
"""In the order a store holds them."""
EVENT_KINDS: Final = (
    "alarm",
    "review",
    "intervention",
    "partnership",
    "strike",
    "leadership",
    "investigation",
)
Stance = Literal["concern", "progress", "strength"]
STANCES: Final[tuple[Stance, ...]] = get_args(Stance)
VISIT_KINDS: Final = ("full inspection", "re-inspection", "monitoring visit", "focused visit", "JTAI")
"""A JTAI is a joint targeted area inspection (Ofsted with the CQC, HMICFRS and HMI Probation)."""
GRADED_KINDS: Final = ("full inspection", "re-inspection")
"""The kinds of visit that end in a judgement."""
JUDGEMENTS: Final = ("Outstanding", "Good", "Requires improvement to be good", "Inadequate")
SpeakerKind = Literal["inspector", "council officer", "councillor", "other"]
SPEAKER_KINDS: Final[tuple[SpeakerKind, ...]] = get_args(SpeakerKind)
QuoteKind = Literal["full", "fragment"]
QUOTE_KINDS: Final[tuple[QuoteKind, ...]] = get_args(QuoteKind)
PRECISIONS: Final = ("day", "month", "year")
Offset = Annotated[int, msgspec.Meta(ge=0)]
"""A character offset into a source's text (never negative; checked as it is decoded)."""


def _pattern(values: tuple[str, ...]) -> str:
    return "^(?:" + "|".join(map(re.escape, values)) + ")$"


# Strings that must be one of a few values: `str` to the type checker (the extractor builds
# them from text), checked by pattern as they are decoded; the choices are kept for the
# decoder's message (`choices_of`).
Precision = Annotated[str, msgspec.Meta(pattern=_pattern(PRECISIONS), extra={"choices": PRECISIONS})]
VisitKind = Annotated[str, msgspec.Meta(pattern=_pattern(VISIT_KINDS), extra={"choices": VISIT_KINDS})]
Judgement = Annotated[str, msgspec.Meta(pattern=_pattern(JUDGEMENTS), extra={"choices": JUDGEMENTS})]
EventKind = Annotated[str, msgspec.Meta(pattern=_pattern(EVENT_KINDS), extra={"choices": EVENT_KINDS})]


def choices_of(hint: Any) -> tuple[str, ...] | None:
    """The allowed values of a choice field's type (a `Literal` or a `_one_of` string)."""
    if getattr(hint, "__origin__", None) is Literal:
        return tuple(get_args(hint))
    for meta in getattr(hint, "__metadata__", ()):
        if isinstance(meta, msgspec.Meta) and meta.extra and "choices" in meta.extra:
            return tuple(meta.extra["choices"])
    return None


class Source(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """One article or report, with its whole text so passages can be shown in place."""

    id: str
    title: str
    publisher: str
    published: str
    """ISO date to its precision: `2016-11-25`, `2017-08` or `2018`."""
    precision: Precision
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


class Visit(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """One Ofsted event: a full inspection, a monitoring visit or a focused visit."""

    id: str
    authority: str
    kind: VisitKind
    start: str
    end: str
    precision: Precision
    basis: str
    sequence: int | None = None
    judgement: Judgement | None = None
    inspectors: tuple[str, ...] = ()
    letter_to: str | None = None
    source_ids: tuple[str, ...] = ()
    provisional: bool = False
    """True when no curator confirmed the visit: it was inferred from an article alone."""


class Finding(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """What the inspectors, their letter or report found: a verbatim span of a source.

    Stores hold up to 100k of these; the decoder reads JSON straight into them, checking types
    as it parses, in a fifth of the time of parsing and then validating dicts.
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
    """Who said what: a quotation with its exact span (marks included) and its speaker."""

    id: str
    visit_id: str | None
    text: str
    """The words, without quotation marks (`quotation.words_of_span`)."""
    source_id: str
    start: Offset
    end: Offset
    speaker: str | None
    role: str | None
    organisation: str | None
    speaker_kind: SpeakerKind
    kind: QuoteKind
    themes: tuple[str, ...]


class Role(msgspec.Struct, frozen=True, gc=False):
    """A role a person held, as one article describes it. (Not a table: extra keys in a
    hand-edited role are ignored, as they always were.)"""

    role: str
    source_id: str
    date: str


class Person(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """One canonical speaker or inspector, with the other names articles use."""

    id: str
    name: str
    kind: SpeakerKind
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    organisation: str | None = None


class Theme(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """A subject users filter by, with the words that tag a record with it."""

    id: str
    label: str
    description: str
    patterns: tuple[str, ...] = ()


class Event(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """Context an article reports around the visits: an alarm raised, a review, government
    intervention, a partnership, a strike, a change of director. A verbatim span, like a finding."""

    id: str
    kind: EventKind
    date: str
    """ISO date to its precision; the article's own date when the sentence gives none."""
    precision: Precision
    basis: str
    """The words that date it, or why it is dated by the article."""
    text: str
    """Exactly `sources[source_id].text[start:end]`."""
    source_id: str
    start: Offset
    end: Offset


class Meta(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """Facts about the store as a whole; no timestamp, so rebuilds are byte-identical."""

    schema_version: int
    """One of `READABLE_VERSIONS` (checked by the decoder, which says which it reads)."""
    built_from: str


class StoreData(msgspec.Struct, frozen=True, gc=False):
    """Every table of a store, validated, in document-id order."""

    meta: Meta
    sources: tuple[Source, ...] = ()
    visits: tuple[Visit, ...] = ()
    findings: tuple[Finding, ...] = ()
    quotes: tuple[Quote, ...] = ()
    people: tuple[Person, ...] = ()
    themes: tuple[Theme, ...] = ()
    events: tuple[Event, ...] = ()


RECORDS: Final[dict[str, type[msgspec.Struct]]] = {
    "meta": Meta,
    "sources": Source,
    "visits": Visit,
    "findings": Finding,
    "quotes": Quote,
    "people": Person,
    "themes": Theme,
    "events": Event,
}
"""Each table's record type."""


def store_to_tables(store: StoreData) -> dict[str, dict[str, dict[str, Any]]]:
    """The TinyDB layout of a store: table name to document id to record, fields in the
    order the Structs declare them (so a rebuild's bytes never change)."""
    tables: dict[str, dict[str, dict[str, Any]]] = {"meta": {"1": msgspec.to_builtins(store.meta)}}
    for name in TABLES[1:]:
        tables[name] = {str(i): msgspec.to_builtins(r) for i, r in enumerate(getattr(store, name), 1)}
    return tables
