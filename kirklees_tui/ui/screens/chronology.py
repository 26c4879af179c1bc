"""The chronology screen: visits and context events on one time axis, first to last.

Each entry is a visit (kind, judgement spelled out, inspectors, the articles reporting it) or an
event (what happened, when, how many articles report it). The highlighted entry's passages and
citations show below. `enter` on an event opens its article at the passage; on a visit, returns
to the main screen narrowed to it. `g` and `p` open the grid and the people from here.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.chronology import EventGroup, event_groups, judgement_words, visits_in_order
from kirklees_tui.query.filter import Filter
from kirklees_tui.sanitize import clean, one_line
from kirklees_tui.store.model import Visit
from kirklees_tui.ui.screens.marks import mark_highlighted, marked
from kirklees_tui.ui.screens.once import DismissedOnce
from kirklees_tui.ui.widgets.key_bar import KeyBar

__all__ = ["ChronologyScreen"]

Entry = Visit | EventGroup


def _clip(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class ChronologyScreen(DismissedOnce, Screen[Filter | None]):
    """Is it getting better? Everything that happened, in order."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss_screen", "Back", id="chronology.back"),
        Binding("g", "grid", "Grid", id="chronology.grid"),
        Binding("p", "people", "People", id="chronology.people"),
    ]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        dated: list[tuple[str, int, Entry]] = [(v.start, 1, v) for v in visits_in_order(catalog)]
        dated += [(g.date, 0, g) for g in event_groups(catalog)]
        self.entries: list[Entry] = [e for _, _, e in sorted(dated, key=lambda d: (d[0], d[1]))]
        self._marked: int | None = None

    def _prompt_at(self, index: int) -> Text:
        return self._prompt(self.entries[index])

    def compose(self) -> ComposeResult:
        yield Static(
            Text("Chronology: ◆ visit  ● event  ·  enter: open  ·  g grid  ·  p people", style="bold"),
            id="chronology-heading",
        )
        yield OptionList(*(Option(marked(self._prompt(e), False)) for e in self.entries), id="timeline")
        yield Static(id="chronology-detail")
        yield KeyBar()

    def _prompt(self, entry: Entry) -> Text:
        if isinstance(entry, Visit):
            line = Text(f"{entry.start[:7]:<8}", style="bold")
            line.append(f"◆ {entry.kind}", style="bold")
            line.append(f" — {judgement_words(entry)}")
            who = ", ".join(entry.inspectors) or "inspectors not named"
            line.append(
                f"\n{'':8}  {one_line(entry.authority)} · {one_line(who)} · "
                f"{len(entry.source_ids)} article(s)"
            )
            return line
        line = Text(f"{entry.date[:7]:<8}", style="bold")
        reports = f" ({len(entry.events)} reports)" if len(entry.events) > 1 else ""
        line.append(f"● {entry.label}{reports}")
        line.append(f"\n{'':8}  “{_clip(entry.events[0].text, 58)}”")
        return line

    def on_mount(self) -> None:
        self.query_one("#timeline").focus()
        self._show(0)

    @on(OptionList.OptionHighlighted, "#timeline")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)
        mark_highlighted(event.option_list, self._marked, event.option_index, self._prompt_at)
        self._marked = event.option_index

    def _show(self, index: int) -> None:
        if not self.entries:
            return
        entry = self.entries[index]
        detail = Text()
        if isinstance(entry, Visit):
            detail.append(f"{entry.kind}, {entry.start} to {entry.end}", style="bold")
            if entry.provisional:
                detail.append(" (provisional)")
            detail.append(f"\nWhy this date: {clean(entry.basis)}")
            for source_id in entry.source_ids:
                source = self.catalog.sources.get(source_id)
                if source is not None:
                    detail.append(
                        f"\nReported in: {one_line(source.publisher)}, "
                        f"“{one_line(source.title)}”, {source.published}"
                    )
            detail.append("\nenter: show this visit's findings and quotes", style="italic")
        else:
            for event in entry.events:
                detail.append(f"“{clean(event.text)}”\n")
                source = self.catalog.sources[event.source_id]
                detail.append(
                    f"— {one_line(source.publisher)}, “{one_line(source.title)}”, "
                    f"{source.published}, {source.place(event.start)}"
                    f" · dated: {one_line(event.basis)}\n",
                    style="italic",
                )
            detail.append("enter: open the article at this passage", style="italic")
        self.query_one("#chronology-detail", Static).update(detail)

    @on(OptionList.OptionSelected, "#timeline")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        from kirklees_tui.ui.screens.source import SourceScreen

        entry = self.entries[event.option_index]
        if isinstance(entry, Visit):
            self.dismiss(Filter(visit=entry.id))
            return
        first = entry.events[0]
        self.app.push_screen(SourceScreen(self.catalog.sources[first.source_id], first))

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)

    def action_grid(self) -> None:
        from kirklees_tui.ui.screens.grid import GridScreen

        self.app.push_screen(GridScreen(self.catalog), self._chosen)

    def action_people(self) -> None:
        from kirklees_tui.ui.screens.people import PeopleScreen

        self.app.push_screen(PeopleScreen(self.catalog), self._chosen)

    def _chosen(self, flt: Filter | None) -> None:
        if flt is not None:
            self.dismiss(flt)
