"""Ofsted visits: read from an article's words, then matched to what the curator knows.

Each article reports one main visit. Detection looks for the kind ("monitoring visit",
"follow-up inspection", "inspected"), its date in the same sentence, the judgement the
inspectorate gave, the named inspectors and the letter's recipient. Mentions of earlier events
("the damning report", "in November 2016") are context, not the article's visit.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from kirklees_tui.extract.councils import MainCouncil
from kirklees_tui.extract.dates import DateRef, PartialDate, find_dates, parse_partial
from kirklees_tui.extract.speakers import ArticleSpeech
from kirklees_tui.model import JUDGEMENTS, VISIT_KINDS, Visit

__all__ = ["DetectedVisit", "authority_of", "detect_visit", "load_curated", "reconcile", "visit_for_dates"]

_KINDS: Final = (
    ("monitoring visit", re.compile(
        r"(?i)\bmonitoring (?:visit|letter|inspection)\b|\bfollow-up\b(?:\s+\w+){0,2}\s+"
        r"(?:inspection|visit)\b")),
    ("focused visit", re.compile(r"(?i)\bfocused visit\b")),
    ("full inspection", re.compile(r"(?i)\binspect(?:ion|ed)\b(?!\s+report\s+(?:that|which))")),
    ("visit", re.compile(r"(?i)\bvisit(?:ed)?\b")),
)
_CONTEXT_WORDS: Final = re.compile(
    r"(?i)\b(?:damning|previous|earlier|original|last|expected|will|next|final|since)\b"
    r"(?:\s+\S+){0,3}\s*$")
_ORDINALS: Final = {w: i for i, w in enumerate(
    (
        "first second third fourth fifth sixth seventh eighth ninth tenth"
    ).split(), 1)}
_COUNCIL: Final = re.compile(
    r"\b((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+) (?:(?:Metropolitan |County |City )?Borough |County |"
    r"City |Metropolitan )?Council\b")
_NOT_PLACE: Final = frozenset("The A An This That Town Parish Youth Local City County Borough "
                              "Children Every Our Your Their His Her Its Metropolitan District".split())
_JUDGEMENT_WORDS: Final = (
    ("Requires improvement to be good", re.compile(r"(?i)\brequir(?:es?|ing|ed) improvement\b")),
    ("Inadequate", re.compile(r"(?i)(?<!no longer rated )(?<!no longer )\binadequate\b")),
    ("Outstanding", re.compile(r"(?i)\b(?:rated|judged|graded) [‘“'\"]?outstanding\b")),
    ("Good", re.compile(r"(?i)\b(?:rated|judged|graded) [‘“'\"]?good\b")),
)


@dataclass(frozen=True, slots=True)
class DetectedVisit:
    """The visit an article reports, as its words establish it."""

    kind: str
    first: PartialDate
    last: PartialDate
    judgement: str | None
    inspectors: tuple[str, ...]
    letter_to: str | None
    sequence: int | None
    basis: str
    source: str
    authority: str | None = None
    """The council the article names most, when it names one."""


@dataclass(frozen=True, slots=True)
class _Hit:
    kind: str
    position: int
    dates: tuple[DateRef, ...]
    sequence: int | None
    words: str


def _hits(text: str, speech: ArticleSpeech, published: PartialDate) -> list[_Hit]:
    hits: list[_Hit] = []
    for sentence in speech.sentences:
        span = sentence.span
        words = text[span.start : span.end]
        dates = [d for d in find_dates(text, span.start, span.end, published)
                 if d.last.not_after(published)]
        if any(published.months() - d.last.months() > 9 for d in dates):
            continue  # the sentence looks back at an earlier event
        claimed: list[tuple[int, int]] = []
        for kind, pattern in _KINDS:
            for match in pattern.finditer(words):
                if any(a <= match.start() < b for a, b in claimed):
                    continue
                claimed.append((match.start(), match.end()))
                if _CONTEXT_WORDS.search(words[: match.start()]):
                    continue
                ordinal = re.search(r"(\w+)\s+$", words[: match.start()])
                sequence = _ORDINALS.get(ordinal.group(1).lower()) if ordinal else None
                hits.append(_Hit(kind, span.start + match.start(), tuple(dates), sequence, words))
    return hits


def authority_of(text: str) -> str | None:
    """The council an article names most often ("Kirklees Council", "Leeds City Council")."""
    counts: dict[str, int] = {}
    for match in _COUNCIL.finditer(text):
        words = match.group(1).split()
        while words and words[0] in _NOT_PLACE:
            words.pop(0)
        while words and words[-1] in _NOT_PLACE:
            words.pop()
        if words:
            name = " ".join(words)
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: (counts[n], -text.find(n))) if counts else None


_JUDGEMENT_NOW: Final = re.compile(
    r"(?i)\b(?:now|no longer|is|are|was|were)\s+(?:rated\s+|judged\s+)?(?:to\s+)?"
    r"(?:inadequate|requir\w*\s+improvement|good|outstanding)\b")


def _judged(words: str) -> str | None:
    """A judgement the sentence reports as given: "was judged to require improvement"."""
    if not re.search(r"(?i)\b(?:judged|rated|graded|found to be)\b", words):
        return None
    found = [(m.start(), name) for name, p in _JUDGEMENT_WORDS for m in p.finditer(words)]
    return min(found)[1] if found else None


def _judgement(text: str, speech: ArticleSpeech) -> str | None:
    """The first judgement in the inspectorate's own words or in sentences reporting them."""
    for sentence in speech.sentences:
        if sentence.speaker is None or not sentence.speaker.is_inspectorate:
            continue
        words = text[sentence.span.start : sentence.span.end]
        found = [(m.start(), name) for name, p in _JUDGEMENT_WORDS for m in p.finditer(words)]
        if found:
            return min(found)[1]
    return None


