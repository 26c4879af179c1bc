"""The chronology screen: visits and context events on one time axis, first to last.

Each entry is a visit (kind, judgement spelled out, inspectors, the articles reporting it) or an
event (what happened, when, how many articles report it). The highlighted entry's passages and
citations show below. It is one council's (the one chosen on the main screen, or the store's
main council; `A` another), its events being those its articles report. `enter` on an event
opens its article at the passage; on a visit, returns to the main screen with the visit added to
the filter. `g` and `p` open the grid and the people from here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.chronology import EventGroup, event_groups, visits_in_order
from kirklees_tui.query.filter import Filter
from kirklees_tui.query.visit_words import judgement_words, visit_dates
from kirklees_tui.sanitize import clean, one_line
from kirklees_tui.store.model import Visit
from kirklees_tui.ui.screens.council_picker import OneCouncilScreen
from kirklees_tui.ui.screens.marks import mark_highlighted, marked
from kirklees_tui.ui.widgets.key_bar import KeyBar
from kirklees_tui.wording import sources_counted

__all__ = ["ChronologyScreen"]

Entry = Visit | EventGroup


def _clip(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class ChronologyScreen(OneCouncilScreen):
    """Is it getting better? Everything that happened, in order."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_screen", "Back", id="chronology.back"),
        Binding("g", "grid", "Grid", id="chronology.grid"),
        Binding("p", "people", "People", id="chronology.people"),
        Binding("A", "pick_council", "Council", id="chronology.council"),
        Binding("question_mark,f1", "help", "Help", id="chronology.help"),
        Binding("q", "app.quit", "Quit", id="chronology.quit"),
    ]

    def __init__(self, catalog: Catalog, flt: Filter | None = None) -> None:
        super().__init__()
        self.catalog = catalog
        self.filter = flt or Filter()
        """The main screen's filter, which a chosen visit is added to."""
        self.council = self.filter.authority or catalog.main_authority
        self.entries = self._entries()
        self._marked: int | None = None

    def _entries(self) -> list[Entry]:
        """The council's visits and the events its articles report, first to last."""
        council, catalog = self.council, self.catalog
        dated: list[tuple[str, int, Entry]] = [(v.start, 1, v) for v in visits_in_order(catalog, council)]
        dated += [(group.date, 0, group) for group in event_groups(catalog, council)]
        return [e for _, _, e in sorted(dated, key=lambda d: (d[0], d[1]))]

    def _prompt_at(self, index: int) -> Text:
        return self._prompt(self.entries[index])

    def _heading(self) -> Text:
        councils = len(self.catalog.authorities)
        heading = Text(f"Chronology of {one_line(self.council or 'every council')}", style="bold")
        if councils > 1:
            heading.append(f" ({councils} councils; A: another)")
        heading.append(": ◆ visit  ● event  ·  enter: open")
        return heading

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="chronology-heading")
        yield OptionList(*(Option(marked(self._prompt(e), False)) for e in self.entries), id="timeline")
        yield Static(id="chronology-detail")
        yield KeyBar()

    def _kinds(self, source_ids: tuple[str, ...]) -> list[str]:
        return [self.catalog.sources[s].kind for s in source_ids if s in self.catalog.sources]

    def _prompt(self, entry: Entry) -> Text:
        if isinstance(entry, Visit):
            line = Text(f"{entry.start[:7]:<8}", style="bold")
            line.append(f"◆ {entry.kind}", style="bold")
            line.append(f" — {judgement_words(entry)}")
            who = ", ".join(entry.inspectors) or "inspectors not named"
            line.append(
                f"\n{'':8}  {one_line(entry.authority)} · {one_line(who)} · "
                f"{sources_counted(self._kinds(entry.source_ids))}"
            )
            return line
        line = Text(f"{entry.date[:7]:<8}", style="bold")
        reports = f" (in {len(entry.events)} articles)" if len(entry.events) > 1 else ""
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
            detail.append(f"{entry.kind}, {visit_dates(entry)}", style="bold")
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
            authority = self.filter.authority
            authority = authority if authority in (None, entry.authority) else entry.authority
            self.dismiss(replace(self.filter, visit=entry.id, authority=authority))
            return
        first = entry.events[0]
        self.app.push_screen(SourceScreen(self.catalog.sources[first.source_id], first))

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)

    def _here(self) -> Filter:
        """The filter, with this chronology's council if another was chosen here."""
        if self.council == (self.filter.authority or self.catalog.main_authority):
            return self.filter
        return replace(self.filter, authority=self.council, visit=None)

    def action_grid(self) -> None:
        from kirklees_tui.ui.screens.grid import GridScreen

        self.app.push_screen(GridScreen(self.catalog, self._here()), self._chosen)

    def action_people(self) -> None:
        from kirklees_tui.ui.screens.people import PeopleScreen

        self.app.push_screen(PeopleScreen(self.catalog, self.filter), self._chosen)

    def _council_picked(self, choice: str | None) -> None:
        """Another council's chronology in this one's place."""
        if not choice or choice == self.council:
            return
        self.council = choice
        self.entries = self._entries()
        self._marked = None
        timeline = self.query_one("#timeline", OptionList)
        timeline.clear_options()
        timeline.add_options([Option(marked(self._prompt(e), False)) for e in self.entries])
        self.query_one("#chronology-heading", Static).update(self._heading())
        if self.entries:
            timeline.highlighted = 0
        self._show(0)

    def action_help(self) -> None:
        from kirklees_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("chronology"))

    def _chosen(self, flt: Filter | None) -> None:
        if flt is not None:
            self.dismiss(flt)
