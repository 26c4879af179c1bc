"""Article text is untrusted: shown literally, never as markup, never sending control bytes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from textual.widgets import Static

from kirklees_tui.app import KirkleesApp
from kirklees_tui.store import write_tables
from kirklees_tui.widgets.record_list import RecordList
from tests.functional.conftest import loaded, run_in_pty, screen_text

PAYLOAD = ("[bold red]x[/] and [/] then \x1b[2J\x1b]0;pwned\x07 c1:\x9b31m "
           "rtl:\u202eevil\u202c end")
CONTROL_BYTES = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c")


@pytest.fixture
def hostile_store(store_path: Path) -> Path:
    tables = orjson.loads(store_path.read_bytes())
    tables["quotes"]["1"]["text"] = PAYLOAD
    tables["quotes"]["1"]["speaker"] = "[b]Mallory[/b]\x1b[5m"
    tables["findings"]["1"]["text"] = PAYLOAD
    write_tables(store_path, tables)
    return store_path


def _visible(strip_text: str) -> None:
    assert "[bold red]x[/]" in strip_text and "[/] then" in strip_text
    for char in CONTROL_BYTES:
        assert char not in strip_text


async def test_lists_and_detail_show_markup_literally(
        make_app: Callable[..., KirkleesApp], hostile_store: Path) -> None:
    app = make_app(db=hostile_store)
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        for pane in ("findings", "quotes"):
            line = app.main.query_one(f"#{pane}", RecordList).render_line(0)
            _visible(line.text)
        assert "[b]Mallory[/b]" in app.main.query_one("#quotes", RecordList).render_line(0).text
        detail = app.main.query_one("#detail").query_one(Static).render()
        _visible(str(detail))
        await pilot.press("enter")  # the source view of the same finding does not crash
        assert app.is_running


def test_a_real_terminal_receives_no_control_bytes_from_the_data(hostile_store: Path) -> None:
    """Run the app in a pseudo-terminal and read every byte it writes."""
    output = run_in_pty(["--db", str(hostile_store)], {"TERM": "xterm-256color"}, size=(160, 40),
                        until=b"Mallory")
    text = output.decode("utf-8", errors="replace")
    assert "[bold red]x[/]" in screen_text(output), "the quote was not shown literally"
    for sequence in ("\x1b]0;pwned", "\x1b[2J\x1b]0", "\x9b31m", "\u202e", "\x1b[5m"):
        assert sequence not in text


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_exports_carry_no_control_bytes(hostile_store: Path, fmt: str) -> None:
    done = subprocess.run([sys.executable, "-m", "kirklees_tui", "export", "--db",
                           str(hostile_store), "--records", "quotes", "--format", fmt],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "[bold red]x[/]" in done.stdout
    for char in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert char not in done.stdout
