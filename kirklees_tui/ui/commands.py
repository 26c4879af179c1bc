"""The command palette (ctrl+p): this app's commands first, each with its key, then Textual's.

Entries are prefixed by their kind (`theme: caseloads`, `visit: 2017-10-monitoring`,
`stance: progress`, `view: NAME`) and scored by Textual's fuzzy matcher; a key that does the
same is shown beside the name. They act on the main screen, from whichever screen the palette is
opened; the screen is found by what it can do (`Browser`), so this module imports no screen and
the app that lists it imports none through it. Textual's own commands (its colour "Theme" among
them, not to be confused with a finding's theme) come after, under `textual:`, and rank below
this app's when both match. Names come from articles and files: they are shown as text, never
read as markup.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from kirklees_tui.query.visit_words import judgement_words
from kirklees_tui.sanitize import one_line

if TYPE_CHECKING:
    from kirklees_tui.query.catalog import Catalog  # loaded with the store, after the first frame

__all__ = ["Browser", "Command", "KirkleesCommands"]

TEXTUAL_RANK = 0.5
"""Textual's commands' scores are scaled by this, so this app's rank first."""
_STANCES = {None: "all", "concern": "concerns", "progress": "progress", "strength": "strengths"}


@runtime_checkable
class Browser(Protocol):
    """What the palette's commands do: the main screen's own actions."""

    catalog: Catalog | None

    def toggle_theme(self, theme_id: str) -> None: ...
    def exclude_named(self, theme_id: str) -> None: ...
    def choose_visit(self, visit_id: str | None) -> None: ...
    def choose_speaker(self, name: str | None) -> None: ...
    def choose_authority(self, authority: str | None) -> None: ...
    def set_stance(self, stance: str | None) -> None: ...
    def set_sort(self, sort: str) -> None: ...
    def recall_view(self, name: str) -> None: ...
    def action_export(self, fmt: str | None = None) -> None: ...
    def action_open_view(self, name: str) -> None: ...
    def action_search(self) -> Awaitable[None]: ...
    def action_toggle_match(self) -> None: ...
    def action_undo(self) -> None: ...
    def action_clear_all(self) -> None: ...
    def action_save_view(self) -> None: ...
    def action_command_line(self) -> None: ...
    def action_pick_theme(self) -> None: ...
    def action_pick_authority(self) -> None: ...
    def action_copy(self) -> None: ...
    def action_help(self) -> None: ...


class Command(NamedTuple):
    """One palette entry: its name, what it does, its help line and the key that does it."""

    name: str
    run: Callable[[], object]
    help: str
    key: str = ""
    discover: bool = True
    """Listed before anything is typed (exclusions, speakers, councils only when searched)."""


def _views() -> list[str]:
    from kirklees_tui.query.views import ViewError, view_names

    try:
        return view_names()
    except ViewError:
        return []  # said when one is recalled; the palette itself stays usable


