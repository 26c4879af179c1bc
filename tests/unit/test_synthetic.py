"""The benchmarks' synthetic stores are sound: `check` passes them, as synthetic.py says."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from benchmarks.synthetic import write_synthetic
from kirklees_tui.cli import cli


def test_a_synthetic_store_passes_check(tmp_path: Path) -> None:
    path = write_synthetic(tmp_path / "synthetic.json", 2500)
    result = CliRunner().invoke(cli, ["check", "--db", str(path)])
    assert result.exit_code == 0, result.output[:500]
    assert "sound (2500 findings, 625 quotes)" in result.output
