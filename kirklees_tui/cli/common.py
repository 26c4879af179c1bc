"""What every command shares: options, printing, writing `--out`, opening a store, and a
filter made from options (refusing ids the store does not have)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

from kirklees_tui.exits import fail
from kirklees_tui.store.paths import choose_db

if TYPE_CHECKING:
    from kirklees_tui.query.catalog import Catalog
    from kirklees_tui.query.filter import Filter

__all__ = [
    "AUTHORITY_OPTION",
    "DB_HELP",
    "FORCE_HELP",
    "OUT_HELP",
    "STANCE_OPTION",
    "VIEW_OPTION",
    "emit",
    "keep_backups_option",
    "make_filter",
    "open_catalog",
    "saved_view",
    "say",
    "store_to_write",
]

DB_HELP = "Store to read (default: $KIRKLEES_TUI_DB, ./db.json, else the shipped copy)."
OUT_HELP = "Write here instead of standard output (- is standard output)."
FORCE_HELP = "Replace the file at --out if there is one (never a link, FIFO, device or folder)."
KEEP_HELP = "Generations of the store kept as backups (db.json.bak, db.json.bak.1, ...)."
keep_backups_option = click.option(
    "--keep-backups", type=click.IntRange(0, 99), default=3, show_default=True, metavar="N", help=KEEP_HELP
)


def say(text: str, err: bool = False, nl: bool = True) -> None:
    """Print text that may hold article text, stored text or file names: cleaned as the
    browser cleans it (no control, escape, bidirectional or zero-width characters)."""
    from kirklees_tui.sanitize import clean

    click.echo(clean(text), nl=nl, err=err)


def emit(text: str, out: str | None, force: bool) -> None:
    """Print `text` (`--out -` too), or write it to `out` through the one writer: a new name,
    or with `force` an existing regular file; a one-line error if it cannot be."""
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.write import Exists, write_file

    if out is None or out == "-":
        say(text, nl=False)
        return
    if not out:
        fail("--out: an empty path; give a file name, or - for standard output")
    try:
        write_file(Path(out), text.encode("utf-8"), replace=force)
    except Exists as error:
        fail(f"{error}; --force replaces it")
    except StoreError as error:
        fail(str(error))


def store_to_write(path: Path) -> Path:
    """The store file a write goes to: a path through a symbolic link is resolved once, and
    the write goes to its target, saying so (never a new file beside the link)."""
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.write import store_target

    try:
        target = store_target(path)
    except StoreError as error:
        fail(str(error))
    if target != path:
        say(f"{path} is reached through a symbolic link: writing to its target {target}", err=True)
    return target


def open_catalog(db: str | None) -> Catalog:
    """Load a store read-only and index it, or exit 2 with the reason."""
    from kirklees_tui.query.catalog import Catalog
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.read import load_store

    try:
        return Catalog(load_store(choose_db(db)))
    except StoreError as error:
        fail(str(error))


LISTED: Final = 20
"""Up to this many known names are listed after an unknown one; beyond, the closest few."""


def _unknown(kind: str, given: str, known: Iterable[str]) -> str:
    """One line for a name the store does not have: every known one when few, else the
    nearest spellings (a national store has hundreds of visits)."""
    names = list(known)
    if len(names) <= LISTED:
        return f"no {kind} {given!r}; known: {', '.join(names)}"
    close = difflib.get_close_matches(given, names, n=5, cutoff=0.5)
    nearest = f"nearest: {', '.join(close)}; " if close else ""
    return f"no {kind} {given!r}; {nearest}{len(names)} in all"


def make_filter(
    catalog: Catalog,
    themes: tuple[str, ...],
    match: str = "any",
    exclude: tuple[str, ...] = (),
    words: str = "",
    visit: str | None = None,
    speaker: str | None = None,
    stance: str | None = None,
    authority: str | None = None,
    view: str | None = None,
) -> Filter:
    """A filter from options (over a saved view's, if one is named), refusing ids the store
    does not have."""
    from kirklees_tui.query.filter import Filter

    base = saved_view(view) if view else Filter()
    themes = (*base.themes, *themes)
    exclude = (*base.exclude, *exclude)
    match = match if match != "any" else base.match
    words, visit = words or base.words, visit or base.visit
    speaker, stance = speaker or base.speaker, stance or base.stance
    authority = authority or base.authority
    if authority is not None:
        named = next((a for a in catalog.authorities if a.casefold() == authority.casefold()), None)
        if named is None:
            fail(_unknown("council", authority, catalog.authorities))
        authority = named
    for theme in (*themes, *exclude):
        if theme not in catalog.theme_ids:
            fail(_unknown("theme", theme, catalog.theme_ids))
    if visit is not None and visit not in catalog.visit_by_id:
        fail(_unknown("visit", visit, catalog.visit_by_id))
    if speaker is not None:
        named = catalog.speaker_named(speaker)
        if named is None:
            fail(_unknown("speaker", speaker, catalog.speakers))
        speaker = named
    return Filter(
        frozenset(themes),
        "all" if match == "all" else "any",
        frozenset(exclude),
        words,
        visit,
        speaker,
        stance,
        authority,
    )


def saved_view(name: str) -> Filter:
    """A saved view's filter, or exit 2 naming the views there are."""
    from kirklees_tui.query.views import ViewError, load_view

    try:
        return load_view(name)
    except ViewError as error:
        fail(str(error))


STANCE_OPTION = click.option(
    "--stance", type=click.Choice(["concern", "progress", "strength"]), help="Only findings of this stance."
)
AUTHORITY_OPTION = click.option(
    "--authority", metavar="COUNCIL", help="Only this council's visits and records."
)
VIEW_OPTION = click.option("--view", metavar="NAME", help="Start from a saved view's filter.")