def commands(screen: Browser, catalog: Catalog) -> list[Command]:
    """Every command of this app, in the order the palette lists them."""
    from kirklees_tui.query.catalog import SORTS

    found: list[Command] = [
        Command("search", screen.action_search, "Search the text (literal words)", "/"),
        Command("undo", screen.action_undo, "Back to the filter before the last change", "u"),
        Command("clear all", screen.action_clear_all, "Clear the whole filter", "ctrl+l"),
        Command("themes: pick", screen.action_pick_theme, "Every theme in a list", "t"),
        Command("match: any / all", screen.action_toggle_match, "Any chosen theme, or all of them", "a"),
    ]
    for number, theme in enumerate(catalog.themes, 1):
        key = str(number) if number < 10 else ""
        found.append(
            Command(
                f"theme: {theme.id}",
                partial(screen.toggle_theme, theme.id),
                f"Toggle {theme.label}: {theme.description}",
                key,
            )
        )
        found.append(
            Command(
                f"exclude theme: {theme.id}",
                partial(screen.exclude_named, theme.id),
                f"Exclude {theme.label}",
                "",
            )
        )
    for stance, words in _STANCES.items():
        found.append(
            Command(f"stance: {words}", partial(screen.set_stance, stance), "Findings of one stance", "o")
        )
    for sort in SORTS:
        found.append(Command(f"sort: {sort}", partial(screen.set_sort, sort), "Order the lists", "s"))
    found.append(Command("visit: all visits", partial(screen.choose_visit, None), "Show every visit"))
    many = len(catalog.authorities) > 1
    for visit in catalog.visits:
        council = f"{visit.authority}: " if many else ""
        found.append(
            Command(
                f"visit: {visit.id}",
                partial(screen.choose_visit, visit.id),
                f"{council}{visit.kind}, {judgement_words(visit, short=True)}",
            )
        )
    found.append(Command("council: pick", screen.action_pick_authority, "Every council in a list", "A"))
    found.append(Command("council: all councils", partial(screen.choose_authority, None), "Every council's"))
    for council in catalog.authorities:
        found.append(
            Command(
                f"council: {council}", partial(screen.choose_authority, council), f"Only {council}'s visits"
            )
        )
    found.append(Command("view: save", screen.action_save_view, "Save the filter under a name", "v"))
    found.append(
        Command("view: command line", screen.action_command_line, "The export command, to copy", "V")
    )
    for name in _views():
        found.append(Command(f"view: {name}", partial(screen.recall_view, name), "A saved view"))
    for label, fmt in (("csv", "csv"), ("json", "json"), ("markdown", "md")):
        found.append(
            Command(f"export: {label}", partial(screen.action_export, fmt), "The view to a file", "e")
        )
    found.append(Command("copy", screen.action_copy, "The record under the cursor, with its citation", "y"))
    for name, help_text, key in (
        ("chronology", "Visits and events in time order", "c"),
        ("grid", "Theme x visit grid of findings by stance", "g"),
        ("people", "Speakers, their roles over time and quotes", "p"),
    ):
        found.append(Command(f"screen: {name}", partial(screen.action_open_view, name), help_text, key))
    for name in catalog.speakers:
        found.append(
            Command(
                f"speaker: {name}", partial(screen.choose_speaker, name), f"Only {name}'s quotes", "", False
            )
        )
    found.append(Command("help: keys", screen.action_help, "Every key on this screen", "?"))
    return found


def _display(name: str, key: str, matcher: Matcher | None = None) -> Content:
    """The name as text (never markup), its matched letters marked, and its key."""
    content = Content(name)
    if matcher is not None:
        _, offsets = matcher.fuzzy_search.match(matcher.query, name)
        for offset in offsets:
            if not name[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    if key:
        content = Content.assemble(content, ("  ", ""), (key, "bold dim"))
    return content


class KirkleesCommands(Provider):
    """Everything the main screen can do, by name; then Textual's own commands."""

    def entries(self) -> list[Command]:
        """This app's commands, then Textual's (`textual: ...`)."""
        screen = next((s for s in self.app.screen_stack if isinstance(s, Browser)), None)
        found = [] if screen is None or screen.catalog is None else commands(screen, screen.catalog)
        # Names and help lines carry council names from PDFs and the record: Textual reads a
        # hit's help as markup, so ours is escaped ("[/]" in a name is text, not a tag).
        found = [c._replace(name=one_line(c.name), help=escape(one_line(c.help))) for c in found]
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            label = "colour theme (Textual's)" if name == "Theme" else name.lower()
            found.append(Command(f"textual: {label}", callback, help_text, "", discover))
        return found

    async def startup(self) -> None:
        """The commands, built once when the palette opens, not on every key typed (a national
        store has some 500 visits and 150 councils to list; saved views are read from disk)."""
        self._listed = self.entries()

    def _commands(self) -> list[Command]:
        listed: list[Command] | None = getattr(self, "_listed", None)
        return listed if listed is not None else self.entries()

    async def discover(self) -> Hits:
        for command in self._commands():
            if command.discover and not command.name.startswith("exclude"):
                yield DiscoveryHit(
                    _display(command.name, command.key), command.run, command.name, command.help
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                if command.name.startswith("textual: "):
                    score *= TEXTUAL_RANK
                display = _display(command.name, command.key, matcher)
                yield Hit(score, display, command.run, command.name, command.help)
