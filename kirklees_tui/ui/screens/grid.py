"""The theme × visit grid: findings per theme and visit, split by stance.

Cells read without colour (`3▼ 1▲`, `·` for none), so a trend along a row is visible in any
terminal. Moving onto a cell lists its findings below; `enter` returns to the main screen
filtered to that theme and visit (on the theme's own cell, to the theme alone).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.chronology import cell_text, visits_in_order
from kirklees_tui.query.filter import Filter
from kirklees_tui.query.stances import STANCE_MARKS, stance_legend
from kirklees_tui.sanitize import one_line
from kirklees_tui.ui.screens.once import DismissedOnce
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


class GridScreen(DismissedOnce, Screen[Filter | None]):
    """Each theme's trajectory across the visits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss_screen", "Back", id="grid.back"),
    ]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.visits = visits_in_order(catalog)
        self.grid = catalog.stance_grid(Filter())

    def compose(self) -> ComposeResult:
        legend = Text(
            f"Findings by theme and visit: {stance_legend('  ')}  · none  ·  enter: show them", style="bold"
        )
        yield Static(legend, id="grid-heading")
        table: DataTable[Text] = DataTable(id="grid", cursor_type="cell", fixed_columns=1)
        table.add_column(Text("theme"), key="theme")
        for visit in self.visits:
            label = f"{visit.start[2:7]} {_SHORT.get(visit.kind, visit.kind)}"
            table.add_column(Text(label), key=visit.id)
        for theme in self.catalog.theme_ids:
            row = self.grid[theme]
            table.add_row(Text(theme), *(Text(cell_text(row[v.id])) for v in self.visits), key=theme)
        yield table
        yield Static(id="grid-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#grid", DataTable)
        table.focus()
        if self.visits:
            table.move_cursor(column=1)

    def _cell(self, row: int, column: int) -> tuple[str, str | None]:
        theme = self.catalog.theme_ids[row]
        return theme, self.visits[column - 1].id if column > 0 else None

    @on(DataTable.CellHighlighted, "#grid")
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        theme, visit = self._cell(event.coordinate.row, event.coordinate.column)
        flt = Filter(themes=frozenset({theme}), visit=visit)
        rows = self.catalog.select("findings", flt)
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
        self.dismiss(Filter(themes=frozenset({theme}), visit=visit))

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
