"""Commands that read a store and print what the browser shows: export, timeline, themes."""

from __future__ import annotations

from collections.abc import Sequence

import click

from kirklees_tui.cli.common import (
    AUTHORITY_OPTION,
    DB_HELP,
    FORCE_HELP,
    OUT_HELP,
    STANCE_OPTION,
    VIEW_OPTION,
    emit,
    make_filter,
    open_catalog,
    say,
)
from kirklees_tui.query.catalog import citation_of
from kirklees_tui.store.model import Visit
from kirklees_tui.wording import counted, possessive

__all__ = ["export", "themes", "timeline", "verify"]


@click.command()
@click.option("--db", metavar="PATH", help=DB_HELP)
@click.option("--theme", "themes", multiple=True, metavar="ID")
@click.option("--match", type=click.Choice(["any", "all"]), default="any", show_default=True)
@click.option("--exclude", multiple=True, metavar="ID")
@click.option("--search", default="", metavar="WORDS", help="Every word must occur (literal).")
@click.option("--visit", metavar="ID")
@click.option("--speaker", metavar="NAME", help="Only this speaker's quotes (name or alias).")
@STANCE_OPTION
@AUTHORITY_OPTION
@VIEW_OPTION
@click.option(
    "--records", type=click.Choice(["visits", "findings", "quotes"]), default="findings", show_default=True
)
@click.option(
    "--sort",
    type=click.Choice(["date", "visit", "stance", "speaker", "article"]),
    default="date",
    show_default=True,
    help="Order of the records.",
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
    stance: str | None,
    authority: str | None,
    view: str | None,
    records: str,
    sort: str,
    fmt: str,
    out: str | None,
    force: bool,
) -> None:
    """Export visits, findings or quotes, filtered, each with its citation."""
    from kirklees_tui.query.export import export_rows, render

    catalog = open_catalog(db)
    flt = make_filter(catalog, themes, match, exclude, search, visit, speaker, stance, authority, view)
    text = render(catalog, records, flt, fmt, sort)  # type: ignore[arg-type]
    emit(text, out, force)
    if out not in (None, "-"):
        rows = len(export_rows(catalog, records, flt, sort))  # type: ignore[arg-type]
        say(f"{out}: {counted(rows, records.removesuffix('s'))}", err=True)


@click.command()
@click.option("--db", metavar="PATH", help=DB_HELP)
@click.option("--theme", "themes", multiple=True, metavar="ID", help="Grid rows for these themes only.")
@click.option(
    "--authority",
    metavar="COUNCIL|all",
    help="One council's chronology, or every council's (default: the store's main council in "
    "Markdown; every council in JSON, whose visits each name theirs).",
)
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--out", metavar="PATH", help=OUT_HELP)
@click.option("--force", is_flag=True, help=FORCE_HELP)
def timeline(
    db: str | None, themes: tuple[str, ...], authority: str | None, fmt: str, out: str | None, force: bool
) -> None:
    """The chronology (visits and events), the theme x visit grid and the people, cited: of
    one council, as the browser's chronology is."""
    from kirklees_tui.query.chronology import timeline_json, timeline_markdown

    catalog = open_catalog(db)
    every = (authority is not None and authority.casefold() == "all") or (authority is None and fmt == "json")
    flt = make_filter(catalog, themes, authority=None if every else authority)  # refuses unknown names
    council = None if every else flt.authority or catalog.main_authority
    text = (timeline_json if fmt == "json" else timeline_markdown)(catalog, themes, council)
    emit(text, out, force)


@click.command()
@click.option("--db", metavar="PATH", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def themes(db: str | None, fmt: str) -> None:
    """The themes, with counts of findings per visit."""
    import orjson

    from kirklees_tui.query.filter import Filter

    catalog = open_catalog(db)
    visits = [v.id for v in sorted(catalog.visits, key=lambda v: (v.start, v.id))]
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
    width = max((len(t) for t in catalog.theme_ids), default=5)
    columns = {v: max(len(v), 5) for v in visits}  # whole visit ids, never cut
    say(f"{'theme':<{width}}  " + "  ".join(f"{v:>{columns[v]}}" for v in visits) + "  total")
    for theme in catalog.theme_ids:
        row = grid[theme]
        say(
            f"{theme:<{width}}  "
            + "  ".join(f"{row[v]:>{columns[v]}}" for v in visits)
            + f"  {sum(row.values()):>5}"
        )


def _looked_in(words: str, visit: Visit | None, visits: Sequence[Visit]) -> str:
    """Where a quotation that is not borne out was looked for, in words."""
    from kirklees_tui.extract.checks import FALLBACK_WORDS
    from kirklees_tui.sanitize import one_line

    if visit is None:
        return "no visit, so no report to look in"
    council = possessive(one_line(visit.authority))
    own = "not in the report of its visit" if visit.report_id else "no report of its visit in the store"
    count = sum(1 for v in visits if v.authority == visit.authority and v.report_id and v.id != visit.id)
    others = counted(count, "other report")
    if not count:
        return f"{own}, nor any other of {council}"
    if len(words.split()) < FALLBACK_WORDS:
        return f"{own}; under {FALLBACK_WORDS} words, not looked for in {council} {others}"
    return f"{own}; not in {council} {others} either"


@click.command()
@click.option("--db", metavar="PATH", help=DB_HELP)
@click.option("--all", "show_all", is_flag=True, help="List verified quotations too.")
def verify(db: str | None, show_all: bool) -> None:
    """Quotations of Ofsted against Ofsted's reports: each altered or unverified one with
    both texts and citations, then a count of each status."""
    from collections import Counter

    from kirklees_tui.sanitize import one_line
    from kirklees_tui.store.model import CHECK_STATUSES

    catalog = open_catalog(db)
    checked = [q for q in catalog.quotes if q.check is not None]
    for quote in checked:
        check = quote.check
        assert check is not None
        if check.status == "verified" and not show_all:
            continue
        visit = catalog.visit_by_id.get(quote.visit_id or "")
        say(f"{quote.id} {check.status}: {quote.speaker or 'unattributed'}, visit {quote.visit_id or 'none'}")
        say(f"  article: “{one_line(quote.text)}” — {catalog.citation(quote)}")
        if check.source_id is not None and check.start is not None and check.end is not None:
            report = catalog.sources[check.source_id]
            words = one_line(report.text[check.start : check.end])
            say(f"  report:  “{words}” — {citation_of(report, check.start)}")
        if check.difference:
            say(f"  {'difference' if check.status == 'altered' else 'why'}: {check.difference}")
        elif check.status in ("not found", "no report"):
            say(f"  {_looked_in(quote.text, visit, catalog.visits)}")
    tally = Counter(q.check.status for q in checked if q.check is not None)
    say(
        f"{counted(len(checked), 'quotation')} of Ofsted or an inspector: "
        + ", ".join(f"{tally[status]} {status}" for status in CHECK_STATUSES)
    )
