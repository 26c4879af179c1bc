"""The main screen: theme rail, visits, findings, quotes and the detail area.

It owns the filter (a typed reactive, changed only through `BrowsingScreen.change`, which keeps
the history) and hands results down to the panes; the panes post messages up. Every change of
filter is a few bitset operations in the catalog and a redraw of the visible rows only; the
orders the lists can be sorted in are worked out once, in the loader's thread.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.message import Message
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Static

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.checked import report_passage
from kirklees_tui.query.filter import Filter
from kirklees_tui.sanitize import one_line
from kirklees_tui.store.model import Finding, Quote
from kirklees_tui.ui.loader import StoreFailed, StoreLoaded
from kirklees_tui.ui.screens.main_actions import MainActions
from kirklees_tui.ui.widgets.detail_pane import DetailPane, describe_record
from kirklees_tui.ui.widgets.key_bar import KeyBar
from kirklees_tui.ui.widgets.record_list import RecordList, merged_spans, record_line
from kirklees_tui.ui.widgets.search_field import SearchField
from kirklees_tui.ui.widgets.status_line import Status, StatusLine
from kirklees_tui.ui.widgets.theme_rail import ThemeRail
from kirklees_tui.ui.widgets.visits_pane import VisitsPane
from kirklees_tui.wording import counted

__all__ = ["MIN_SIZE", "MainScreen"]

MIN_SIZE = (60, 16)
W = TypeVar("W", bound=Widget)


def _visit_labels(catalog: Catalog) -> dict[str, str]:
    """What a finding's row says of its visit: the month, and the council when the store has
    more than one (all of one width, so the rows' text lines up)."""
    if len(catalog.authorities) < 2:
        return {v.id: v.start[:7] for v in catalog.visits}
    labels = {v.id: f"{v.start[:7]:<7} {one_line(v.authority)[:12]}" for v in catalog.visits}
    width = max(map(len, labels.values()))
    return {k: label.ljust(width) for k, label in labels.items()}


class MainScreen(MainActions):
    """Browse and filter; everything reachable by keyboard."""

    class ReloadRequested(Message):
        """The user asked for the store on disk to be read again (`r`)."""

    # In the order the key bar shows them; those that do not fit the width are left out,
    # the last first, but never help and quit.
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding: handled as the key arrives, so the focus is in the field before
        # the keys typed straight after `/` are handed out (as a plain binding, they went to
        # the list's bindings instead: "/caseloads" opened the chronology on `c`).
        Binding("slash", "search", "Search", priority=True, id="main.search"),
        Binding("t", "pick_theme", "Themes", id="main.themes"),
        Binding("o", "next_stance", "Stance", id="main.stance"),
        Binding("s", "next_sort", "Sort", id="main.sort"),
        Binding("u", "undo", "Undo", id="main.undo"),
        Binding("c", "open_view('chronology')", "Chronology", id="main.chronology"),
        Binding("g", "open_view('grid')", "Grid", id="main.grid"),
        Binding("p", "open_view('people')", "People", id="main.people"),
        Binding("y", "copy", "Copy", id="main.copy"),
        Binding("e", "export", "Export", id="main.export"),
        Binding("a", "toggle_match", "Any/all", id="main.match"),
        Binding("A", "pick_authority", "Council", id="main.council"),
        Binding("v", "save_view", "Save view", id="main.save_view"),
        Binding("V", "command_line", "Command", id="main.command_line"),
        *(
            Binding(str(n), f"toggle_theme({n - 1})", f"Theme {n}", show=False, id=f"main.theme{n}")
            for n in range(1, 10)
        ),
        Binding("x", "exclude_theme", "Exclude", show=False, id="main.exclude"),
        Binding("ctrl+l", "clear_all", "Clear all", show=False, id="main.clear_all"),
        Binding("r", "reload", "Reload", show=False, id="main.reload"),
        Binding("question_mark,f1", "help", "Help", id="main.help"),
        Binding("q", "app.quit", "Quit", id="main.quit"),
        Binding("escape", "clear_part", "Clear", show=False, id="main.escape"),
    ]

    AUTO_FOCUS = "#findings"

    def __init__(self, loading: str = "") -> None:
        super().__init__(classes="-loading")  # the panes are drawn once, with their data
        self._loading = loading
        """Shown until the store arrives: the app's splash line, so the screen does not flicker."""
        self._last_list: RecordList | None = None
        self._visit_dates: dict[str, str] = {}
        self._detail_shown: tuple[Finding | Quote | str, tuple[str, ...]] | None = None
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
        yield DetailPane(id="detail")
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
                f"Reloaded: {counted(len(store.sources), 'article')}, "
                f"{counted(len(store.findings), 'finding')}, {counted(len(store.quotes), 'quote')}.",
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
        """Show a store under `flt`, less any theme, visit or council the store no longer
        has. (Not a change the user made: nothing to undo.)"""
        first = self.catalog is None
        self.catalog = catalog
        self._pane_visits = {}
        self._visit_dates = _visit_labels(catalog)
        flt = self.fit(flt)
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
        ascending = self.sort == "date"
        findings = catalog.select("findings", flt, self.sort)
        quotes = catalog.select("quotes", flt, self.sort)
        self.query_one("#findings", RecordList).show(catalog.findings, findings, flt.terms, ascending)
        self.query_one("#quotes", RecordList).show(catalog.quotes, quotes, flt.terms, ascending)
        both = catalog.theme_counts("findings", flt)
        for theme, count in catalog.theme_counts("quotes", flt).items():
            both[theme] += count
        rail = self.query_one(ThemeRail)
        first = not rail.themes
        rail.show(catalog.themes, both, flt)
        if first:
            rail.fit(self.size.width, rail.max_lines)
        self.query_one(VisitsPane).show(
            self.visits_shown(flt.authority),
            catalog.visit_counts(flt),
            flt.visit,
            grouped=len(catalog.authorities) > 1,
        )
        self.query_one("#findings").border_title = f"Findings {len(findings)}"
        self.query_one("#quotes").border_title = f"Quotes {len(quotes)}"
        counts = f"{counted(len(findings), 'finding')}, {counted(len(quotes), 'quote')}"
        status = Status(one_line(flt.describe()), counts, self.sort, self._store_changed)
        self.query_one(StatusLine).show(status)
        self._sync_search(flt.words)
        self._show_detail(self._active_list().current)

    def _sync_search(self, words: str) -> None:
        """The search field says the filter's words, whatever changed them (undo, escape, a
        saved view), without that counting as typing."""
        search = self._search
        if search is not None and search.value != words:
            with search.prevent(Input.Changed):
                search.value = words
        if not words and (search is None or not search.has_focus):
            self.remove_class("-searching")
        elif words:
            self.add_class("-searching")

    def _search_changed(self, value: str) -> None:
        self.change(replace(self.filter, words=value), run="typing")

    # -- messages from the panes ------------------------------------------------------------
    @on(VisitsPane.Chosen)
    def _visit_chosen(self, event: VisitsPane.Chosen) -> None:
        self.change(replace(self.filter, visit=event.visit_id), run="visits")

    @on(ThemeRail.Toggled)
    def _rail_toggled(self, event: ThemeRail.Toggled) -> None:
        self.toggle_theme(event.theme_id)

    @on(RecordList.Highlighted)
    def _highlighted(self, event: RecordList.Highlighted) -> None:
        if event.source is self._active_list():
            self._show_detail(event.record)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self.end_run()  # a search typed, or visits stepped through, ends with the focus
        if isinstance(event.widget, RecordList):
            self._last_list = event.widget
            self._show_detail(event.widget.current)

    def _active_list(self) -> RecordList:
        """The list the detail area follows: the focused one, else the last focused."""
        return self._last_list or self.query_one("#findings", RecordList)

    def _show_detail(self, record: Finding | Quote | None) -> None:
        """The record under the cursor in full, with the search words marked as in the lists
        (one-letter terms filter but are not marked); or, when the list is empty, one line
        saying so (never a record the filter no longer lists)."""
        if self.catalog is None:
            return
        terms = tuple(t for t in self.filter.terms if len(t) > 1)
        # an empty list's detail says which list, and what is known of the visit chosen
        listed = self._active_list().id or ""
        shown: Finding | Quote | str = record if record is not None else f"{listed} {self.filter.visit}"
        if (shown, terms) == self._detail_shown:
            return
        self._detail_shown = (shown, terms)
        if record is None:
            kind = "quotes" if listed == "quotes" else "findings"
            empty = Text.assemble((f"No {kind} match the filter.", "dim italic"))
            visit = self.catalog.visit_by_id.get(self.filter.visit or "")
            if visit is not None:  # what is known of the visit, though nothing is listed under it
                from kirklees_tui.query.visit_words import visit_facts

                empty.append("\n" + "\n".join(visit_facts(visit)))
            self.query_one(DetailPane).show(empty)
            return
        text = describe_record(self.catalog, record)
        for start, end in merged_spans(text.plain, terms):
            text.stylize("bold underline", start, end)
        self.query_one(DetailPane).show(text)

    @on(RecordList.Chosen)
    def _chosen(self, event: RecordList.Chosen) -> None:
        from kirklees_tui.ui.screens.source import SourceScreen

        if self.catalog is not None:
            record = event.record
            terms, article = self.filter.terms, self.catalog.sources[record.source_id]
            found = report_passage(record, self.catalog.sources) if isinstance(record, Quote) else None
            if found is not None:  # a quotation of Ofsted: the report at the words it was found at
                report, start, end = found
                self.app.push_screen(SourceScreen(report, record, terms, (start, end), quoted_in=article))
                return
            self.app.push_screen(SourceScreen(article, record, terms))

    # -- keys that are the main screen's own ---------------------------------------------------
    def action_exclude_theme(self) -> None:
        theme = self.query_one(ThemeRail).cursor_theme
        if theme is not None:
            self.exclude_named(theme)
            self.notify(
                f"{'Excluding' if theme in self.filter.exclude else 'No longer excluding'} {theme}", timeout=2
            )

    def toggle_theme(self, theme_id: str) -> None:
        super().toggle_theme(theme_id)
        self.query_one(ThemeRail).point_at(theme_id)

    def exclude_named(self, theme_id: str) -> None:
        super().exclude_named(theme_id)
        self.query_one(ThemeRail).point_at(theme_id)

    async def action_search(self) -> None:
        self.add_class("-searching")
        mounting = self._mount_search()  # only if `/` came before the data
        if mounting is not None:
            await mounting
        assert self._search is not None
        self.set_focus(self._search)  # now, not after the keys already queued (`focus()`)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the search field, `/` is a character to search for, not the search key; `A`
        is there only when the store has more than one council."""
        if action == "pick_authority":
            return self.catalog is None or len(self.catalog.authorities) > 1
        return not (action == "search" and self._search is not None and self._search.has_focus)

    def action_leave_search(self) -> None:
        """Back from the search field to the findings it narrowed (the words stay). Focus moves
        now, not after a refresh: a key typed right after enter (in one read, over SSH) goes to
        the list, not into the field."""
        self.set_focus(self.query_one("#findings"))
        if not self.filter.words:
            self.remove_class("-searching")

    def current_record(self) -> Finding | Quote | None:
        return self._active_list().current

    def records_kind(self) -> str:
        """What an export or command line lists: the focused pane's records."""
        focused = self.focused
        if focused is self.query_one("#quotes"):
            return "quotes"
        return "visits" if isinstance(focused, VisitsPane) else "findings"

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
