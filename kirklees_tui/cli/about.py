"""What `--version` says: the program's version, and which store it would open, with the
store's schema version and corpus digest (`store/digest.py`).

Two people comparing notes, or a user and whoever installed a shared store, need to know not
only which program they run but which articles it shows; the digest names those in twelve hex
digits. The store is the one browsing would open (`--db` before `--version`, else
`$KIRKLEES_TUI_DB`, `./db.json`, the shipped copy); one that cannot be read is named with the
reason, and `--version` still succeeds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kirklees_tui import __version__
from kirklees_tui.cli.common import say
from kirklees_tui.store.paths import choose_db, is_shipped, shipped
from kirklees_tui.wording import counted, sources_counted

if TYPE_CHECKING:
    from pathlib import Path

    from kirklees_tui.store.model import StoreData

__all__ = ["show_version", "store_facts", "version_lines"]


def store_facts(store: StoreData) -> str:
    """Schema version, corpus digest and size, as `--version` and `doctor` say them."""
    from kirklees_tui.store.digest import corpus_digest

    return (
        f"schema {store.meta.schema_version}, corpus {corpus_digest(store.sources)} "
        f"({sources_counted(s.kind for s in store.sources)}, {counted(len(store.findings), 'finding')}, "
        f"{counted(len(store.quotes), 'quote')})"
    )


def _named(path: Path) -> str:
    shipped_copy = is_shipped(path) or path == shipped("db.json")  # in a wheel, or a checkout
    return f"{path} (the copy shipped with the program)" if shipped_copy else str(path)


def version_lines(db: str | None) -> list[str]:
    """The program's version, then the store's."""
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.read import load_store

    lines = [f"kirklees-tui, version {__version__}"]
    path = choose_db(db)
    try:
        store = load_store(path, dates=False)
    except StoreError as error:
        lines.append(f"store: not readable: {error}")
    else:
        lines.append(f"store: {_named(path)}: {store_facts(store)}")
    return lines


def show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """`--version`, eager: print and leave before any command runs."""
    if not value or ctx.resilient_parsing:
        return
    for line in version_lines(ctx.params.get("db")):
        say(line)
    ctx.exit()
