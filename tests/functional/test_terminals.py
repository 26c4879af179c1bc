"""Terminals as they are: no mouse reporting on request, NO_COLOR and 16 colours, in a pty."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run_in_pty(args: list[str], env: dict[str, str], size: tuple[int, int] = (100, 30),
               until: bytes = b"Findings 60") -> bytes:
    """Start the app in a pseudo-terminal, wait for `until`, quit with ctrl+q; all bytes."""
    pid, fd = pty.fork()
    if pid == 0:  # size the terminal before the app starts, or it may read 80x24
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        os.chdir(ROOT)
        os.environ.update(env, COLUMNS=str(size[0]), LINES=str(size[1]))
        os.execv(sys.executable, [sys.executable, "-m", "kirklees_tui", *args])
    output = bytearray()
    deadline = time.monotonic() + 20
    quit_sent = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not quit_sent and until in output:
            time.sleep(0.3)
            os.write(fd, b"\x11")
            quit_sent = True
    os.waitpid(pid, 0)
    os.close(fd)
    assert quit_sent, "the app never showed its data"
    return bytes(output)


def screen_text(output: bytes) -> str:
    """What the terminal shows, near enough: the output without its escape sequences."""
    return re.sub(r"\x1b\[[0-9;?<>$]*[a-zA-Z~]", "", output.decode("utf-8", "replace"))


@pytest.fixture
def base_env() -> dict[str, str]:
    return {"TERM": "xterm-256color"}


def test_no_mouse_turns_mouse_reporting_off(store_path: Path, base_env: dict[str, str]) -> None:
    with_mouse = run_in_pty(["--db", str(store_path)], base_env)
    without = run_in_pty(["--db", str(store_path), "--no-mouse"], base_env)
    assert b"\x1b[?1000h" in with_mouse
    assert b"\x1b[?1000h" not in without and b"\x1b[?1003h" not in without


def test_no_color_keeps_selection_and_judgement_readable(
        store_path: Path, base_env: dict[str, str]) -> None:
    """Textual renders NO_COLOR as monochrome: every colour it sends is a grey."""
    out = run_in_pty(["--db", str(store_path)], {**base_env, "NO_COLOR": "1"}, size=(120, 40))
    for r, g, b in re.findall(rb"[34]8;2;(\d+);(\d+);(\d+)", out):
        assert r == g == b
    for n in re.findall(rb"[34]8;5;(\d+)", out):
        assert int(n) in {0, 7, 8, 15, 16, 231} or 232 <= int(n) <= 255
    text = screen_text(out)
    assert "▶" in text and "Inadequate" in text and "Requires improvement" in text


def test_sixteen_colours_use_only_the_standard_palette(
        store_path: Path, base_env: dict[str, str]) -> None:
    out = run_in_pty(["--db", str(store_path)],
                     {**base_env, "TEXTUAL_COLOR_SYSTEM": "standard"})
    assert re.findall(rb"\x1b\[[0-9;]*(?:38|48);[25];", out) == []
    assert "▶" in screen_text(out)
