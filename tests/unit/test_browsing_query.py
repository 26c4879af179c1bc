"""Browsing questions answered by the query layer: time order, stance, council, folded search,
undo, saved views, and exports that carry what the screen shows."""

from __future__ import annotations

import csv
import io
import json
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kirklees_tui.cli import cli
from kirklees_tui.query.catalog import SORTS, Catalog
from kirklees_tui.query.filter import Filter, FilterHistory
from kirklees_tui.query.fold import fold, spans
from kirklees_tui.query.views import ViewError, load_view, save_view, view_names
from kirklees_tui.store.model import Finding, Quote


@pytest.fixture(autouse=True)
def private_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("KIRKLEES_TUI_DATA", str(folder))
    return folder


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("children's services", "children’s services"),
        ('"too slow"', "“too slow”"),
        ("follow-up", "follow‑up"),
        ("long-standing", "long–standing"),
        ("a b", "a\u00a0b"),
        ("OFSTED", "Ofsted"),
    ],
)
def test_search_folds_typography(typed: str, printed: str) -> None:
    text = f"Before {printed} after."
    assert fold(typed) in fold(text)
    ((start, end),) = spans(text, (fold(typed),))
    assert text[start:end] == printed  # the highlight lands on the characters as printed


def test_fold_keeps_every_character_in_its_place() -> None:
    text = "İstanbul’s “İnspectors” — ÇA"
    assert len(fold(text)) == len(text)


def test_lists_are_in_time_order(catalog: Catalog) -> None:
    def date(record: Finding | Quote) -> str:
        visit = catalog.visit_by_id.get(record.visit_id or "")
        return visit.start if visit else catalog.sources[record.source_id].published

    flt = Filter(themes=frozenset({"caseloads"}))
    findings = [date(catalog.findings[i]) for i in catalog.select("findings", flt)]
    quotes = [date(catalog.quotes[i]) for i in catalog.select("quotes", flt)]
    assert findings == sorted(findings) and quotes == sorted(quotes) and findings


@pytest.mark.parametrize("sort", SORTS)
def test_every_sort_lists_the_same_records(catalog: Catalog, sort: str) -> None:
    flt = Filter(themes=frozenset({"risk-and-harm"}))
    assert sorted(catalog.select("findings", flt, sort)) == sorted(catalog.select("findings", flt))


def test_stance_sort_puts_concerns_first(catalog: Catalog) -> None:
    stances = [catalog.findings[i].stance for i in catalog.select("findings", Filter(), "stance")]
    assert stances == sorted(stances, key=("concern", "progress", "strength").index)


def test_the_stance_filter(catalog: Catalog) -> None:
    for stance in ("concern", "progress", "strength"):
        rows = catalog.select("findings", Filter(stance=stance))
        assert rows and all(catalog.findings[i].stance == stance for i in rows)
    assert len(catalog.select("quotes", Filter(stance="progress"))) == len(catalog.quotes)
    assert Filter().next_stance().next_stance().next_stance().next_stance() == Filter()


def test_the_council_filter(catalog: Catalog) -> None:
    main = catalog.main_authority
    assert main == "Kirklees"
    assert len(catalog.select("findings", Filter(authority=main))) == len(catalog.findings)
    assert len(catalog.select("findings", Filter(authority="Nowhere"))) == 0


def test_escape_clears_the_parts_in_order_and_undo_steps_back() -> None:
    flt = Filter(frozenset({"caseloads"}), words="drift", speaker="Ofsted", stance="concern")
    assert flt.parts() == ("search", "speaker", "stance", "themes")
    history = FilterHistory()
    for part in flt.parts():
        cleared = flt.without(part)
        history.record(flt, cleared)
        flt = cleared
    assert flt.is_empty
    assert history.undo() == Filter(frozenset({"caseloads"}))
    assert history.undo() == Filter(frozenset({"caseloads"}), stance="concern")


def test_the_command_line_a_view_stands_for(store_path: Path) -> None:
    flt = Filter(frozenset({"caseloads"}), words="too high", stance="concern")
    line = flt.command("findings", "json")
    assert line == (
        "kirklees-tui export --theme caseloads --stance concern --search 'too high' --format json"
    )
    status, output = _run(*shlex.split(line)[1:], "--db", str(store_path))
    assert status == 0 and all(r["stance"] == "concern" for r in json.loads(output))


def test_saved_views_round_trip_and_name_their_errors(private_data: Path) -> None:
    flt = Filter(frozenset({"caseloads"}), words="delay", stance="progress", authority="Kirklees")
    save_view("caseloads progress", flt)
    assert view_names() == ["caseloads progress"]
    assert load_view("caseloads progress") == flt
    with pytest.raises(ViewError, match="no view 'nope'"):
        load_view("nope")
    with pytest.raises(ViewError):
        save_view("bad/name\x1b", flt)
    (private_data / "views.json").write_text("{not json")
    with pytest.raises(ViewError, match="cannot read saved views"):
        view_names()


def test_export_starts_from_a_saved_view(store_path: Path) -> None:
    save_view("worry", Filter(frozenset({"caseloads"}), stance="concern"))
    status, output = _run("export", "--view", "worry", "--format", "json", "--db", str(store_path))
    rows = json.loads(output)
    assert status == 0 and rows
    assert all(r["stance"] == "concern" and "caseloads" in r["themes"] for r in rows)
    status, output = _run("export", "--view", "missing", "--db", str(store_path))
    assert status == 2 and "no view 'missing'" in output


def test_markdown_exports_carry_stance_and_role(store_path: Path) -> None:
    _, findings = _run("export", "--format", "md", "--db", str(store_path))
    assert "▼ concern:" in findings and ("▲ progress:" in findings or "★ strength:" in findings)
    _, quotes = _run("export", "--records", "quotes", "--format", "md", "--db", str(store_path))
    assert "Steve Walker (interim director" in quotes


def test_an_empty_export_has_every_column_and_says_zero(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.csv"
    result = CliRunner().invoke(
        cli, ["export", "--search", "zzzz-nothing", "--out", str(out), "--db", str(store_path)]
    )
    assert result.exit_code == 0 and "0 findings" in result.output
    header = out.read_text().splitlines()
    assert header[0].split(",")[:5] == ["id", "visit_id", "text", "themes", "stance"]
    assert len(header) == 1
    _, md = _run("export", "--search", "zzzz-nothing", "--format", "md", "--db", str(store_path))
    assert "0 findings." in md


def test_csv_booleans_are_lower_case(store_path: Path) -> None:
    _, output = _run("export", "--records", "visits", "--db", str(store_path))
    values = {row["provisional"] for row in csv.DictReader(io.StringIO(output))}
    assert values <= {"true", "false"} and values


def test_themes_never_cuts_a_visit_id(store_path: Path) -> None:
    _, output = _run("themes", "--db", str(store_path))
    assert "2017-06-monitoring" in output.splitlines()[0]


def test_unknown_council_is_a_clear_error(store_path: Path) -> None:
    status, output = _run("export", "--authority", "Nowhere", "--db", str(store_path))
    assert status == 2 and "no council 'Nowhere'" in output and "Kirklees" in output
