"""The theme × visit grid: findings per theme and visit, split by stance, for one council.

Cells read without colour (`3▼ 1▲`, `·` for none), so a trend along a row is visible in any
terminal. The grid follows the main screen's filter (its stance, words and exclusions) and shows
one council at a time, the one chosen there or the store's main council (`A` another). When the
visits are wider than the terminal, the hint line says which way the grid scrolls. Moving onto a
cell lists its findings below; `enter` returns to the main screen with that theme and visit
added to the filter (on the theme's own cell, the theme alone).
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.chronology import cell_text, visits_in_order
from kirklees_tui.query.filter import Filter
from kirklees_tui.query.stances import STANCE_MARKS, stance_legend
from kirklees_tui.sanitize import one_line
from kirklees_tui.ui.screens.council_picker import OneCouncilScreen
from kirklees_tui.ui.widgets.key_bar import KeyBar
from kirklees_tui.wording import counted

__all__ = ["GridScreen"]

_SHORT = {
    "full inspection": "full",
    "re-inspection": "re-insp.",
    "monitoring visit": "mon.",
    "focused visit": "foc.",
    "JTAI": "JTAI",
}


class GridScreen(OneCouncilScreen):
    """Each theme's trajectory across one council's visits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_screen", "Back", id="grid.back"),
        Binding("A", "pick_council", "Council", id="grid.council"),
        Binding("question_mark,f1", "help", "Help", id="grid.help"),
        Binding("q", "app.quit", "Quit", id="grid.quit"),
    ]

    def __init__(self, catalog: Catalog, flt: Filter | None = None) -> None:
        super().__init__()
        self.catalog = catalog
        self.filter = flt or Filter()
        """The main screen's filter: the grid counts what it selects, and adds to it."""
        self._show_council(self.filter.authority or catalog.main_authority)

    def _show_council(self, council: str | None) -> None:
        self.council = council
        self.visits = visits_in_order(self.catalog, council)
        self.base = replace(self.filter, themes=frozenset(), visit=None, speaker=None, authority=council)
        """What every cell counts: the filter less its themes, visit and speaker, for one council."""
        self.grid = self.catalog.stance_grid(self.base)

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="grid-heading")
        table: DataTable[Text] = DataTable(id="grid", cursor_type="cell", fixed_columns=1)
        self._fill(table)
        yield table
        yield Static(id="grid-scroll")
        yield Static(id="grid-detail")
        yield KeyBar()

    def _fill(self, table: DataTable[Text]) -> None:
        table.add_column(Text("theme"), key="theme")
        for visit in self.visits:
            label = f"{visit.start[2:7]} {_SHORT.get(visit.kind, visit.kind)}"
            table.add_column(Text(label), key=visit.id)
        for theme in self.catalog.theme_ids:
            row = self.grid[theme]
            table.add_row(Text(theme), *(Text(cell_text(row[v.id])) for v in self.visits), key=theme)

    def _heading(self) -> Text:
        councils = len(self.catalog.authorities)
        council = one_line(self.council or "every council")
        heading = Text(f"{council}: findings by theme and visit", style="bold")
        if councils > 1:
            heading.append(f" ({councils} councils; A: another)")
        shown = one_line(replace(self.base, authority=None).describe())
        if shown != "everything":
            heading.append(f" · {shown}")
        heading.append(f"\n{stance_legend('  ')}  · none  ·  enter: these findings", style="dim")
        return heading

    def on_mount(self) -> None:
        table = self.query_one("#grid", DataTable)
        table.focus()
        if self.visits:
            table.move_cursor(column=1)
        self.watch(table, "scroll_x", self._show_scroll)
        self.call_after_refresh(self._show_scroll)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_scroll)

    def _show_scroll(self, _: float | None = None) -> None:
        """Say when visits lie beyond the right or left edge, and how to reach them."""
        table = self.query_one("#grid", DataTable)
        left = table.scroll_x > 1  # a cell's padding past the edge hides nothing
        right = table.max_scroll_x - table.scroll_x > 1
        line = ""
        if left or right:
            line = f"{'◀ more visits' if left else ''}{' · ' if left and right else ''}"
            line += f"{'more visits ▶' if right else ''}  (← → scroll)"
        widget = self.query_one("#grid-scroll", Static)
        widget.display = bool(line)
        widget.update(Text(line, style="bold"))

    def _cell(self, row: int, column: int) -> tuple[str, str | None]:
        theme = self.catalog.theme_ids[row]
        return theme, self.visits[column - 1].id if column > 0 else None

    @on(DataTable.CellHighlighted, "#grid")
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        theme, visit = self._cell(event.coordinate.row, event.coordinate.column)
        rows = self.catalog.select("findings", replace(self.base, themes=frozenset({theme}), visit=visit))
        where = f"visit {visit}" if visit else "every visit"
        text = Text(f"{theme} · {where}: {counted(len(rows), 'finding')}", style="bold")
        for row in rows[:6]:
            finding = self.catalog.findings[row]
            text.append(f"\n{STANCE_MARKS[finding.stance]} {one_line(finding.text)}")
        if len(rows) > 6:
            text.append(f"\n… and {len(rows) - 6} more (enter lists them all)", style="italic")
        self.query_one("#grid-detail", Static).update(text)

    @on(DataTable.CellSelected, "#grid")
    def _selected(self, event: DataTable.CellSelected) -> None:
        theme, visit = self._cell(event.coordinate.row, event.coordinate.column)
        authority = self.filter.authority if self.filter.authority in (None, self.council) else self.council
        chosen = replace(
            self.filter,
            themes=frozenset({theme}),
            exclude=self.filter.exclude - {theme},
            visit=visit,
            authority=authority,
        )
        self.dismiss(chosen)

    def _council_picked(self, choice: str | None) -> None:
        """Another council's grid in this one's place ("all councils" keeps this one: the
        grid is one council's)."""
        if not choice or choice == self.council:
            return
        self._show_council(choice)
        table = self.query_one("#grid", DataTable)
        table.clear(columns=True)
        self._fill(table)
        self.query_one("#grid-heading", Static).update(self._heading())
        if self.visits:
            table.move_cursor(row=0, column=1)
        self.call_after_refresh(self._show_scroll)

    def action_help(self) -> None:
        from kirklees_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("grid"))

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
