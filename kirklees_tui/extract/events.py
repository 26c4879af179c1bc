"""Context events: what happened around the visits, as the articles report it.

An event is a sentence of the article's own narrative (not words inside a quotation) that
reports an alarm being raised, a review, government intervention, a partnership, a strike, a
change of director or a police investigation. Each keeps its verbatim span and the date it
gives ("in August 2015", "last April"); a sentence that gives none is dated by the article, and
its basis says so. The kinds are recognised by their wording, never by names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from msgspec.structs import replace

from kirklees_tui.extract.dates import PartialDate, find_dates, parse_partial
from kirklees_tui.extract.quotes import QuoteSpan
from kirklees_tui.extract.text import Span, sentences
from kirklees_tui.store.model import Event

__all__ = ["FoundEvent", "find_events", "one_event_once"]

_KINDS: Final = (  # the first that matches names the event
    (
        "strike",
        re.compile(
            r"(?i)\b(?:went|go|going|gone) on strike\b|\bstrike action\b|"
            r"\bindustrial action\b|\bwalk-?out\b"
        ),
    ),
    ("alarm", re.compile(r"(?i)\braised (?:the )?alarm\b|\bwhistle-?blow\w*")),
    (
        "leadership",
        re.compile(
            r"(?i)\bappointed as\b|\breplacing\b|\bresigned\b|\bstepped down\b|\bretired\b|"
            r"\bchanges? of (?:director|leadership|chief)|\bappointment\b[^.]*\bdirector\b|"
            r"\bnew director (?:was|has been) (?:appointed|named)\b"
        ),
    ),
    (
        "intervention",
        re.compile(
            r"(?i)\bgovernment intervention\b|\bspecial measures\b|\btroubleshooters?\b|"
            r"\b(?:children's|children’s|government) commissioners?\b|\bappointed by the "
            r"(?:Department|DfE|government|minister)"
        ),
    ),
    ("partnership", re.compile(r"(?i)\bpartnership (?:with|between)\b|\bpartnered with\b")),
    (
        "review",
        re.compile(
            r"(?i)\b(?:launch\w*|commission\w*|carried out|conducted) an? "
            r"(?:\w+ ){0,2}review\b|\breview of \d[\d,]* cases\b|\ba review by\b"
        ),
    ),
    (
        "investigation",
        re.compile(
            r"(?i)\bpolice investigation\b|\bOperation [A-Z][a-z]+\b.*"
            r"\b(?:convict|jail|charged)"
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class FoundEvent:
    """One event sentence, dated."""

    kind: str
    span: Span
    date: PartialDate
    basis: str


def _inside_quote(span: Span, quotes: list[QuoteSpan]) -> bool:
    return any(q.start <= span.start < q.end for q in quotes)


def find_events(
    text: str, paragraphs: list[Span], quotes: list[QuoteSpan], published: PartialDate
) -> list[FoundEvent]:
    """Event sentences of one article, in reading order."""
    found: list[FoundEvent] = []
    for paragraph in paragraphs:
        for span in sentences(text, paragraph):
            if _inside_quote(span, quotes):
                continue
            words = span.of(text)
            kind = next((k for k, pattern in _KINDS if pattern.search(words)), None)
            if kind is None:
                continue
            dates = [
                d for d in find_dates(text, span.start, span.end, published) if d.first.not_after(published)
            ]
            if dates:
                earliest = min(dates, key=lambda d: d.first.key)
                date, basis = earliest.first, f"the sentence says {earliest.words!r}"
            else:
                date = published
                basis = f"no date in the sentence; reported by an article of {published.iso()}"
            found.append(FoundEvent(kind, span, date, basis))
    return found


# A sentence that recounts an earlier happening: "the report that led to government
# intervention", "nine months on from", "since it was placed in special measures".
_RETROSPECTIVE: Final = re.compile(
    r"(?i)\b(?:led\s+to|leading\s+to|resulted\s+in|after|since|following|months\s+on|years\s+on|"
    r"that\s+saw|which\s+saw|prompted|has\s+been|had\s+been|was\s+placed|were\s+placed|"
    r"put\s+into|ago|previous(?:ly)?|earlier)\b"
)
_WORDS: Final = re.compile(r"[a-z]{4,}")
# Kinds whose reports in one year are one happening; changes of leadership are many.
_ONCE_A_YEAR: Final = frozenset({"intervention", "review", "alarm", "partnership", "strike", "investigation"})


def _alike(first: str, second: str) -> bool:
    """Two passages telling the same thing: most of the shorter one's words in the other."""
    a, b = set(_WORDS.findall(first.lower())), set(_WORDS.findall(second.lower()))
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.5


def _compatible(first: PartialDate, second: PartialDate) -> bool:
    if first.year != second.year:
        return False
    return first.month is None or second.month is None or abs(first.months() - second.months()) <= 3


def one_event_once(
    events: list[Event], council_of: dict[str, str | None], published_of: dict[str, str]
) -> list[Event]:
    """Events with every report of one happening dated alike, so the chronology shows it
    once with all its articles: "government intervention" restated by later articles takes
    the date of the earliest report that dates it. Only events of the same council and kind
    are compared; a report that gives no date joins an earlier one only when it looks back
    ("the report that led to government intervention") or tells the same thing."""
    order = sorted(
        range(len(events)), key=lambda i: (published_of.get(events[i].source_id, ""), events[i].id)
    )
    groups: list[list[int]] = []
    for index in order:
        event = events[index]
        undated = event.basis.startswith("no date in the sentence")
        date = parse_partial(event.date)
        best: list[int] | None = None
        for group in groups:
            head = events[group[0]]
            if head.kind != event.kind or council_of.get(head.source_id) != council_of.get(event.source_id):
                continue
            if any(_alike(events[i].text, event.text) for i in group):
                best = group
            elif undated and _RETROSPECTIVE.search(event.text) and parse_partial(head.date).key <= date.key:
                best = group  # the latest earlier happening of its kind
            elif not undated and event.kind in _ONCE_A_YEAR and _compatible(parse_partial(head.date), date):
                best = group
        if best is None:
            groups.append([index])
        else:
            best.append(index)
    result = list(events)
    for group in groups:
        if len(group) == 1:
            continue
        # the most precise date a report gives, the earliest among those; else the earliest
        # article's
        dated = [events[i] for i in group if not events[i].basis.startswith("no date")]
        anchor = (
            min(dated, key=lambda e: (-len(e.date), parse_partial(e.date).key))
            if dated
            else min((events[i] for i in group), key=lambda e: parse_partial(e.date).key)
        )
        for i in group:
            if events[i].date != anchor.date:
                result[i] = replace(
                    events[i],
                    date=anchor.date,
                    precision=anchor.precision,
                    basis=f"the same {anchor.kind} as {anchor.id}, dated by {anchor.basis}",
                )
    return result
