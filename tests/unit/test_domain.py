"""The shipped store is sound, and `check` names a span that moved. (That nothing outside
`ui/` imports Textual is a contract of `lint-imports`, run by `make lint`.)"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kirklees_tui.cli import cli
from kirklees_tui.store.update import write_tables
from tests.conftest import ROOT


def test_check_passes_the_shipped_store() -> None:
    result = CliRunner().invoke(cli, ["check", "--db", str(ROOT / "db.json")])
    assert result.exit_code == 0, result.output
    assert "sound" in result.output


def test_check_reports_a_moved_span(store_path: Path) -> None:
    import orjson

    tables = orjson.loads(store_path.read_bytes())
    finding, quote = tables["findings"]["1"]["id"], tables["quotes"]["2"]["id"]
    tables["findings"]["1"]["start"] += 1
    tables["quotes"]["2"]["end"] -= 1
    write_tables(store_path, tables)
    result = CliRunner().invoke(cli, ["check", "--db", str(store_path)])
    assert result.exit_code == 1
    assert f"findings[{finding}]: text is not the source's span" in result.output
    assert f"quotes[{quote}]" in result.output
