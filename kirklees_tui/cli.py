"""The command line: browse (the default), build, check, export and themes.

Errors are one line on stderr and a non-zero exit: 2 for unusable input (a missing or broken
store, a bad corpus, a bad option), 1 for `check` finding problems. Heavy modules (Textual, the
extractor) are imported only by the commands that need them, so every command starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kirklees_tui import __version__
from kirklees_tui.exits import fail
from kirklees_tui.store.paths import choose_db

if TYPE_CHECKING:
    from kirklees_tui.query.catalog import Catalog
    from kirklees_tui.query.filter import Filter

__all__ = ["cli"]

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


def make_filter(
    catalog: Catalog,
    themes: tuple[str, ...],
    match: str = "any",
    exclude: tuple[str, ...] = (),
    words: str = "",
    visit: str | None = None,
    speaker: str | None = None,
) -> Filter:
    """A filter from options, refusing ids the store does not have."""
    from kirklees_tui.query.filter import Filter

    for theme in (*themes, *exclude):
        if theme not in catalog.theme_ids:
            fail(f"no theme {theme!r}; known: {', '.join(catalog.theme_ids)}")
    if visit is not None and visit not in catalog.visit_by_id:
        fail(f"no visit {visit!r}; known: {', '.join(catalog.visit_by_id)}")
    if speaker is not None:
        named = catalog.speaker_named(speaker)
        if named is None:
            fail(f"no speaker {speaker!r}; known: {', '.join(catalog.speakers)}")
        speaker = named
    return Filter(
        frozenset(themes), "all" if match == "all" else "any", frozenset(exclude), words, visit, speaker
    )


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH", help=DB_HELP)
@click.option("--theme", "themes", multiple=True, metavar="ID", help="Open filtered to a theme.")
@click.option("--search", default="", metavar="WORDS", help="Open with these words searched.")
@click.option("--speaker", metavar="NAME", help="Open on one speaker's quotes (name or alias).")
@click.option("--no-mouse", is_flag=True, help="Do not turn on mouse reporting.")
@click.version_option(__version__, prog_name="kirklees-tui")
@click.pass_context
def cli(
    ctx: click.Context,
    db: str | None,
    themes: tuple[str, ...],
    search: str,
    speaker: str | None,
    no_mouse: bool,
) -> None:
    """Browse what Ofsted's inspectors found in Kirklees children's services."""
    if ctx.invoked_subcommand is None:
        from kirklees_tui.ui.launch import open_browser

        open_browser(db, themes, search, speaker, mouse=not no_mouse)


@cli.command()
@click.option(
    "--corpus",
    default="corpus",
    show_default=True,
    metavar="DIR",
    help="Folder of articles (*.txt) with visits.toml and sources.toml.",
)
@click.option(
    "--out",
    default="db.json",
    show_default=True,
    metavar="PATH",
    help="Store to write (- is standard output).",
)
@click.option("--themes", "themes_file", metavar="PATH", help="Theme patterns (TOML).")
@click.option(
    "--force",
    is_flag=True,
    help="Replace the store at --out if there is one (replaced atomically; the old one kept as a backup).",
)
@keep_backups_option
def build(corpus: str, out: str, themes_file: str | None, force: bool, keep_backups: int) -> None:
    """Rebuild a store from a corpus, deterministically."""
    import os

    from kirklees_tui.extract.build import CorpusError, build_corpus
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.model import store_to_tables
    from kirklees_tui.store.paths import is_shipped
    from kirklees_tui.store.update import dump_tables, write_store
    from kirklees_tui.store.write import Exists, check_writable

    if not out:
        fail("--out: an empty path; give a file name, or - for standard output")
    path = None if out == "-" else store_to_write(Path(out))
    if path is not None and is_shipped(path):
        fail(f"{path}: the copy shipped with the program is read-only; give --out PATH")
    try:
        if path is not None:  # refused before the build, not after it
            check_writable(path, must_exist=False)
            if os.path.lexists(path) and not force:
                raise Exists(f"{path}: already exists; --force replaces it (kept as a backup)")
        store = build_corpus(Path(corpus), Path(themes_file) if themes_file else None)
        if path is None:
            sys.stdout.buffer.write(dump_tables(store_to_tables(store)))
        else:
            write_store(path, store, keep_backups, replace=force)
    except (CorpusError, StoreError, ValueError, OSError) as error:
        fail(str(error))
    say(
        f"built {path or 'standard output'}: {len(store.sources)} sources, {len(store.visits)} "
        f"visits, {len(store.findings)} findings, {len(store.quotes)} quotes, "
        f"{len(store.people)} people",
        err=path is None,
    )


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--db", metavar="PATH", help="Store to add to (default as for browsing; never the shipped copy)."
)
@click.option(
    "--published",
    metavar="DATE",
    help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) for files without a Date: header.",
)
@click.option("--dry-run", is_flag=True, help="Print what would be added; change nothing.")
@click.option("--force", is_flag=True, help="Add near-duplicates of stored articles anyway.")
@click.option(
    "--explain",
    is_flag=True,
    help="Under each article, print its visit and each "
    "quotation's speaker with the rule and words that decided it.",
)
@keep_backups_option
def import_(
    files: tuple[Path, ...],
    db: str | None,
    published: str | None,
    dry_run: bool,
    force: bool,
    explain: bool,
    keep_backups: int,
) -> None:
    """Add articles to a store: exit 0 all added, 1 some skipped as duplicates, 2 nothing written."""
    from kirklees_tui.extract.dates import parse_partial
    from kirklees_tui.extract.importer import ImportRefused, import_files
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.integrity import date_problem
    from kirklees_tui.store.paths import is_shipped

    path = choose_db(db)
    if is_shipped(path) and not dry_run:
        fail(f"{path}: the copy shipped with the program is read-only; give --db PATH")
    if published and (problem := date_problem(published.strip())):
        fail(f"--published: {problem}")
    try:
        date = parse_partial(published) if published else None
    except ValueError as error:  # pragma: no cover - date_problem refuses these first
        fail(f"--published: {error}")
    if not dry_run:
        path = store_to_write(path)
    try:
        outcomes = import_files(path, list(files), date, force, dry_run, keep_backups)
    except (ImportRefused, StoreError) as error:
        fail(str(error))
    for outcome in outcomes:
        say(outcome.describe(dry_run), err=outcome.status != "added")
        if explain:
            for line in outcome.explained:
                say(line)
    if dry_run:
        say("dry run: nothing was written")
    if any(o.status != "added" for o in outcomes):
        sys.exit(1)


@cli.command()
@click.option("--db", metavar="PATH", help=DB_HELP)
def check(db: str | None) -> None:
    """Check schema and provenance: exit 0 sound, 1 problems, 2 unusable."""
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.integrity import problems
    from kirklees_tui.store.read import load_store

    path = choose_db(db)
    try:
        store = load_store(path, dates=False)  # bad dates are problems listed below
    except StoreError as error:
        fail(str(error))
    found = problems(store)
    for line in found:
        say(f"{path}: {line}")
    if found:
        sys.exit(1)
    say(f"{path}: sound ({len(store.findings)} findings, {len(store.quotes)} quotes)")


@cli.command()
@click.option("--db", metavar="PATH", help=DB_HELP)
@click.option("--theme", "themes", multiple=True, metavar="ID")
@click.option("--match", type=click.Choice(["any", "all"]), default="any", show_default=True)
@click.option("--exclude", multiple=True, metavar="ID")
@click.option("--search", default="", metavar="WORDS", help="Every word must occur (literal).")
@click.option("--visit", metavar="ID")
@click.option("--speaker", metavar="NAME", help="Only this speaker's quotes (name or alias).")
@click.option(
    "--records", type=click.Choice(["visits", "findings", "quotes"]), default="findings", show_default=True
)
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "md"]), default="csv", show_default=True)
@click.option("--out", metavar="PATH", help=OUT_HELP)
@click.option("--force", is_flag=True, help=FORCE_HELP)
def export(
    db: str | None,
    themes: tuple[str, ...],
    match: str,
    exclude: tuple[str, ...],
    search: str,
    visit: str | None,
    speaker: str | None,
    records: str,
    fmt: str,
    out: str | None,
    force: bool,
) -> None:
    """Export visits, findings or quotes, filtered, each with its citation."""
    from kirklees_tui.query.export import render

    catalog = open_catalog(db)
    flt = make_filter(catalog, themes, match, exclude, search, visit, speaker)
    text = render(catalog, records, flt, fmt)  # type: ignore[arg-type]
    emit(text, out, force)


@cli.command()
@click.option("--db", metavar="PATH", help=DB_HELP)
@click.option("--theme", "themes", multiple=True, metavar="ID", help="Grid rows for these themes only.")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--out", metavar="PATH", help=OUT_HELP)
@click.option("--force", is_flag=True, help=FORCE_HELP)
def timeline(db: str | None, themes: tuple[str, ...], fmt: str, out: str | None, force: bool) -> None:
    """The chronology (visits and events), the theme x visit grid and the people, cited."""
    from kirklees_tui.query.chronology import timeline_json, timeline_markdown

    catalog = open_catalog(db)
    make_filter(catalog, themes)  # refuses unknown theme ids
    text = (timeline_json if fmt == "json" else timeline_markdown)(catalog, themes)
    emit(text, out, force)


@cli.command()
@click.option("--db", metavar="PATH", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def themes(db: str | None, fmt: str) -> None:
    """The themes, with counts of findings per visit."""
    import orjson

    from kirklees_tui.query.filter import Filter

    catalog = open_catalog(db)
    visits = [v.id for v in catalog.visits]
    grid: dict[str, dict[str, int]] = {}
    for theme in catalog.theme_ids:
        counts = catalog.visit_counts(Filter(themes=frozenset({theme})))
        grid[theme] = {v: counts[v][0] for v in visits}
    if fmt == "json":
        payload = {
            "visits": visits,
            "themes": [
                {"id": t.id, "label": t.label, "counts": grid[t.id], "total": sum(grid[t.id].values())}
                for t in catalog.themes
            ],
        }
        say(orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode())
        return
    width = max(len(t) for t in catalog.theme_ids) if catalog.theme_ids else 5
    heads = [v[:10] for v in visits]
    say(f"{'theme':<{width}}  " + "  ".join(f"{h:>10}" for h in heads) + "  total")
    for theme in catalog.theme_ids:
        row = grid[theme]
        say(f"{theme:<{width}}  " + "  ".join(f"{row[v]:>10}" for v in visits) + f"  {sum(row.values()):>5}")


@cli.command()
@click.argument("generation", type=click.IntRange(1, 100), default=1, required=False)
@click.option("--db", metavar="PATH", help="Store to restore (default as for browsing).")
@click.option("--list", "list_only", is_flag=True, help="List the backups; change nothing.")
@keep_backups_option
def restore(generation: int, db: str | None, list_only: bool, keep_backups: int) -> None:
    """Put back a backup of the store (GENERATION 1, the default, is the newest: db.json.bak);
    the version it replaces becomes the newest backup."""
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.paths import is_shipped
    from kirklees_tui.store.update import backups, restore_backup
    from kirklees_tui.store.write import store_target

    path = choose_db(db)
    if list_only:
        try:
            path = store_target(path)
        except StoreError as error:
            fail(str(error))
        found = backups(path)
        for number, backup in found:
            say(f"{number}  {backup}  {_described(backup)}")
        if not found:
            say(f"{path}: no backups")
        return
    if is_shipped(path):
        fail(f"{path}: the copy shipped with the program is read-only; give --db PATH")
    path = store_to_write(path)
    try:
        source, store = restore_backup(path, generation, keep_backups)
    except StoreError as error:
        fail(str(error))
    kept = f"now {path.name}.bak" if keep_backups else "not kept (--keep-backups 0)"
    say(
        f"restored {path} from {source.name} ({len(store.findings)} findings, "
        f"{len(store.quotes)} quotes); the version it replaced is {kept}"
    )


def _described(backup: Path) -> str:
    """A backup's date, size and content, or why it is not a sound store."""
    import datetime

    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.read import load_store

    try:
        info = backup.stat()
        store = load_store(backup)
    except (OSError, StoreError) as error:
        return f"not a sound store: {error}"
    when = datetime.datetime.fromtimestamp(info.st_mtime).isoformat(" ", "minutes")
    return f"{when}  {info.st_size} bytes  {len(store.findings)} findings, {len(store.quotes)} quotes"
