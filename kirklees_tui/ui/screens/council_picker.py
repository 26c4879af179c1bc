"""Every council the store has visits of, with their counts: the way to one council's records.

Like the theme picker: `enter` chooses, `escape` closes. "All councils" comes first, then the
store's main council, then the rest by name. A national store has some 150 councils, so typing
narrows the list (any part of a name, case and accents aside) and the arrows move in what is
left. The row under the cursor is marked `▶` and the council shown now `•`, readable without
colour. A store about one council lists it alone, saying so.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.filter import Filter
from kirklees_tui.query.fold import fold
from kirklees_tui.sanitize import one_line
from kirklees_tui.ui.screens.once import DismissedOnce
from kirklees_tui.ui.widgets.bounded_input import BoundedInput
from kirklees_tui.wording import counted

__all__ = ["EVERY_COUNCIL", "CouncilPicker", "OneCouncilScreen"]

EVERY_COUNCIL = ""
"""What the picker returns for "all councils" (None is cancelling)."""
_ALL = "\x00all"
MAX_TYPED = 60


class CouncilPicker(DismissedOnce, ModalScreen[str | None]):
    """Returns a council's name, `EVERY_COUNCIL`, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="council.back"),
        # the list's keys, before the typing box takes them (its text is a word or two)
        Binding("down", "move('cursor_down')", "Down", show=False, priority=True),
        Binding("up", "move('cursor_up')", "Up", show=False, priority=True),
        Binding("pagedown", "move('page_down')", "Page down", show=False, priority=True),
        Binding("pageup", "move('page_up')", "Page up", show=False, priority=True),
        Binding("home", "move('first')", "First", show=False, priority=True),
        Binding("end", "move('last')", "Last", show=False, priority=True),
        Binding("question_mark,f1", "help", "Help", show=False, id="council.help"),
    ]

    def __init__(self, catalog: Catalog, chosen: str | None, every: bool = True) -> None:
        """`every`: offer "all councils" (not where a screen shows one council at a time)."""
        super().__init__()
        self.catalog = catalog
        self.chosen = chosen
        self._lines = {_ALL: "all councils"} if every else {}
        for council in catalog.authorities:
            visits = len(catalog.visits_of(council))
            findings = len(catalog.select("findings", Filter(authority=council)))
            self._lines[council] = (
                f"{one_line(council)} · {counted(visits, 'visit')} · {counted(findings, 'finding')}"
            )
        self._cursor: str | None = None

    def compose(self) -> ComposeResult:
        only = " (one here)" if len(self.catalog.authorities) == 1 else ""
        with Vertical(id="council-box") as box:
            box.border_title = f"Councils{only}: type to narrow · enter chooses · esc closes"
            yield BoundedInput(max_length=MAX_TYPED, placeholder="type part of a name", id="council-find")
            yield OptionList(*self._options(""), id="council-picker")

    def _options(self, typed: str) -> list[Option]:
        words = fold(typed).split()
        shown = [
            key for key in self._lines if not words or (key != _ALL and all(w in fold(key) for w in words))
        ]
        return [Option(self._prompt(key, False), id=key) for key in shown]

    def _prompt(self, key: str, under_cursor: bool) -> Text:
        current = (key == _ALL and self.chosen is None) or key == self.chosen
        return Text(f"{'▶' if under_cursor else ' '}{'•' if current else ' '} {self._lines[key]}")

    def on_mount(self) -> None:
        self.query_one("#council-find", Input).focus()
        picker = self.query_one("#council-picker", OptionList)
        keys = [option.id for option in picker.options]
        picker.highlighted = keys.index(self.chosen) if self.chosen in keys else 0 if keys else None

    @on(Input.Changed, "#council-find")
    def _narrow(self, event: Input.Changed) -> None:
        picker = self.query_one("#council-picker", OptionList)
        self._cursor = None
        picker.set_options(self._options(event.value))
        if picker.option_count:
            picker.highlighted = 0
        box = self.query_one("#council-box", Vertical)
        box.border_subtitle = "" if picker.option_count else f"no council matches “{one_line(event.value)}”"

    @on(OptionList.OptionHighlighted, "#council-picker")
    def _mark_cursor(self) -> None:
        """`▶` on the row under the cursor: the highlight's colour alone is lost without colour.
        Read from the list as it is now: the message may come after the list was narrowed."""
        picker = self.query_one("#council-picker", OptionList)
        keys = {option.id for option in picker.options}
        if self._cursor is not None and self._cursor in keys:
            picker.replace_option_prompt(self._cursor, self._prompt(self._cursor, False))
        option = picker.highlighted_option
        self._cursor = option.id if option is not None else None
        if self._cursor is not None:
            picker.replace_option_prompt(self._cursor, self._prompt(self._cursor, True))

    def action_move(self, action: str) -> None:
        picker = self.query_one("#council-picker", OptionList)
        getattr(picker, f"action_{action}")()

    @on(Input.Submitted, "#council-find")
    def _choose_highlighted(self) -> None:
        option = self.query_one("#council-picker", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self._choose(option.id)

    @on(OptionList.OptionSelected, "#council-picker")
    def _choose_clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._choose(event.option.id)

    def _choose(self, key: str) -> None:
        self.dismiss(EVERY_COUNCIL if key == _ALL else key)

    def action_help(self) -> None:
        from kirklees_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("pickers"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class OneCouncilScreen(DismissedOnce, Screen[Filter | None]):
    """A screen of one council at a time (the chronology, the grid): `A` picks another, from
    the councils alone, and is offered only where there is another to pick."""

    catalog: Catalog
    council: str | None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`A` only where there is another council to switch to."""
        return action != "pick_council" or len(self.catalog.authorities) > 1

    def action_pick_council(self) -> None:
        self.app.push_screen(CouncilPicker(self.catalog, self.council, every=False), self._council_picked)

    def _council_picked(self, choice: str | None) -> None:
        """Another council's view in this one's place (each screen says how)."""
        raise NotImplementedError
