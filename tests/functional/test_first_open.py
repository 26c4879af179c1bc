"""The first open through the real entry point, where a verifier process checks the store as a
whole while the browser decodes it: a store wrong as a whole is refused as `check` refuses it,
and nothing of it is shown."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

import orjson
from click.testing import CliRunner

from kirklees_tui.cli import cli
from tests.conftest import ROOT
from tests.functional.conftest import screen_text


def _run_until_exit(args: list[str]) -> tuple[int, bytes]:
    """Start `kirklees-tui ARGS` in a pseudo-terminal; its exit status and every byte."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "kirklees_tui", *args])
    output = bytearray()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), bytes(output)


def test_a_store_wrong_as_a_whole_is_refused_and_never_shown(store_path: Path) -> None:
    tables = orjson.loads(store_path.read_bytes())
    tables["findings"]["1"]["visit_id"] = "1999-01-nowhere"
    store_path.write_bytes(orjson.dumps(tables))
    status, output = _run_until_exit(["--db", str(store_path)])
    expected = CliRunner().invoke(cli, ["check", "--db", str(store_path)]).output.strip()
    assert "no visit '1999-01-nowhere'" in expected
    assert status == 2
    assert expected in screen_text(output).replace("\r\n", "\n")
    assert "Findings 60" not in screen_text(output)
