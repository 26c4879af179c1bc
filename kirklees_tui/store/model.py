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

import bisect
import re
from typing import Annotated, Any, Final, Literal, get_args

import msgspec

__all__ = [
    "CHECK_STATUSES",
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
    "Check",
    "CheckStatus",
    "Event",
    "Finding",
    "Meta",
    "Offset",
    "Person",
    "Quote",
    "QuoteKind",
    "Role",
    "Source",
    "SourceKind",
    "SpeakerKind",
    "Stance",
    "StoreData",
    "Theme",
    "Visit",
    "choices_of",
    "store_to_tables",
]

SCHEMA_VERSION: Final = 3
"""Version 2 added `events`; version 3 Ofsted's reports (a source's kind and pages, a visit's
report, grades and conflicts, a finding's section, a quotation's check). Fields were only
added, with defaults, so stores of versions 1 and 2 are still read."""
READABLE_VERSIONS: Final = (1, 2, 3)
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
SourceKind = Literal["article", "report"]
CheckStatus = Literal["verified", "altered", "not found", "no report"]
CHECK_STATUSES: Final[tuple[CheckStatus, ...]] = get_args(CheckStatus)
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
    kind: SourceKind = "article"
    """An article about an inspection, or Ofsted's own report of one (read from its PDF)."""
    pages: tuple[Offset, ...] = ()
    """Where each page of a report starts in `text` (page 1 at `pages[0]`); () for an article."""

    def paragraph_of(self, offset: int) -> int:
        """The 1-based number of the paragraph holding `offset` (0 when outside all)."""
        for number, (start, end) in enumerate(self.paragraphs, 1):
            if start <= offset < end:
                return number
        return 0

    def page_of(self, offset: int) -> int:
        """The 1-based page of a report holding `offset` (0 for an article)."""
        return bisect.bisect_right(self.pages, offset)

    def place(self, offset: int) -> str:
        """Where `offset` is, as a reader looks for it: a report's page, an article's paragraph."""
        if self.pages:
            return f"page {self.page_of(offset)}"
        return f"paragraph {self.paragraph_of(offset)}"


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
    """True when nothing confirmed the visit: inferred from an article alone, or read from the
    national record and not yet confirmed by its report or an article."""
    record: bool = False
    """Listed in the national record of published reports."""
    framework: str | None = None
    """How it was inspected, by its report's title or the record: "SIF" (2014-2018), "ILACS
    standard", "ILACS short", "ILACS 2026", or a visit's own kind."""
    grades: tuple[tuple[str, Judgement], ...] = ()
    """(judgement area, grade) for each area graded, from the report or the record."""
    report_id: str | None = None
    """The report source that is authoritative for its dates, inspectors and grades."""
    published: str | None = None
    """ISO date its report was published, where the report or the record says."""
    address: str | None = None
    """Where Ofsted publishes its report (the national record's link)."""
    conflicts: tuple[str, ...] = ()
    """What the report says that articles or the curator had otherwise, one line each."""


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
    section: str | None = None
    """In a report, the judgement area (or heading) the sentence sits under; None in an article."""


class Check(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """A quotation of Ofsted looked up in the reports: where it is and how close it came.
    Every field is written (null where it says nothing), so a store's keys can be counted."""

    status: CheckStatus
    """`verified` (the report's words), `altered` (a few words changed, added or dropped),
    `not found` (in the reports looked in) or `no report` (none to look in)."""
    source_id: str | None
    """The report it was found in."""
    start: Offset | None
    """The report's passage: `sources[source_id].text[start:end]`."""
    end: Offset | None
    page: int | None
    """The 1-based page the passage starts on."""
    difference: str
    """For an altered quotation, its edits: 'dropped “on”; changed “a” to “the”'; for a grade
    alone that the report did not give, why it is `not found`; else ""."""


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
    check: Check | None = None
    """For a quotation of Ofsted or an inspector, what the reports say to it; None otherwise."""


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
