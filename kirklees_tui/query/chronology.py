"""Is it getting better? The visits and context events in time order, the theme × visit grid
split by stance, and the people with their roles over time.

Shared by `kirklees-tui timeline` (Markdown and a JSON contract) and the chronology, grid and
people screens, so a report and the screen never disagree. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import orjson

from kirklees_tui.query.catalog import Catalog, cited
from kirklees_tui.query.filter import Filter
from kirklees_tui.query.stances import STANCE_MARKS, stance_legend
from kirklees_tui.query.visit_words import judgement_words, visit_fields
from kirklees_tui.sanitize import clean, one_line
from kirklees_tui.store.model import STANCES, Event, Person, Role, Visit

__all__ = [
    "EventGroup",
    "cell_text",
    "event_groups",
    "judgement_words",
    "people_with_roles",
    "timeline_json",
    "timeline_markdown",
    "visits_in_order",
]

EVENT_LABELS: Final = {
    "alarm": "alarm raised",
    "review": "review",
    "intervention": "government intervention",
    "partnership": "partnership",
    "strike": "strike",
    "leadership": "change of leadership",
    "investigation": "police investigation",
}


@dataclass(frozen=True, slots=True)
class EventGroup:
    """One happening on one date, with every article passage that reports it."""

    kind: str
    date: str
    events: tuple[Event, ...]

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self.kind, self.kind)


def visits_in_order(catalog: Catalog, council: str | None = None) -> list[Visit]:
    """Visits from the first to the last: one council's, or every council's (None)."""
    visits = catalog.visits if council is None else catalog.visits_of(council)
    return sorted(visits, key=lambda v: (v.start, v.end, v.id))


def event_groups(catalog: Catalog, council: str | None = None) -> list[EventGroup]:
    """Events in time order; reports of the same kind on the same date are one entry. For
    one council, the events its articles report (and those of articles about no visit)."""
    events = catalog.store.events
    if council is not None:  # each event on its own, before events of a day are grouped
        theirs = {s for v in catalog.visits_of(council) for s in v.source_ids}
        placed = {s for v in catalog.visits for s in v.source_ids}
        events = tuple(e for e in events if e.source_id in theirs or e.source_id not in placed)
    groups: dict[tuple[str, str], list[Event]] = {}
    for event in sorted(events, key=lambda e: (e.date, e.kind, e.id)):
        groups.setdefault((event.date, event.kind), []).append(event)
    return [EventGroup(kind, date, tuple(group)) for (date, kind), group in groups.items()]


def cell_text(counts: dict[str, int]) -> str:
    """A grid cell readable without colour: `3▼ 1▲ 0★`, or `·` when empty."""
    if not any(counts.values()):
        return "·"
    return " ".join(f"{counts[s]}{STANCE_MARKS[s]}" for s in STANCES if counts[s])


def people_with_roles(catalog: Catalog, council: str | None = None) -> list[tuple[Person, list[Role], int]]:
    """Each person who speaks or inspects, roles in time order, and how many quotes; for one
    council, those its articles quote or give a role, or who inspected it."""
    quotes: dict[str, int] = {}
    for quote in catalog.quotes:
        if quote.speaker:
            quotes[quote.speaker] = quotes.get(quote.speaker, 0) + 1
    people = sorted(catalog.store.people, key=lambda p: (-quotes.get(p.name, 0), p.name))
    if council is not None:
        theirs = {s for v in catalog.visits_of(council) for s in v.source_ids}
        named = {q.speaker for q in catalog.quotes if q.source_id in theirs}
        named |= {n for v in catalog.visits_of(council) for n in v.inspectors}
        people = [p for p in people if p.name in named or any(r.source_id in theirs for r in p.roles)]
    return [(p, sorted(p.roles, key=lambda r: (r.date, r.role)), quotes.get(p.name, 0)) for p in people]


def _grid(
    catalog: Catalog, themes: Iterable[str], council: str | None = None
) -> dict[str, dict[str, dict[str, int]]]:
    grid = catalog.stance_grid(Filter())
    order = [v.id for v in visits_in_order(catalog, council)]
    return {t: {v: grid[t][v] for v in order} for t in themes}


def timeline_json(catalog: Catalog, themes: tuple[str, ...] = (), council: str | None = None) -> str:
    """The JSON contract of `timeline --format json` (README, "Timeline JSON"): one council's
    or, with `council` None, every council's."""
    chosen = themes or catalog.theme_ids
    payload = {
        "visits": [
            {
                **visit_fields(v),
                "sources": [
                    {
                        "source_id": s,
                        "publisher": catalog.sources[s].publisher,
                        "title": catalog.sources[s].title,
                        "date": catalog.sources[s].published,
                        "kind": catalog.sources[s].kind,
                    }
                    for s in v.source_ids
                    if s in catalog.sources
                ],
            }
            for v in visits_in_order(catalog, council)
        ],
        "events": [
            {
                "id": e.id,
                "kind": e.kind,
                "date": e.date,
                "precision": e.precision,
                "basis": clean(e.basis),
                "text": clean(e.text),
                "source_id": e.source_id,
                "start": e.start,
                "end": e.end,
                "citation": cited(catalog.sources[e.source_id], e.start),
            }
            for group in event_groups(catalog, council)
            for e in group.events
        ],
        "grid": _grid(catalog, chosen, council),
        "people": [
            {
                "name": p.name,
                "kind": p.kind,
                "roles": [{"role": clean(r.role), "date": r.date, "source_id": r.source_id} for r in roles],
                "quotes": count,
            }
            for p, roles, count in people_with_roles(catalog, council)
        ],
    }
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode() + "\n"


