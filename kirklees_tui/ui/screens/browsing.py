"""What the main screen does with its filter: every change goes through `change`, which keeps
the history `u` undoes, and every key that changes it says what it did.

Kept apart from the main screen's panes (`main.py`), which only show a filter. Keys that narrow
as they go (typing a search, moving through the visits) are one change per run, not one per
key, so `u` steps back over what the user did, not over each letter. What another screen hands
back (a grid cell, a visit, a speaker) is merged into the filter, never put in its place, and
the notice says what now shows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from textual.reactive import reactive
from textual.screen import Screen

from kirklees_tui.query.catalog import SORTS, Catalog
from kirklees_tui.query.filter import Filter, FilterHistory
from kirklees_tui.store.model import Visit

__all__ = ["PART_WORDS", "BrowsingScreen"]

PART_WORDS: Final = {
    "search": "the search",
    "speaker": "the speaker",
    "visit": "the visit",
    "stance": "the stance",
    "council": "the council",
    "themes": "the themes",
}
"""How a notice names each part of a filter (`Filter.parts`)."""


class BrowsingScreen(Screen[None]):
    """A screen that owns a filter, its history and a sort; subclasses show them."""

    filter: reactive[Filter] = reactive(Filter, init=False, always_update=True, repaint=False)

    def __init__(self, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.catalog: Catalog | None = None
        self.sort = SORTS[0]
        """How the lists are ordered (`s` cycles `SORTS`); time order to begin with."""
        self.history = FilterHistory()
        self._run: str | None = None
        """What made the last change when it was one of a run (typing, moving in the visits)."""
        self._pane_visits: dict[str | None, tuple[Visit, ...]] = {}

    # -- the one way a user's change comes in -------------------------------------------------
    def change(self, flt: Filter, run: str | None = None) -> bool:
        """Show `flt`, remembering the filter before it for `u`; False if nothing changed.
        Changes of the same `run` (a search typed, visits stepped through) are undone as one."""
        before = self.filter
        if flt == before:
            return False
        if run is None or run != self._run:
            self.history.record(before, flt)
        self._run = run
        self.filter = flt
        return True

    def end_run(self) -> None:
        """The next change, even of the same kind, is its own step in the history."""
        self._run = None

    def fit(self, flt: Filter) -> Filter:
        """`flt` less what this store does not hold (themes, a visit, a council), and less a
        visit of another council than the one chosen."""
        catalog = self.catalog
        if catalog is None:
            return flt
        known = frozenset(catalog.theme_ids)
        authority = flt.authority if flt.authority in catalog.authorities else None
        visit = catalog.visit_by_id.get(flt.visit or "")
        keep = visit is not None and authority in (None, visit.authority)
        return replace(
            flt,
            themes=flt.themes & known,
            exclude=flt.exclude & known,
            visit=flt.visit if keep else None,
            authority=authority,
        )

    def visits_shown(self, authority: str | None) -> tuple[Visit, ...]:
        """The visits pane's visits: one council's, or every council's, the council with most
        visits first, each in time order."""
        if authority not in self._pane_visits and self.catalog is not None:
            councils = self.catalog.authorities
            visits = self.catalog.visits_of(authority)
            self._pane_visits[authority] = tuple(
                sorted(visits, key=lambda v: (councils.index(v.authority), v.start, v.end, v.id))
            )
        return self._pane_visits.get(authority, ())

    # -- keys ---------------------------------------------------------------------------------
    def action_undo(self) -> None:
        """`u`: back to the filter before the last change."""
        before = self.history.undo()
        if before is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self.end_run()
        self.filter = self.fit(before)
        self.notify(f"Undone: showing {self.filter.describe()}.", timeout=3)

    def action_clear_part(self) -> None:
        """`escape` on the main screen: clear the most recent part of the filter (search,
        speaker, visit, stance, council, then themes) and say which."""
        parts = self.filter.parts()
        if not parts:
            self.notify("Nothing to clear: showing everything.", timeout=2)
            return
        self.end_run()
        self.change(self.filter.without(parts[0]))
        left = self.filter.parts()
        after = f"; next escape clears {PART_WORDS[left[0]]}" if left else "; showing everything"
        self.notify(f"Cleared {PART_WORDS[parts[0]]}{after} (u undoes).", timeout=3)

    def action_clear_all(self) -> None:
        """`ctrl+l`: every part of the filter at once."""
        self.end_run()
        if self.change(Filter()):
            self.notify("Cleared every filter: showing everything (u undoes).", timeout=3)
        else:
            self.notify("Nothing to clear: showing everything.", timeout=2)

    def action_next_stance(self) -> None:
        """`o`: all, concerns, progress, strengths, all."""
        self.end_run()
        self.change(self.filter.next_stance())  # the status line says it

    def set_stance(self, stance: str | None) -> None:
        self.end_run()
        self.change(replace(self.filter, stance=stance))

    def action_next_sort(self) -> None:
        """`s`: date, visit, stance, speaker, article order, date."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.filter = self.filter  # redraw in the new order (the status line says it): not a change

    def set_sort(self, sort: str) -> None:
        if sort in SORTS:
            self.sort = sort
            self.filter = self.filter

    def toggle_theme(self, theme_id: str) -> None:
        self.end_run()
        self.change(self.filter.toggled(theme_id))

    def exclude_named(self, theme_id: str) -> None:
        self.end_run()
        self.change(self.filter.excluding(theme_id))

    def action_toggle_theme(self, index: int) -> None:
        if self.catalog is not None and index < len(self.catalog.themes):
            self.toggle_theme(self.catalog.themes[index].id)

    def action_toggle_match(self) -> None:
        self.end_run()
        self.change(replace(self.filter, match="all" if self.filter.match == "any" else "any"))

    def choose_visit(self, visit_id: str | None) -> None:
        """A visit chosen by name (the palette): its council too, if one is chosen."""
        self.end_run()
        self.change(self._with_visit(self.filter, visit_id))

    def _with_visit(self, flt: Filter, visit_id: str | None) -> Filter:
        visit = self.catalog.visit_by_id.get(visit_id or "") if self.catalog else None
        if visit is not None and flt.authority not in (None, visit.authority):
            flt = replace(flt, authority=visit.authority)
        return replace(flt, visit=visit_id)

    def choose_speaker(self, name: str | None) -> None:
        self.end_run()
        self.change(replace(self.filter, speaker=name))

    def choose_authority(self, authority: str | None) -> None:
        """One council's visits and records (None: every council's); a visit of another
        council is let go, and the notice says so."""
        self.end_run()
        before = self.filter
        self.change(self.fit(replace(before, authority=authority)))
        said = f"Council: {authority or 'every council'}"
        if before.visit and self.filter.visit is None:
            said += f"; visit {before.visit} is another council's, so every visit shows"
        self.notify(f"{said} (u undoes).", timeout=3)

    def apply_view(self, flt: Filter | None, said: str = "") -> None:
        """A filter chosen elsewhere (another screen, a saved view), shown and said."""
        if flt is None:
            return
        self.end_run()
        if self.change(self.fit(flt)):
            self.notify(f"{said or 'Now showing'}: {self.filter.describe()} (u undoes).", timeout=4)