def detect_visit(text: str, speech: ArticleSpeech, published: PartialDate,
                 source: str, council: MainCouncil | None = None) -> DetectedVisit | None:
    """The main visit an article reports, or None when it reports none."""
    hits = _hits(text, speech, published)
    specific = [h for h in hits if h.kind != "visit"]
    if not specific:
        # "inspectors who visited in June said its services now require improvement": a
        # judgement given on a dated visit is a full inspection's
        specific = [replace(h, kind="full inspection") for h in hits
                    if h.dates and _JUDGEMENT_NOW.search(h.words)]
    if not specific:
        return None
    dated = [h for h in hits if h.dates]
    if dated:
        best = max(dated, key=lambda h: max(d.last.key for d in h.dates))
        kind = best.kind if best.kind != "visit" else _undated_kind(specific)
        latest = max((d.last for d in best.dates), key=lambda d: d.key)
        same_month = [d for h in dated for d in h.dates
                      if (d.last.year, d.last.month) == (latest.year, latest.month)]
        exact = [d for d in same_month if d.first.day] or same_month
        first = min((d.first for d in exact), key=lambda d: d.key)
        # "in November and December": a visit running into the month named last
        earlier = [d.first for d in best.dates if d.first.month
                   and 0 < latest.months() - d.first.months() <= 2]
        first = min([first, *earlier], key=lambda d: d.key)
        last = max((d.last for d in same_month), key=lambda d: d.key)
        basis = best.words
    else:
        kind = _undated_kind(specific)
        first = last = PartialDate(published.year)
        basis = next(h.words for h in specific if h.kind == kind)
    sequence = next((h.sequence for h in specific if h.sequence and h.kind == kind), None)
    judgement = None
    if kind == "full inspection":
        judgement = _judgement(text, speech) or next(
            (j for h in specific if h.kind == kind for j in [_judged(h.words)] if j), None)
    return DetectedVisit(kind, first, last, judgement, tuple(dict.fromkeys(speech.inspectors)),
                         speech.letter_to, sequence, basis.strip(), source,
                         council.place if council else None)


def _undated_kind(hits: list[_Hit]) -> str:
    with_sequence = [h for h in hits if h.sequence]
    if with_sequence:
        return with_sequence[0].kind
    kinds = [h.kind for h in hits]
    for kind in ("monitoring visit", "focused visit", "full inspection"):
        if kind in kinds:
            return kind
    return "full inspection"


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
        id=str(raw["id"]), authority=str(raw.get("authority", "Kirklees")), kind=kind,
        start=start.iso(), end=end.iso(), precision=start.precision,
        basis=str(raw.get("basis", "")), sequence=raw.get("sequence"), judgement=judgement,
        inspectors=tuple(raw.get("inspectors", ())), letter_to=raw.get("letter_to") or None,
    )


def load_curated(path: Path) -> list[Visit]:
    """The visits a curator lists in `visits.toml` (`[[visit]]` tables)."""
    if not path.exists():
        return []
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return [_curated_visit(raw, f"{path}: visit {i}") for i, raw in
            enumerate(data.get("visit", []), 1)]


def _matches(visit: Visit, found: DetectedVisit, default_authority: str) -> bool:
    if visit.kind != found.kind or visit.authority != (found.authority or default_authority):
        return False
    if visit.sequence and found.sequence:
        return visit.sequence == found.sequence
    start = parse_partial(visit.start)
    if start.year != found.first.year:
        return False
    return start.month is None or found.first.month is None or start.month == found.first.month


def reconcile(curated: list[Visit], detected: list[DetectedVisit],
              default_authority: str = "Kirklees") -> list[Visit]:
    """Curated visits confirmed by the text, plus provisional ones the text alone reports.

    An article that names no council is taken to be about `default_authority`.
    """
    visits = {v.id: v for v in curated}
    for found in detected:
        match = next((v for v in visits.values() if _matches(v, found, default_authority)), None)
        if match is None:
            authority = found.authority or default_authority
            slug = found.kind.split()[0]
            visit_id = f"{found.first.iso()[:7]}-{slug}"
            if authority != default_authority:
                visit_id = re.sub(r"[^a-z0-9]+", "-", authority.lower()) + "-" + visit_id
            base, number = visit_id, 2
            while visit_id in visits:
                visit_id, number = f"{base}-{number}", number + 1
            match = Visit(
                id=visit_id, authority=authority, kind=found.kind, start=found.first.iso(),
                end=found.last.iso(), precision=found.first.precision,
                basis=f"inferred from {found.source}: {found.basis}", sequence=found.sequence,
                judgement=found.judgement, inspectors=found.inspectors,
                letter_to=found.letter_to, provisional=True,
            )
        inspectors = tuple(dict.fromkeys([*match.inspectors, *found.inspectors]))
        visits[match.id] = replace(
            match, source_ids=tuple(dict.fromkeys([*match.source_ids, found.source])),
            inspectors=inspectors, judgement=match.judgement or found.judgement,
            letter_to=match.letter_to or found.letter_to,
        )
    return sorted(visits.values(), key=lambda v: (v.start, v.id))


def visit_for_dates(dates: list[DateRef], visits: list[Visit], main: str | None,
                    published: PartialDate) -> str | None:
    """The earlier visit a passage restates ("Ofsted's 2016 report said"), else the main one."""
    for date in dates:
        if published.months() - date.last.months() <= 9:
            continue
        for visit in visits:
            start = parse_partial(visit.start)
            if visit.id == main or start.year != date.last.year:
                continue
            if date.last.month is None or start.month is None or \
                    0 <= date.last.months() - start.months() <= 3:
                return visit.id
    return main