def _md(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|")


def _cite(catalog: Catalog, source_id: str, offset: int) -> str:
    c = cited(catalog.sources[source_id], offset)
    return f"{_md(c['publisher'])}, “{_md(c['title'])}”, {c['date']}, paragraph {c['paragraph']}"


def _column(visit: Visit, councils: bool) -> str:
    """A grid column's heading: the visit's month and kind, and its council in a timeline of
    every council's (their visits' columns are otherwise alike)."""
    heading = f"{visit.start} {visit.kind.split()[0]}"
    return f"{_md(visit.authority)} {heading}" if councils else heading


def timeline_markdown(catalog: Catalog, themes: tuple[str, ...] = (), council: str | None = None) -> str:
    """The chronology, the grid and the people, as a report a screen reader reads in order."""
    title = f"{_md(council)} inspections" if council else "Inspections of every council"
    lines = [f"# {title}: chronology", "", "## Visits and events, in time order", ""]
    entries: list[tuple[str, int, list[str]]] = []
    for visit in visits_in_order(catalog, council):
        sources = "; ".join(
            f"{_md(catalog.sources[s].publisher)}, “{_md(catalog.sources[s].title)}”"
            for s in visit.source_ids
            if s in catalog.sources
        )
        who = ", ".join(visit.inspectors) or "not named"
        provisional = " (provisional)" if visit.provisional else ""
        entries.append(
            (
                visit.start,
                1,
                [
                    f"- **{visit.start} — {visit.kind}{provisional}: {judgement_words(visit)}** "
                    f"({_md(visit.authority)}; inspectors: {_md(who)}; "
                    f"reported in: {sources or 'no article'})"
                ]
                + [f"  - the report differs: {_md(c)}" for c in visit.conflicts],
            )
        )
    for group in event_groups(catalog, council):
        first = group.events[0]
        block = [
            f"- {group.date} — {group.label}: “{_md(first.text)}” — "
            f"{_cite(catalog, first.source_id, first.start)}"
        ]
        block += [f"  - also: {_cite(catalog, e.source_id, e.start)}" for e in group.events[1:]]
        entries.append((group.date, 0, block))
    for _, _, block in sorted(entries, key=lambda e: (e[0], e[1])):
        lines += block
    order = visits_in_order(catalog, council)
    grid = _grid(catalog, themes or catalog.theme_ids, council)
    lines += [
        "",
        f"## Themes across the visits (findings: {stance_legend(', ')})",
        "",
        "| theme | " + " | ".join(_column(v, council is None) for v in order) + " |",
        "|---|" + "---|" * len(order),
    ]
    for theme, row in grid.items():
        lines.append(f"| {theme} | " + " | ".join(cell_text(row[v.id]) for v in order) + " |")
    lines += ["", "## People", ""]
    for person, roles, count in people_with_roles(catalog, council):
        said = f"{count} quote{'s' if count != 1 else ''}"
        history = "; ".join(f"{_md(r.role)} ({r.date})" for r in roles) or "no role given"
        lines.append(f"- **{_md(person.name)}** ({person.kind}, {said}): {history}")
    return "\n".join(lines) + "\n"
