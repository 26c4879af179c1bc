"""Terminals as they are: no mouse reporting on request, NO_COLOR and 16 colours, in a pty."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.functional.conftest import run_in_pty, screen_text


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
