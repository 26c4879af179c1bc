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

from kirklees_tui.extract.dates import PartialDate, find_dates
from kirklees_tui.extract.quotes import QuoteSpan
from kirklees_tui.extract.text import Span, sentences

__all__ = ["FoundEvent", "find_events"]

_KINDS: Final = (  # the first that matches names the event
    ("strike", re.compile(r"(?i)\b(?:went|go|going|gone) on strike\b|\bstrike action\b|"
                          r"\bindustrial action\b|\bwalk-?out\b")),
    ("alarm", re.compile(r"(?i)\braised (?:the )?alarm\b|\bwhistle-?blow\w*")),
    ("leadership", re.compile(
        r"(?i)\bappointed as\b|\breplacing\b|\bresigned\b|\bstepped down\b|\bretired\b|"
        r"\bchanges? of (?:director|leadership|chief)|\bappointment\b[^.]*\bdirector\b|"
        r"\bnew director (?:was|has been) (?:appointed|named)\b")),
    ("intervention", re.compile(
        r"(?i)\bgovernment intervention\b|\bspecial measures\b|\btroubleshooters?\b|"
        r"\b(?:children's|children’s|government) commissioners?\b|\bappointed by the "
        r"(?:Department|DfE|government|minister)")),
    ("partnership", re.compile(r"(?i)\bpartnership (?:with|between)\b|\bpartnered with\b")),
    ("review", re.compile(r"(?i)\b(?:launch\w*|commission\w*|carried out|conducted) an? "
                          r"(?:\w+ ){0,2}review\b|\breview of \d[\d,]* cases\b|\ba review by\b")),
    ("investigation", re.compile(r"(?i)\bpolice investigation\b|\bOperation [A-Z][a-z]+\b.*"
                                 r"\b(?:convict|jail|charged)")),
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


def find_events(text: str, paragraphs: list[Span], quotes: list[QuoteSpan],
                published: PartialDate) -> list[FoundEvent]:
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
            dates = [d for d in find_dates(text, span.start, span.end, published)
                     if d.first.not_after(published)]
            if dates:
                earliest = min(dates, key=lambda d: d.first.key)
                date, basis = earliest.first, f"the sentence says {earliest.words!r}"
            else:
                date = published
                basis = f"no date in the sentence; reported by an article of {published.iso()}"
            found.append(FoundEvent(kind, span, date, basis))
    return found
