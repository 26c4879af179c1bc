"""The command palette (ctrl+p): themes, visits, export, search and help, by name.

Entries are prefixed by their kind (`theme: caseloads`, `visit: 2017-10-monitoring`,
`export: markdown`) and scored by Textual's fuzzy matcher. They act on the main screen, from
whichever screen the palette is opened; the screen is found by what it can do (`Browser`),
so this module imports no screen and the app that lists it imports none through it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from kirklees_tui.query.filter import Filter

if TYPE_CHECKING:
    from kirklees_tui.query.catalog import Catalog  # loaded with the store, after the first frame

__all__ = ["Browser", "KirkleesCommands"]


@runtime_checkable
class Browser(Protocol):
    """What the palette's commands do: the main screen's own actions."""

    catalog: Catalog | None

    def toggle_theme(self, theme_id: str) -> None: ...
    def exclude_named(self, theme_id: str) -> None: ...
    def choose_visit(self, visit_id: str | None) -> None: ...
    def apply_view(self, flt: Filter | None) -> None: ...
    def action_export(self, fmt: str | None = None) -> None: ...
    def action_open_view(self, name: str) -> None: ...
    def action_search(self) -> Awaitable[None]: ...
    def action_toggle_match(self) -> None: ...
    def action_help(self) -> None: ...


class KirkleesCommands(Provider):
    """Everything the main screen can do, by name."""

    def entries(self) -> list[tuple[str, Callable[[], object], str]]:
        """Every command: its name, what it does, and its help line."""
        screen = next((s for s in self.app.screen_stack if isinstance(s, Browser)), None)
        if screen is None or screen.catalog is None:
            return []
        catalog = screen.catalog
        commands: list[tuple[str, Callable[[], object], str]] = []
        for theme in catalog.themes:
            commands.append(
                (
                    f"theme: {theme.id}",
                    partial(screen.toggle_theme, theme.id),
                    f"Toggle {theme.label}: {theme.description}",
                )
            )
            commands.append(
                (
                    f"exclude theme: {theme.id}",
                    partial(screen.exclude_named, theme.id),
                    f"Exclude {theme.label}",
                )
            )
        commands.append(("visit: all visits", partial(screen.choose_visit, None), "Show every visit"))
        for visit in catalog.visits:
            commands.append(
                (
                    f"visit: {visit.id}",
                    partial(screen.choose_visit, visit.id),
                    f"{visit.kind}, {visit.judgement or 'no judgement'}",
                )
            )
        for label, fmt in (("csv", "csv"), ("json", "json"), ("markdown", "md")):
            commands.append(
                (f"export: {label}", partial(screen.action_export, fmt), "Export the current view to a file")
            )
        for view, help_text in (
            ("chronology", "Visits and events in time order"),
            ("grid", "Theme x visit grid of findings by stance"),
            ("people", "Speakers, their roles over time and quotes"),
        ):
            commands.append((f"view: {view}", partial(screen.action_open_view, view), help_text))
        for name in catalog.speakers:
            commands.append(
                (
                    f"speaker: {name}",
                    partial(screen.apply_view, Filter(speaker=name)),
                    f"Only {name}'s quotes",
                )
            )
        commands.append(("search", screen.action_search, "Search the text (literal words)"))
        commands.append(("match: any / all", screen.action_toggle_match, "Switch any/all"))
        commands.append(("help: keys", screen.action_help, "Every key"))
        return commands

    async def discover(self) -> Hits:
        for name, command, help_text in self.entries():
            if not name.startswith("exclude"):
                yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self.entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)
