"""Terminals as they are: no mouse reporting on request, NO_COLOR and 16 colours, a dumb or
unnamed terminal, an unknown colour system, and an unexpected error, in a pty."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.functional.conftest import FINDINGS, pty_session, run_in_pty, screen_text

HINT = b"kirklees-tui: not a terminal; to print records use `kirklees-tui export`"


@pytest.fixture
def base_env() -> dict[str, str]:
    return {"TERM": "xterm-256color"}


def test_no_mouse_turns_mouse_reporting_off(store_path: Path, base_env: dict[str, str]) -> None:
    with_mouse = run_in_pty(["--db", str(store_path)], base_env)
    without = run_in_pty(["--db", str(store_path), "--no-mouse"], base_env)
    assert b"\x1b[?1000h" in with_mouse
    assert b"\x1b[?1000h" not in without and b"\x1b[?1003h" not in without


def test_no_color_keeps_selection_and_judgement_readable(store_path: Path, base_env: dict[str, str]) -> None:
    """Textual renders NO_COLOR as monochrome: every colour it sends is a grey."""
    out = run_in_pty(["--db", str(store_path)], {**base_env, "NO_COLOR": "1"}, size=(120, 40))
    for r, g, b in re.findall(rb"[34]8;2;(\d+);(\d+);(\d+)", out):
        assert r == g == b
    for n in re.findall(rb"[34]8;5;(\d+)", out):
        assert int(n) in {0, 7, 8, 15, 16, 231} or 232 <= int(n) <= 255
    text = screen_text(out)
    assert "▶" in text and "Inadequate" in text and "Requires improvement" in text


def test_sixteen_colours_use_only_the_standard_palette(store_path: Path, base_env: dict[str, str]) -> None:
    out = run_in_pty(["--db", str(store_path)], {**base_env, "TEXTUAL_COLOR_SYSTEM": "standard"})
    assert re.findall(rb"\x1b\[[0-9;]*(?:38|48);[25];", out) == []
    assert "▶" in screen_text(out)


@pytest.mark.parametrize("term", ["dumb", None], ids=["TERM=dumb", "no TERM"])
def test_a_terminal_that_cannot_show_the_browser_gets_the_hint_and_exit_2(
    store_path: Path, term: str | None
) -> None:
    status, out = pty_session(
        ["--db", str(store_path)], {"TERM": term} if term else {}, unset=() if term else ("TERM",)
    )
    assert status == 2
    assert out.strip() == HINT, out
    assert b"\x1b" not in out


def test_an_unknown_colour_system_falls_back_with_one_warning(
    store_path: Path, base_env: dict[str, str]
) -> None:
    loaded = f"Findings {FINDINGS}".encode()
    status, out = pty_session(
        ["--db", str(store_path)], {**base_env, "TEXTUAL_COLOR_SYSTEM": "bogus"}, until=loaded
    )
    assert status == 0 and loaded in out
    text = screen_text(out)
    assert "TEXTUAL_COLOR_SYSTEM='bogus' is not one of" in text and "using auto" in text
    assert "Traceback" not in text and "KeyError" not in text


CRASH = """
import sys
from kirklees_tui.__main__ import main
from kirklees_tui.ui.screens.help import HelpScreen
def broken(self):
    raise RuntimeError("a bug in the help screen")
HelpScreen.compose = broken
sys.argv[0] = "kirklees-tui"
main()
"""


def test_an_unexpected_error_in_the_browser_is_one_line_naming_the_log(
    store_path: Path, base_env: dict[str, str], tmp_path: Path
) -> None:
    state = tmp_path / "state"
    status, out = pty_session(
        ["--db", str(store_path)],
        {**base_env, "KIRKLEES_TUI_STATE": str(state)},
        until=f"Findings {FINDINGS}".encode(),
        keys=b"?",
        python=("-c", CRASH),
    )
    log = state / "errors.log"
    assert status == 70, out[-2000:]
    # what the terminal shows once the app has left the alternate screen (a frame drawn to it
    # just before the crash ends mid-line, so it is not read as part of the main screen)
    after = out.rsplit(b"\x1b[?1049l", 1)[-1]
    last = screen_text(after).strip().splitlines()[-1].lstrip(" \x07")  # after the bell
    assert last == (
        f"kirklees-tui: unexpected error (RuntimeError: a bug in the help screen); the details are in {log}"
    )
    assert b"Traceback" not in out
    written = log.read_text()
    assert "Traceback" in written and "RuntimeError: a bug in the help screen" in written
