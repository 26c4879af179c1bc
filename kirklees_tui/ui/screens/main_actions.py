"""The main screen's keys that open something: pickers, dialogs, the other screens, help; and
copying. Each dialog is its own module, imported when its key is first pressed.

What another screen hands back is merged into the filter by `BrowsingScreen.apply_view`, and the
screen is given the filter (and the sort) it opens under, so the grid, chronology and people
follow the stance and the council chosen here.
"""

from __future__ import annotations

from pathlib import Path

from kirklees_tui.store.model import Finding, Quote
from kirklees_tui.ui.screens.browsing import BrowsingScreen
from kirklees_tui.ui.screens.clipboard import copy_text
from kirklees_tui.ui.widgets.theme_rail import ThemeRail

__all__ = ["MainActions"]


class MainActions(BrowsingScreen):
    """Pickers, dialogs and screens opened from the main screen."""

    def current_record(self) -> Finding | Quote | None:
        raise NotImplementedError

    def records_kind(self) -> str:
        raise NotImplementedError

    # -- pickers ------------------------------------------------------------------------------
    def action_pick_theme(self) -> None:
        from kirklees_tui.ui.screens.theme_picker import ThemePicker

        if self.catalog is not None:
            counts = self.query_one(ThemeRail).counts
            self.app.push_screen(ThemePicker(self.catalog.themes, counts, self.filter), self._picked)

    def _picked(self, choice: tuple[str, str] | None) -> None:
        if choice is not None:
            action, theme = choice
            if action == "exclude":
                self.exclude_named(theme)
            else:
                self.toggle_theme(theme)

    def action_pick_authority(self) -> None:
        """`A`: every council with its visits and findings; one, or all of them."""
        from kirklees_tui.ui.screens.council_picker import CouncilPicker

        if self.catalog is not None:
            self.app.push_screen(CouncilPicker(self.catalog, self.filter.authority), self._council_picked)

    def _council_picked(self, choice: str | None) -> None:
        if choice is not None:
            self.choose_authority(choice or None)

    # -- copying, exporting, views ------------------------------------------------------------
    def action_copy(self) -> None:
        from kirklees_tui.ui.widgets.detail_pane import describe_record

        record = self.current_record()
        if record is None or self.catalog is None:
            self.notify("Nothing to copy: move onto a finding or quote first.", severity="warning")
            return
        kind = "quote" if isinstance(record, Quote) else "finding"
        where = copy_text(self.app, describe_record(self.catalog, record).plain)
        self.notify(f"The {kind} with its citation: {where}", timeout=4)

    def action_export(self, fmt: str | None = None) -> None:
        from kirklees_tui.ui.screens.export_dialog import ExportDialog

        if self.catalog is None:
            return
        records = self.records_kind()
        suggestion = f"kirklees-{records}.{fmt or 'csv'}"
        self.app.push_screen(ExportDialog(records, suggestion), self._export_to)

    def _export_to(self, choice: tuple[str, Path, bool] | None) -> None:
        from kirklees_tui.ui.screens.export_dialog import export_view

        if choice is not None and self.catalog is not None:
            export_view(self, self.catalog, self.filter, *choice, sort=self.sort)

    def action_save_view(self) -> None:
        """`v`: keep the filter under a name, in this user's own data folder."""
        from kirklees_tui.ui.screens.view_dialogs import SaveViewDialog

        if self.app.is_web:  # served: nothing is written on the server for a reader
            self.notify("Views are not saved from a web browser: V shows the command line to keep.")
            return
        self.app.push_screen(SaveViewDialog(self.filter), self._saved)

    def _saved(self, name: str | None) -> None:
        if name is not None:
            self.notify(f"Saved view “{name}”: ctrl+p, view: {name} recalls it.", timeout=4)

    def recall_view(self, name: str) -> None:
        """A saved view's filter, in place of the one shown (`u` goes back)."""
        from kirklees_tui.query.views import ViewError, load_view

        try:
            flt = load_view(name)
        except ViewError as error:
            self.notify(str(error), title="Cannot recall the view", severity="error", timeout=8)
            return
        self.apply_view(flt, said=f"View “{name}”")

    def action_command_line(self) -> None:
        """`V`: the `kirklees-tui export` line that lists the same records, to copy."""
        from kirklees_tui.ui.screens.view_dialogs import CommandLineDialog

        records = self.records_kind()
        self.app.push_screen(CommandLineDialog(self.filter.command(records, "md", self.sort), records))

    # -- other screens --------------------------------------------------------------------------
    def action_open_view(self, name: str) -> None:
        """The chronology, the theme x visit grid or the people, under the filter shown here;
        each may hand back a filter, merged into this one."""
        from kirklees_tui.ui.screens.chronology import ChronologyScreen
        from kirklees_tui.ui.screens.grid import GridScreen
        from kirklees_tui.ui.screens.people import PeopleScreen

        if self.catalog is None:
            return
        screens = {"chronology": ChronologyScreen, "grid": GridScreen, "people": PeopleScreen}
        self.app.push_screen(screens[name](self.catalog, self.filter), self.apply_view)

    def action_help(self) -> None:
        from kirklees_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("main"))
