"""Records as CSV, JSON or Markdown, each row with its citation.

The JSON shape is a documented contract (README, "Export JSON"): findings carry id, visit_id,
text, themes, stance, source_id, start, end and citation; quotes add speaker and role; visits
carry id, kind, start, end, judgement, inspectors and counts.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Final, Literal

import msgspec
import orjson

from kirklees_tui.query.catalog import Catalog, cited
from kirklees_tui.query.checked import CHECK_MARKS
from kirklees_tui.query.filter import Filter
from kirklees_tui.query.stances import STANCE_MARKS
from kirklees_tui.query.visit_words import visit_fields
from kirklees_tui.sanitize import clean, one_line
from kirklees_tui.store.model import Finding, Quote
from kirklees_tui.wording import counted

__all__ = ["FORMATS", "Format", "Records", "export_rows", "render"]

Format = Literal["csv", "json", "md"]
Records = Literal["visits", "findings", "quotes"]
FORMATS: Final = ("csv", "json", "md")


def _finding(catalog: Catalog, record: Finding) -> dict[str, Any]:
    return {
        "id": record.id,
        "visit_id": record.visit_id,
        "text": record.text,
        "themes": list(record.themes),
        "stance": record.stance,
        "section": record.section,
        "source_id": record.source_id,
        "start": record.start,
        "end": record.end,
        "citation": cited(catalog.sources[record.source_id], record.start),
    }


def _quote(catalog: Catalog, record: Quote) -> dict[str, Any]:
    return {
        "id": record.id,
        "visit_id": record.visit_id,
        "text": record.text,
        "themes": list(record.themes),
        "speaker": record.speaker,
        "role": record.role,
        "speaker_kind": record.speaker_kind,
        "kind": record.kind,
        "source_id": record.source_id,
        "start": record.start,
        "end": record.end,
        "citation": cited(catalog.sources[record.source_id], record.start),
        "check": _check(record),
    }


_NO_CHECK: Final = dict.fromkeys(("status", "source_id", "start", "end", "page", "difference"))


def _check(record: Quote) -> dict[str, Any]:
    """A quotation's check against the reports; every field None when it has none."""
    if record.check is None:
        return dict(_NO_CHECK)
    return msgspec.to_builtins(record.check)  # type: ignore[no-any-return]


def export_rows(catalog: Catalog, records: Records, flt: Filter, sort: str = "date") -> list[dict[str, Any]]:
    """The selected records as plain dicts, in the sort's order (visits in time order)."""
    if records == "visits":
        counts = catalog.visit_counts(flt)
        visits = sorted(catalog.visits_of(flt.authority), key=lambda v: (v.start, v.end, v.id))
        return [
            {
                **visit_fields(v),
                "counts": {"findings": counts[v.id][0], "quotes": counts[v.id][1]},
            }
            for v in visits
            if flt.visit is None or v.id == flt.visit
        ]
    if records == "findings":
        return [_finding(catalog, catalog.findings[i]) for i in catalog.select("findings", flt, sort)]
    return [_quote(catalog, catalog.quotes[i]) for i in catalog.select("quotes", flt, sort)]


# Every column of a CSV export, in order: an empty export still has its header row. Columns
# are only ever appended, so a sheet that reads them by position keeps working (schema 3's
# after the first ones).
_CITED: Final = (
    "source_id",
    "start",
    "end",
    "citation_publisher",
    "citation_title",
    "citation_date",
    "citation_paragraph",
    "citation_source_id",
)
"""A finding's or a quotation's place in its source, in the order of schema 2's columns."""
_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "visits": (
        "id",
        "authority",
        "kind",
        "start",
        "end",
        "judgement",
        "inspectors",
        "provisional",
        "basis",
        "counts_findings",
        "counts_quotes",
        "grades",
        "framework",
        "record",
        "report_id",
        "published",
        "address",
        "conflicts",
    ),
    "findings": (
        "id",
        "visit_id",
        "text",
        "themes",
        "stance",
        *_CITED,
        "section",
        "citation_page",
    ),
    "quotes": (
        "id",
        "visit_id",
        "text",
        "themes",
        "speaker",
        "role",
        "speaker_kind",
        "kind",
        *_CITED,
        "citation_page",
        "check_status",
        "check_source_id",
        "check_start",
        "check_end",
        "check_page",
        "check_difference",
    ),
}


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if key == "grades":  # judgement areas vary by framework: one cell, "area: grade; ..."
            flat[key] = "; ".join(f"{area}: {grade}" for area, grade in value.items())
        elif isinstance(value, dict):
            flat.update({f"{key}_{k}": v for k, v in value.items()})
        elif isinstance(value, list):
            flat[key] = "; ".join(value)
        elif isinstance(value, bool):
            flat[key] = "true" if value else "false"  # as JSON spells them
        else:
            flat[key] = "" if value is None else value
    return flat


