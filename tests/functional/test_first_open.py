"""The first open through the real entry point, where a verifier process checks the store as a
whole while the browser decodes it: a store wrong as a whole is refused as `check` refuses it,
and nothing of it is shown."""

from __future__ import annotations

from pathlib import Path

import orjson
from click.testing import CliRunner

from kirklees_tui.cli import cli
from tests.functional.conftest import FINDINGS, pty_session, screen_text


def test_a_store_wrong_as_a_whole_is_refused_and_never_shown(store_path: Path) -> None:
    tables = orjson.loads(store_path.read_bytes())
    tables["findings"]["1"]["visit_id"] = "1999-01-nowhere"
    store_path.write_bytes(orjson.dumps(tables))
    status, output = pty_session(["--db", str(store_path)], {"TERM": "xterm-256color"})
    expected = CliRunner().invoke(cli, ["check", "--db", str(store_path)]).output.strip()
    assert "no visit '1999-01-nowhere'" in expected
    assert status == 2
    assert expected in screen_text(output).replace("\r\n", "\n")
    assert f"Findings {FINDINGS}" not in screen_text(output)
