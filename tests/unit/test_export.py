"""Exports: the documented JSON contract, CSV and Markdown, each row with its citation."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from kirklees_tui.cli import cli


def _run(store_path: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["export", "--db", str(store_path), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_findings_json_contract(store_path: Path) -> None:
    rows = json.loads(_run(store_path, "--theme", "caseloads", "--format", "json"))
    assert rows
    for row in rows:
        assert set(row) == {
            "id",
            "visit_id",
            "text",
            "themes",
            "stance",
            "section",
            "source_id",
            "start",
            "end",
            "citation",
        }
        assert "caseloads" in row["themes"]
        assert set(row["citation"]) >= {"publisher", "title", "date", "paragraph", "page"}
        assert row["citation"]["paragraph"] >= 1
        report = row["citation"]["page"] is not None  # a report is cited by its page too
        assert report == (row["section"] is not None)


def test_quotes_json_adds_speaker_and_role(store_path: Path) -> None:
    rows = json.loads(_run(store_path, "--records", "quotes", "--format", "json", "--search", "caseloads"))
    speakers = {r["speaker"] for r in rows}
    assert "Sal Tariq" in speakers
    assert all({"speaker", "role", "citation"} <= set(r) for r in rows)


def test_visits_json_has_counts(store_path: Path) -> None:
    rows = json.loads(_run(store_path, "--records", "visits", "--format", "json"))
    assert rows[0]["id"] == "2016-09-full"
    assert all(
        set(r)
        == {
            "id",
            "authority",
            "kind",
            "start",
            "end",
            "judgement",
            "grades",
            "framework",
            "inspectors",
            "provisional",
            "record",
            "report_id",
            "published",
            "address",
            "conflicts",
            "basis",
            "counts",
        }
        for r in rows
    )
    assert sum(r["counts"]["findings"] for r in rows) > 0


def test_match_all_and_exclude(store_path: Path) -> None:
    every = json.loads(
        _run(store_path, "--theme", "caseloads", "--theme", "workforce", "--match", "all", "--format", "json")
    )
    assert all({"caseloads", "workforce"} <= set(r["themes"]) for r in every)
    rest = json.loads(_run(store_path, "--exclude", "risk-and-harm", "--format", "json"))
    assert rest and all("risk-and-harm" not in r["themes"] for r in rest)


def test_csv_has_citation_columns_and_visit_filter(store_path: Path) -> None:
    text = _run(store_path, "--visit", "2019-06-full")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(r["visit_id"] == "2019-06-full" for r in rows)
    assert {"citation_publisher", "citation_title", "citation_date", "citation_paragraph"} <= set(rows[0])


def test_csv_columns_are_only_ever_appended(store_path: Path) -> None:
    """A sheet that reads columns by position keeps working: schema 2's columns come first,
    in their order."""
    schema_2 = {
        "visits": "id,authority,kind,start,end,judgement,inspectors,provisional,basis,"
        "counts_findings,counts_quotes",
        "findings": "id,visit_id,text,themes,stance,source_id,start,end,citation_publisher,"
        "citation_title,citation_date,citation_paragraph,citation_source_id",
        "quotes": "id,visit_id,text,themes,speaker,role,speaker_kind,kind,source_id,start,end,"
        "citation_publisher,citation_title,citation_date,citation_paragraph,citation_source_id",
    }
    for records, before in schema_2.items():
        header = _run(store_path, "--records", records).splitlines()[0]
        assert header.startswith(before + ","), records


def test_markdown_cites_each_row(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    _run(store_path, "--records", "quotes", "--format", "md", "--out", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Kirklees inspections: quotes")
    assert "paragraph " in text and "Steve Walker (interim director" in text


def test_unknown_theme_is_a_clear_error(store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(store_path), "--theme", "nope"])
    assert result.exit_code == 2
    assert "no theme 'nope'" in result.output


def test_themes_command_counts_per_visit(store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["themes", "--db", str(store_path), "--format", "json"])
    data = json.loads(result.output)
    caseloads = next(t for t in data["themes"] if t["id"] == "caseloads")
    assert caseloads["counts"]["2018-monitoring-5"] >= 1
    assert set(data["visits"]) == set(caseloads["counts"])