def _md_escape(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|")


def _markdown(records: Records, rows: list[dict[str, Any]], flt: Filter, councils: tuple[str, ...]) -> str:
    """A Markdown list (a table for visits), titled by the council it is about."""
    about = flt.authority or (councils[0] if len(councils) == 1 else None)
    title = f"{_md_escape(about)} inspections" if about else f"Inspections of {len(councils)} councils"
    lines = [
        f"# {title}: {records}",
        "",
        f"Filter: {flt.describe()}. {counted(len(rows), records.removesuffix('s'))}.",
        "",
    ]
    if records == "visits":
        lines += [
            "| visit | council | kind | start | judgement | inspectors | findings | quotes |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in rows:
            kind = r["kind"] + (" (provisional)" if r["provisional"] else "")
            lines.append(
                f"| {r['id']} | {_md_escape(r['authority'])} | {kind} | {r['start']} | "
                f"{r['judgement'] or '—'} | "
                f"{_md_escape(', '.join(r['inspectors'])) or '—'} | "
                f"{r['counts']['findings']} | {r['counts']['quotes']} |"
            )
        return "\n".join(lines) + "\n"
    for r in rows:
        c = r["citation"]
        if records == "quotes":
            role = f" ({r['role']})" if r["role"] else ""
            status = r["check"]["status"]
            mark = f"{CHECK_MARKS[status]} " if status else ""
            lead = f"{mark}{r['speaker'] or 'unattributed'}{role}: "
        else:
            lead = f"{STANCE_MARKS[r['stance']]} {r['stance']}: "
        tags = ", ".join(r["themes"]) or "no theme"
        lines.append(f"- {_md_escape(lead + r['text'])}  ")
        lines.append(
            f"  *{r['visit_id'] or 'no visit'} · {tags}* — {_md_escape(c['publisher'])}, "
            f"“{_md_escape(c['title'])}”, {c['date']}, "
            + (f"page {c['page']}" if c["page"] else f"paragraph {c['paragraph']}")
        )
        difference = r["check"]["difference"] if records == "quotes" else None
        if difference:
            said = "the report's words differ" if r["check"]["status"] == "altered" else "not borne out"
            lines.append(f"  *{said}: {_md_escape(difference)}*")
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> Any:
    """A CSV cell: control characters replaced (article text is untrusted), and a leading
    = + - @ defused so a spreadsheet does not run it as a formula (as OWASP advises)."""
    if not isinstance(value, str):
        return value
    value = clean(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def _cleaned(value: Any) -> Any:
    """Strings with control and bidirectional-override characters taken out, everywhere."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    return value


def render(catalog: Catalog, records: Records, flt: Filter, fmt: Format, sort: str = "date") -> str:
    """The export as text in the chosen format."""
    rows = export_rows(catalog, records, flt, sort)
    if fmt == "json":
        return orjson.dumps(_cleaned(rows), option=orjson.OPT_INDENT_2).decode() + "\n"
    if fmt == "md":
        return _markdown(records, rows, flt, catalog.authorities)
    out = io.StringIO()
    flat = [_flat(r) for r in rows]
    writer = csv.DictWriter(out, fieldnames=_COLUMNS[records], lineterminator="\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()
