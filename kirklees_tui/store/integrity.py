"""The provenance invariant: every span is exactly where its record says it is.

`sources[s].text[start:end]` is the finding's text, and for a quotation the span runs from
its opening to its closing mark and holds exactly the quoted words. Schema problems are caught
earlier, when the store is loaded; dates too, except for `check`, which loads without them so
that it can list every bad date here.
"""

from __future__ import annotations

from kirklees_tui.extract.quotes import DOUBLE, SINGLE, is_closed, words_of_span
from kirklees_tui.store.model import StoreData
from kirklees_tui.store.schema import date_problems

__all__ = ["problems"]


def problems(store: StoreData) -> list[str]:
    """Every broken invariant, one line each; empty when the store is sound."""
    found = list(date_problems(store.sources, store.visits, store.events, store.people))
    sources = {s.id: s for s in store.sources}
    for finding in store.findings:
        text = sources[finding.source_id].text[finding.start : finding.end]
        if text != finding.text:
            found.append(f"findings[{finding.id}]: text is not the source's span "
                         f"{finding.source_id}[{finding.start}:{finding.end}]")
    for event in store.events:
        text = sources[event.source_id].text[event.start : event.end]
        if text != event.text:
            found.append(f"events[{event.id}]: text is not the source's span "
                         f"{event.source_id}[{event.start}:{event.end}]")
    for quote in store.quotes:
        span = sources[quote.source_id].text[quote.start : quote.end]
        if span[:1] not in DOUBLE | SINGLE:
            found.append(f"quotes[{quote.id}]: span {quote.start}:{quote.end} does not open "
                         "with a quotation mark")
        elif not is_closed(span) and not any(
                end == quote.end for _, end in sources[quote.source_id].paragraphs):
            found.append(f"quotes[{quote.id}]: span {quote.start}:{quote.end} ends neither at "
                         "a closing mark nor at a paragraph's end")
        elif words_of_span(span) != quote.text:
            found.append(f"quotes[{quote.id}]: text is not the words of span "
                         f"{quote.source_id}[{quote.start}:{quote.end}]")
    for source in store.sources:
        for number, (start, end) in enumerate(source.paragraphs, 1):
            if not 0 <= start <= end <= len(source.text):
                found.append(f"sources[{source.id}]: paragraph {number} is out of range")
    visit_ids = {v.id for v in store.visits}
    for visit in store.visits:
        for source_id in visit.source_ids:
            if source_id not in sources:
                found.append(f"visits[{visit.id}]: no source {source_id!r}")
    if len(visit_ids) != len(store.visits):
        found.append("visits: duplicate ids")
    return found
