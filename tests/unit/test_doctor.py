"""`kirklees-tui doctor`: each check as a user of a shared server meets it, one line each,
`ok` or `problem` with the fix; exit 0 only when every line is ok."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from kirklees_tui.cli import cli
from kirklees_tui.cli import doctor as doctor_module
from kirklees_tui.cli.doctor import (
    MIN_SIZE,
    clipboard_check,
    colour_check,
    folder_checks,
    store_check,
    term_check,
)
from kirklees_tui.store.digest import corpus_digest
from kirklees_tui.store.model import SCHEMA_VERSION
from kirklees_tui.store.read import load_store
from kirklees_tui.ui.screens.main import MIN_SIZE as SCREEN_MIN_SIZE
from tests.conftest import ROOT
from tests.functional.conftest import pty_session


def test_the_smallest_terminal_is_the_main_screens() -> None:
    assert MIN_SIZE == SCREEN_MIN_SIZE


def test_a_sound_store_is_ok_with_its_schema_and_digest(store_path: Path) -> None:
    check = store_check(str(store_path), {})
    digest = corpus_digest(load_store(store_path).sources)
    assert check.ok
    assert check.line().startswith(
        f"ok       store      {store_path} (chosen by --db): sound; schema {SCHEMA_VERSION}, "
    )
    assert digest in check.line()


def test_a_missing_shared_store_names_the_variable_that_chose_it(tmp_path: Path) -> None:
    missing = tmp_path / "srv" / "db.json"
    check = store_check(None, {"KIRKLEES_TUI_DB": str(missing)})
    assert not check.ok
    assert check.line() == (
        f"problem  store      {missing}: no such store (chosen by $KIRKLEES_TUI_DB); "
        "fix: set KIRKLEES_TUI_DB to the shared store "
        "(for everyone: /etc/profile.d/kirklees-tui.sh), or give --db PATH"
    )


def test_an_unsound_store_is_a_problem_pointing_at_check_and_restore(store_path: Path) -> None:
    tables = orjson.loads(store_path.read_bytes())
    tables["findings"]["1"]["text"] = "words the article does not hold"
    store_path.write_bytes(orjson.dumps(tables))
    line = store_check(str(store_path), {}).line()
    assert line.startswith(f"problem  store      {store_path}: not sound (")
    assert "fix: `kirklees-tui check` lists them; `kirklees-tui restore`" in line


@pytest.mark.parametrize("term", ["", "dumb"])
def test_no_usable_term_is_a_problem(term: str) -> None:
    check = term_check({"TERM": term} if term else {})
    assert not check.ok and "export TERM=xterm-256color" in check.line()


@pytest.mark.parametrize(
    ("env", "ok", "said"),
    [
        ({"TERM": "xterm-256color"}, True, "256"),
        ({"TERM": "xterm", "COLORTERM": "truecolor"}, True, "24-bit"),
        ({"TERM": "xterm", "NO_COLOR": "1"}, True, "NO_COLOR"),
        ({"TERM": "xterm"}, False, "fix: export TERM=xterm-256color"),
        ({"TERM": "screen", "TMUX": "/tmp/s,1,0"}, False, "fix: set -g default-terminal tmux-256color"),
        ({"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "standard"}, False, "unset TEXTUAL_COLOR_SYSTEM"),
    ],
)
def test_colours(env: dict[str, str], ok: bool, said: str) -> None:
    check = colour_check(env)
    assert check.ok is ok and said in check.line(), check.line()


@pytest.mark.parametrize(
    ("env", "ok", "said"),
    [
        ({}, True, "likely (OSC 52"),
        ({"SSH_TTY": "/dev/pts/3"}, True, "likely over SSH"),
        ({"STY": "123.pts-1"}, False, "GNU screen"),
        ({"TERM_PROGRAM": "Apple_Terminal"}, False, "macOS Terminal"),
    ],
)
def test_clipboard_outside_tmux(env: dict[str, str], ok: bool, said: str) -> None:
    check = clipboard_check(env)
    assert check.ok is ok and said in check.line(), check.line()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux)")
@pytest.mark.parametrize(("setting", "ok"), [("on", True), ("external", False), ("off", False)])
def test_clipboard_inside_tmux_reads_its_set_clipboard(tmp_path: Path, setting: str, ok: bool) -> None:
    """A real tmux server with the setting, found as doctor finds it inside tmux: by `$TMUX`."""
    socket = tmp_path / f"tmux-{uuid.uuid4().hex[:6]}"
    tmux = ["tmux", "-S", str(socket)]
    subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "24", "sleep 60"], check=True)
    try:
        subprocess.run([*tmux, "set", "-g", "set-clipboard", setting], check=True)
        check = clipboard_check(dict(os.environ, TMUX=f"{socket},1,0"))
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    assert check.ok is ok, check.line()
    if not ok:
        assert check.line() == (
            f"problem  clipboard  tmux set-clipboard is {setting}: `y` copies nothing; fix: tmux set -g "
            "set-clipboard on (and add `set -g set-clipboard on` to ~/.tmux.conf)"
        )


def test_folders_that_cannot_be_made_are_problems(
    tmp_path: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("KIRKLEES_TUI_DATA", str(tmp_path / "a-file" / "views"))
    monkeypatch.setenv("KIRKLEES_TUI_STATE", str(tmp_path / "state"))
    cache, views, log = folder_checks(str(store_path))
    assert cache.ok and "(writable)" in cache.line()
    assert log.ok and "(can be made)" in log.line()
    assert not views.ok
    assert views.line() == (
        f"problem  views      {tmp_path / 'a-file' / 'views'}: {tmp_path / 'a-file'} is not a folder; "
        "fix: set KIRKLEES_TUI_DATA to a folder you can write"
    )


def test_cache_off_is_ok(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIRKLEES_TUI_CACHE", "off")
    assert (
        folder_checks(str(store_path))[0]
        .line()
        .startswith("ok       cache      off (KIRKLEES_TUI_CACHE=off)")
    )


def test_without_a_terminal_doctor_says_so_and_exits_1(store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["doctor", "--db", str(store_path)], env={"TERM": "xterm-256color"})
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split()[1] for line in lines] == [
        "store",
        "TERM",
        "terminal",
        "colours",
        "clipboard",
        "cache",
        "views",
        "error",
        "serve",
    ]
    assert "problem  terminal   standard output is not a terminal; fix: run doctor where you browse" in lines


def test_what_the_environment_holds_is_printed_clean(store_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["doctor", "--db", str(store_path)], env={"TERM": "xterm\x1b]52;c;aGk=\a"}
    )
    assert "\x1b" not in result.output and "\a" not in result.output
    assert "TERM=xterm" in result.output


def test_without_the_serve_extra_doctor_says_how_to_add_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    check = doctor_module.serve_check()
    assert check.ok and "pipx inject kirklees-tui textual-serve" in check.line()


def test_in_a_good_terminal_every_line_is_ok_and_it_exits_0(store_path: Path, tmp_path: Path) -> None:
    """The whole report in a real pseudo-terminal at 80x24, as a user would run it."""
    env = {
        "TERM": "xterm-256color",
        "KIRKLEES_TUI_DATA": str(tmp_path / "data"),
        "KIRKLEES_TUI_STATE": str(tmp_path / "state"),
    }
    status, output = pty_session(
        ["doctor", "--db", str(store_path)], env, (80, 24), unset=("TMUX", "STY", "NO_COLOR", "TERM_PROGRAM")
    )
    lines = output.decode().splitlines()
    assert status == 0, output.decode()
    assert len(lines) == 9 and all(line.startswith("ok ") for line in lines), output.decode()
    assert "ok       terminal   80x24" in lines


def test_doctor_runs_from_anywhere_on_the_shipped_store(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kirklees_tui", "doctor"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "KIRKLEES_TUI_DB"},
    )
    assert "(chosen by the copy shipped with the program): sound" in done.stdout, done.stdout
    assert str(ROOT / "db.json") in done.stdout
