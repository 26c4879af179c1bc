"""The command line as a user meets it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kirklees_tui", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=60, stdin=subprocess.DEVNULL)


def test_browsing_without_a_terminal_prints_a_hint_and_exits_2() -> None:
    done = _run()
    assert done.returncode == 2
    assert "use `kirklees-tui export`" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_version() -> None:
    done = _run("--version")
    assert done.returncode == 0 and "kirklees-tui, version" in done.stdout


def test_db_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    done = _run("export", "--db", str(tmp_path / "none.json"))
    assert done.returncode == 2 and "no such store" in done.stderr
    assert not (tmp_path / "none.json").exists()


def test_environment_variable_chooses_the_store(tmp_path: Path, store_path: Path) -> None:
    import os

    env = {**os.environ, "KIRKLEES_TUI_DB": str(tmp_path / "missing.json")}
    done = subprocess.run([sys.executable, "-m", "kirklees_tui", "check"], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and "missing.json" in done.stderr


def test_shipped_store_is_found_from_anywhere(tmp_path: Path) -> None:
    done = _run("check", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "sound" in done.stdout


def test_build_refuses_a_bad_corpus(tmp_path: Path) -> None:
    done = _run("build", "--corpus", str(tmp_path), "--out", str(tmp_path / "db.json"))
    assert done.returncode == 2 and "no articles" in done.stderr
    assert not (tmp_path / "db.json").exists()
