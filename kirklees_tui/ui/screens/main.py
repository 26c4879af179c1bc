"""The main screen: theme rail, visits, findings, quotes and the detail area.

It owns the filter (a typed reactive) and hands results down to the panes; the panes post
messages up. Every change of filter is a few bitset operations in the catalog and a redraw of
the visible rows only.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Static

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.filter import Filter
from kirklees_tui.sanitize import one_line
from kirklees_tui.store.model import Finding, Quote
from kirklees_tui.ui.loader import StoreFailed, StoreLoaded
from kirklees_tui.ui.widgets.detail_pane import DetailPane, describe_record
from kirklees_tui.ui.widgets.key_bar import KeyBar
from kirklees_tui.ui.widgets.record_list import RecordList, record_line
from kirklees_tui.ui.widgets.search_field import SearchField
from kirklees_tui.ui.widgets.status_line import StatusLine
from kirklees_tui.ui.widgets.theme_rail import ThemeRail
from kirklees_tui.ui.widgets.visits_pane import VisitsPane

__all__ = ["MIN_SIZE", "MainScreen"]

MIN_SIZE = (60, 16)
W = TypeVar("W", bound=Widget)


class MainScreen(Screen[None]):
    """Browse and filter; everything reachable by keyboard."""

    class ReloadRequested(Message):
        """The user asked for the store on disk to be read again (`r`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding: handled as the key arrives, so the focus is in the field before
        # the keys typed straight after `/` are handed out (as a plain binding, they went to
        # the list's bindings instead: "/caseloads" opened the chronology on `c`).
        Binding("slash", "search", "Search", priority=True, id="main.search"),
        *(
            Binding(str(n), f"toggle_theme({n - 1})", f"Theme {n}", show=False, id=f"main.theme{n}")
            for n in range(1, 10)
        ),
        Binding("a", "toggle_match", "Any/all", id="main.match"),
        Binding("x", "exclude_theme", "Exclude", show=False, id="main.exclude"),
        Binding("t", "pick_theme", "Themes", show=False, id="main.themes"),
        Binding("y", "copy", "Copy", id="main.copy"),
        Binding("e", "export", "Export", id="main.export"),
        Binding("r", "reload", "Reload", show=False, id="main.reload"),
        Binding("c", "open_view('chronology')", "Chronology", show=False, id="main.chronology"),
        Binding("g", "open_view('grid')", "Grid", show=False, id="main.grid"),
        Binding("p", "open_view('people')", "People", show=False, id="main.people"),
        Binding("question_mark,f1", "help", "Help", id="main.help"),
        Binding("q", "app.quit", "Quit", id="main.quit"),
        Binding("escape", "escape", "Back", show=False, id="main.escape"),
    ]

    AUTO_FOCUS = "#findings"

    filter: reactive[Filter] = reactive(Filter, init=False, always_update=True, repaint=False)

    def __init__(self, loading: str = "") -> None:
        super().__init__(classes="-loading")  # the panes are drawn once, with their data
        self._loading = loading
        """Shown until the store arrives: the app's splash line, so the screen does not flicker."""
        self.catalog: Catalog | None = None
        self._last_list: RecordList | None = None
        self._visit_dates: dict[str, str] = {}
        self._detail_shown: tuple[Finding | Quote, tuple[str, ...]] | None = None
        self._store_changed = False
        self._search: SearchField | None = None

    def _line(self, record: Finding | Quote) -> str:
        return record_line(record, self._visit_dates)

    def compose(self) -> ComposeResult:
        # Titles are given here, not on mount: the store may load before the screen mounts,
        # and the counts it writes into them must not be overwritten.
        yield ThemeRail(id="rail")
        yield StatusLine(id="status")
        with Horizontal(id="body"):
            yield self._titled(VisitsPane(id="visits"), "Visits")
            with Vertical(id="lists"):
                yield self._titled(RecordList(self._line, "No findings match.", id="findings"), "Findings")
                yield self._titled(RecordList(self._line, "No quotes match.", id="quotes"), "Quotes")
        yield self._titled(DetailPane(id="detail"), "Detail")
        yield Static(id="too-small")
        yield Static(self._loading, id="loading")
        yield KeyBar()

    @staticmethod
    def _titled(widget: W, title: str) -> W:
        widget.border_title = title
        return widget

    def _mount_search(self, words: str = "") -> AwaitMount | None:
        """Mount the (hidden) search field once the data is on screen: mounted with the
        screen, an Input was a sixth of the time from the first frame to the data (17 ms).
        Mounted before `/` is pressed, it can take the keys typed straight after it."""
        if self._search is not None:
            return None
        self._search = SearchField(words, id="search")
        self.watch(self._search, "value", self._search_changed, init=False)
        return self.mount(self._search, before="#too-small")

    # -- data ---------------------------------------------------------------------------------
    def on_store_loaded(self, event: StoreLoaded) -> None:
        """A store has loaded: the first, under the command line's filter; or again, keeping
        the filter, saying so. (Handled after the screen's mount, even when the store was
        read before the screen was composed: messages wait for it.)"""
        self.set_catalog(event.catalog, event.filter or self.filter)
        if event.reload:
            self.show_store_changed(False)
            self.app.clear_notifications()
            store = event.catalog.store
            self.notify(
                f"Reloaded: {len(store.sources)} articles, {len(store.findings)} "
                f"findings, {len(store.quotes)} quotes.",
                timeout=4,
            )

    def on_store_failed(self, event: StoreFailed) -> None:
        """A reload that failed: keep showing the store already loaded. (A first load that
        failed goes on to the app, which ends with the message.)"""
        if event.reload:
            event.stop()
            self.notify(
                f"{event.message}. Still showing the store as it was.",
                title="Cannot reload",
                severity="error",
                timeout=10,
            )

    def on_store_changed(self) -> None:
        """An import replaced the store on disk: offer to reload it."""
        self.show_store_changed(True)
        self.notify(
            "The store has changed on disk: press r to reload (the filter is kept).",
            title="Store changed",
            timeout=8,
        )

    def set_catalog(self, catalog: Catalog, flt: Filter) -> None:
        """Show a store under `flt`, less any theme or visit the store no longer has."""
        first = self.catalog is None
        self.catalog = catalog
        self._visit_dates = {v.id: v.start[:7] for v in catalog.visits}
        known = frozenset(catalog.theme_ids)
        flt = replace(
            flt,
            themes=flt.themes & known,
            exclude=flt.exclude & known,
            visit=flt.visit if flt.visit in catalog.visit_by_id else None,
        )
        if first:
            self.remove_class("-loading")
            if self.focused is None:  # hidden panes could not take the first focus
                self.query_one("#findings").focus()
        if first and flt.words:
            self._mount_search(flt.words)
            self.add_class("-searching")
        elif first:
            self.call_after_refresh(self._mount_search)
        self.filter = flt  # draws everything under the new filter, now
        if not first:  # a reloaded store may have other themes: size the rail for them
            rail = self.query_one(ThemeRail)
            rail.fit(self.size.width, rail.max_lines)

    def show_store_changed(self, changed: bool) -> None:
        """Say in the status line that the file on disk is newer than the screen."""
        self._store_changed = changed
        if self.catalog is not None:
            self._show_filter(self.catalog, self.filter)

    def action_reload(self) -> None:
        if self.catalog is not None:
            self.post_message(self.ReloadRequested())

    def watch_filter(self, flt: Filter) -> None:
        if self.catalog is not None:
            with self.app.batch_update():  # one frame for the whole change
                self._show_filter(self.catalog, flt)

    def _show_filter(self, catalog: Catalog, flt: Filter) -> None:
        findings = catalog.select("findings", flt)
        quotes = catalog.select("quotes", flt)
        self.query_one("#findings", RecordList).show(catalog.findings, findings, flt.terms)
        self.query_one("#quotes", RecordList).show(catalog.quotes, quotes, flt.terms)
        both = catalog.theme_counts("findings", flt)
        for theme, count in catalog.theme_counts("quotes", flt).items():
            both[theme] += count
        rail = self.query_one(ThemeRail)
        first = not rail.themes
        rail.show(catalog.themes, both, flt)
        if first:
            rail.fit(self.size.width, rail.max_lines)
        self.query_one(VisitsPane).show(catalog.visits, catalog.visit_counts(flt), flt.visit)
        self.query_one("#findings").border_title = f"Findings {len(findings)}"
        self.query_one("#quotes").border_title = f"Quotes {len(quotes)}"
        status = Text()
        if self._store_changed:  # first, so that 80 columns never cut it off
            status.append("Store changed on disk: r reloads", style="bold reverse")
            status.append("  ")
        status.append("Showing: ", style="bold")
        status.append(one_line(flt.describe()))
        status.append(f"  ·  {len(findings)} findings, {len(quotes)} quotes")
        self.query_one(StatusLine).show(status)
        self._show_detail(self._active_list().current)

    def _search_changed(self, value: str) -> None:
        self.filter = replace(self.filter, words=value)

    # -- messages from the panes ------------------------------------------------------------
    @on(VisitsPane.Chosen)
    def _visit_chosen(self, event: VisitsPane.Chosen) -> None:
        self.filter = replace(self.filter, visit=event.visit_id)

    @on(ThemeRail.Toggled)
    def _rail_toggled(self, event: ThemeRail.Toggled) -> None:
        self.toggle_theme(event.theme_id)

    @on(RecordList.Highlighted)
    def _highlighted(self, event: RecordList.Highlighted) -> None:
        if event.source is self._active_list():
            self._show_detail(event.record)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, RecordList):
            self._last_list = event.widget
            self._show_detail(event.widget.current)

    def _active_list(self) -> RecordList:
        """The list the detail area follows: the focused one, else the last focused."""
        return self._last_list or self.query_one("#findings", RecordList)

    def _show_detail(self, record: Finding | Quote | None) -> None:
        """The record in full, with the search words marked as in the lists (one-letter
        terms filter but are not marked)."""
        if self.catalog is None or record is None:
            return
        terms = tuple(t for t in self.filter.terms if len(t) > 1)
        if (record, terms) != self._detail_shown:
            self._detail_shown = (record, terms)
            text = describe_record(self.catalog, record)
            text.highlight_words(terms, "bold underline", case_sensitive=False)
            self.query_one(DetailPane).show(text)

    @on(RecordList.Chosen)
    def _chosen(self, event: RecordList.Chosen) -> None:
        from kirklees_tui.ui.screens.source import SourceScreen

        if self.catalog is not None:
            record = event.record
            self.app.push_screen(SourceScreen(self.catalog.sources[record.source_id], record))

    # -- actions --------------------------------------------------------------------------------
    def toggle_theme(self, theme_id: str) -> None:
        self.filter = self.filter.toggled(theme_id)
        self.query_one(ThemeRail).point_at(theme_id)

    def exclude_named(self, theme_id: str) -> None:
        self.filter = self.filter.excluding(theme_id)
        self.query_one(ThemeRail).point_at(theme_id)

    def choose_visit(self, visit_id: str | None) -> None:
        """Narrow to a visit by moving the visits pane onto it (as the keyboard would)."""
        self.query_one(VisitsPane).choose(visit_id)

    def action_toggle_theme(self, index: int) -> None:
        if self.catalog is not None and index < len(self.catalog.themes):
            self.toggle_theme(self.catalog.themes[index].id)

    def action_toggle_match(self) -> None:
        self.filter = replace(self.filter, match="all" if self.filter.match == "any" else "any")

    def action_exclude_theme(self) -> None:
        theme = self.query_one(ThemeRail).cursor_theme
        if theme is not None:
            self.exclude_named(theme)
            self.notify(
                f"{'Excluding' if theme in self.filter.exclude else 'No longer excluding'} {theme}", timeout=2
            )

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

    async def action_search(self) -> None:
        self.add_class("-searching")
        mounting = self._mount_search()  # only if `/` came before the data
        if mounting is not None:
            await mounting
        assert self._search is not None
        self.set_focus(self._search)  # now, not after the keys already queued (`focus()`)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the search field, `/` is a character to search for, not the search key."""
        return not (action == "search" and self._search is not None and self._search.has_focus)

    def action_leave_search(self) -> None:
        """Back from the search field to the findings it narrowed (the words stay)."""
        self.query_one("#findings").focus()

    def action_escape(self) -> None:
        """Outside the search field (which has its own escape): clear the search, then the
        speaker."""
        search = self._search
        if search is not None and search.value:
            search.value = ""
            self.remove_class("-searching")
        elif self.filter.speaker is not None:
            self.filter = replace(self.filter, speaker=None)
        else:
            self.remove_class("-searching")

    def current_record(self) -> Finding | Quote | None:
        return self._active_list().current

    def action_copy(self) -> None:
        record = self.current_record()
        if record is None or self.catalog is None:
            self.notify("Nothing to copy: move onto a finding or quote first.", severity="warning")
            return
        # OSC 52 either way: served, the page's terminal (xterm.js) hands it to the browser's clipboard.
        self.app.copy_to_clipboard(describe_record(self.catalog, record).plain)
        kind = "quote" if isinstance(record, Quote) else "finding"
        where = "the browser's clipboard" if self.app.is_web else "OSC 52 clipboard"
        self.notify(f"Copied the {kind} with its citation ({where}).", timeout=3)

    def action_export(self, fmt: str | None = None) -> None:
        from kirklees_tui.ui.screens.export_dialog import ExportDialog

        if self.catalog is None:
            return
        focused = self.focused
        records = (
            "quotes"
            if focused is self.query_one("#quotes")
            else "visits"
            if isinstance(focused, VisitsPane)
            else "findings"
        )
        suggestion = f"kirklees-{records}.{fmt or 'csv'}"
        self.app.push_screen(ExportDialog(records, suggestion), self._export_to)

    def _export_to(self, choice: tuple[str, Path, bool] | None) -> None:
        from kirklees_tui.ui.screens.export_dialog import export_view

        if choice is not None and self.catalog is not None:
            export_view(self, self.catalog, self.filter, *choice)

    def action_open_view(self, name: str) -> None:
        """The chronology, the theme x visit grid or the people; each may hand back a filter."""
        from kirklees_tui.ui.screens.chronology import ChronologyScreen
        from kirklees_tui.ui.screens.grid import GridScreen
        from kirklees_tui.ui.screens.people import PeopleScreen

        if self.catalog is None:
            return
        screens = {"chronology": ChronologyScreen, "grid": GridScreen, "people": PeopleScreen}
        self.app.push_screen(screens[name](self.catalog), self.apply_view)

    def apply_view(self, flt: Filter | None) -> None:
        """Show what another screen chose (a theme and visit, a visit, a speaker) afresh."""
        if flt is None:
            return
        if self._search is not None:
            with self._search.prevent(Input.Changed):
                self._search.value = ""
        self.remove_class("-searching")
        self.filter = flt
        self.query_one(VisitsPane).choose(flt.visit)

    def action_help(self) -> None:
        from kirklees_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    # -- terminals as they are ---------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        self.query_one(ThemeRail).fit(width, 3 if height < 32 else 5)
        self.set_class(small, "-too-small")
        if small:
            self.query_one("#too-small", Static).update(
                Text(
                    f"Terminal too small ({width}x{height}). Enlarge it to at least "
                    f"{MIN_SIZE[0]}x{MIN_SIZE[1]}, or press ctrl+q to quit."
                )
            )
