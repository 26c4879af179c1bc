"""People: every speaker and inspector, their roles over time, and what they said.

`enter` returns to the main screen with that person as the speaker, the rest of the filter kept
(`escape` there clears the speaker, `u` undoes).
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.chronology import people_with_roles
from kirklees_tui.query.filter import Filter
from kirklees_tui.sanitize import one_line
from kirklees_tui.store.model import Person, Role
from kirklees_tui.ui.screens.marks import mark_highlighted, marked
from kirklees_tui.ui.screens.once import DismissedOnce
from kirklees_tui.ui.widgets.key_bar import KeyBar
from kirklees_tui.wording import counted

__all__ = ["PeopleScreen"]


class PeopleScreen(DismissedOnce, Screen[Filter | None]):
    """Who said what, and in which role at the time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_screen", "Back", id="people.back"),
        Binding("question_mark,f1", "help", "Help", id="people.help"),
        Binding("q", "app.quit", "Quit", id="people.quit"),
    ]

    def __init__(self, catalog: Catalog, flt: Filter | None = None) -> None:
        super().__init__()
        self.catalog = catalog
        self.filter = flt or Filter()
        """The main screen's filter, which a chosen speaker is added to."""
        self.people = people_with_roles(catalog)
        self._marked: int | None = None

    def _prompt_at(self, index: int) -> Text:
        return self._prompt(*self.people[index])

    def compose(self) -> ComposeResult:
        yield Static(
            Text("People: roles over time  ·  enter: show their quotes", style="bold"), id="people-heading"
        )
        yield OptionList(*(Option(marked(self._prompt(*p), False)) for p in self.people), id="people")
        yield Static(id="people-detail")
        yield KeyBar()

    @staticmethod
    def _prompt(person: Person, roles: list[Role], quotes: int) -> Text:
        line = Text(one_line(person.name), style="bold")
        line.append(f" — {person.kind} · {counted(quotes, 'quote')}")
        history = "; ".join(f"{r.date[:7]} {one_line(r.role)}" for r in roles)
        line.append(f"\n  {history or 'no role given'}")
        return line

    def on_mount(self) -> None:
        self.query_one("#people").focus()
        self._show(0)

    @on(OptionList.OptionHighlighted, "#people")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)
        mark_highlighted(event.option_list, self._marked, event.option_index, self._prompt_at)
        self._marked = event.option_index

    def _show(self, index: int) -> None:
        if not self.people:
            return
        person = self.people[index][0]
        rows = self.catalog.select("quotes", Filter(speaker=person.name))
        text = Text(f"{one_line(person.name)}: {counted(len(rows), 'quote')}", style="bold")
        for row in rows[:5]:
            quote = self.catalog.quotes[row]
            role = f" ({one_line(quote.role)})" if quote.role else ""
            text.append(f"\n{quote.visit_id or 'no visit'}{role}: “{one_line(quote.text)}”")
        if len(rows) > 5:
            text.append(f"\n… and {len(rows) - 5} more (enter lists them all)", style="italic")
        self.query_one("#people-detail", Static).update(text)

    @on(OptionList.OptionSelected, "#people")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(replace(self.filter, speaker=self.people[event.option_index][0].name))

    def action_help(self) -> None:
        from kirklees_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("people"))

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
