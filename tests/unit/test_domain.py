"""The domain never imports Textual, and the shipped store is sound."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kirklees_tui.cli import cli
from kirklees_tui.store.update import write_tables
from tests.conftest import ROOT

DOMAIN = ["store.model", "store.read", "query.catalog", "query.themes", "query.export",
          "store.integrity", "store.paths", "cli", "extract.build", "extract.speakers",
          "extract.visits"]


def test_domain_imports_no_textual() -> None:
    code = "; ".join(f"import kirklees_tui.{m}" for m in DOMAIN)
    code += "; import sys; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_check_passes_the_shipped_store() -> None:
    result = CliRunner().invoke(cli, ["check", "--db", str(ROOT / "db.json")])
    assert result.exit_code == 0, result.output
    assert "sound" in result.output


def test_check_reports_a_moved_span(store_path: Path) -> None:
    import orjson

    tables = orjson.loads(store_path.read_bytes())
    tables["findings"]["1"]["start"] += 1
    tables["quotes"]["2"]["end"] -= 1
    write_tables(store_path, tables)
    result = CliRunner().invoke(cli, ["check", "--db", str(store_path)])
    assert result.exit_code == 1
    assert "findings[f-000-001]: text is not the source's span" in result.output
    assert "quotes[q-000-002]" in result.output
