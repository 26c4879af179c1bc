"""Commands that write a store: build, import, check (which reads it as a writer would) and
restore. Each refuses the shipped copy, writes through the one writer and keeps backups."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kirklees_tui.cli.common import DB_HELP, keep_backups_option, say, store_to_write
from kirklees_tui.exits import fail
from kirklees_tui.store.paths import choose_db
from kirklees_tui.wording import counted

__all__ = ["build", "check", "import_", "restore"]


@click.command()
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
        f"visits, {counted(len(store.findings), 'finding')}, "
        f"{counted(len(store.quotes), 'quote')}, "
        f"{len(store.people)} people",
        err=path is None,
    )


@click.command(name="import")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--db", metavar="PATH", help="Store to add to (default as for browsing; never the shipped copy)."
)
@click.option(
    "--published",
    metavar="DATE",
    help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) for files without a Date: header.",
)
@click.option(
    "--record",
    metavar="CSV",
    type=click.Path(path_type=Path),
    help="The national record of published reports: every council's inspections as visits.",
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
    record: Path | None,
    dry_run: bool,
    force: bool,
    explain: bool,
    keep_backups: int,
) -> None:
    """Add articles, Ofsted's report PDFs and the national record (--record) to a store: exit 0
    all added, 1 some skipped (duplicates, unreadable rows), 2 nothing written."""
    from kirklees_tui.extract.dates import parse_partial
    from kirklees_tui.extract.importer import ImportRefused, import_files
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.integrity import date_problem
    from kirklees_tui.store.paths import is_shipped

    if not files and record is None:
        fail("nothing to import: give article or report files, or --record CSV")
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
        with _progress(files) as progress:
            outcomes = import_files(path, list(files), date, force, dry_run, keep_backups, record, progress)
    except (ImportRefused, StoreError) as error:
        fail(str(error))
    for outcome in outcomes:
        say(outcome.describe(dry_run), err=outcome.status not in ("added", "unchanged"))
        for note in outcome.notes:
            say(f"  {note}", err=True)
        if explain:
            for line in outcome.explained:
                say(line)
    if dry_run:
        say("dry run: nothing was written")
    if any(o.status not in ("added", "unchanged") or (o.kind == "record" and o.notes) for o in outcomes):
        sys.exit(1)


@contextmanager
def _progress(files: tuple[Path, ...]) -> Iterator[Callable[[Path], None]]:
    """A progress bar on the terminal while a batch is read (a report takes about a second);
    nothing when standard error is not a terminal, or for a file or two."""
    if len(files) < 3 or not sys.stderr.isatty():
        yield lambda path: None
        return
    with click.progressbar(length=len(files), label="reading", file=sys.stderr) as bar:
        yield lambda path: bar.update(1)


@click.command()
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
    say(f"{path}: sound ({counted(len(store.findings), 'finding')}, {counted(len(store.quotes), 'quote')})")


@click.command()
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
        f"restored {path} from {source.name} ({counted(len(store.findings), 'finding')}, "
        f"{counted(len(store.quotes), 'quote')}); the version it replaced is {kept}"
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
    return (
        f"{when}  {info.st_size} bytes  {counted(len(store.findings), 'finding')}, "
        f"{counted(len(store.quotes), 'quote')}"
    )
