"""Article text is untrusted: shown literally, never as markup, never sending control bytes,
on the screen or from the command line (every byte of stdout and stderr is read)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from textual.widgets import Static

from kirklees_tui.store.update import write_tables
from kirklees_tui.ui.app import KirkleesApp
from kirklees_tui.ui.widgets.record_list import RecordList
from tests.functional.conftest import loaded, run_in_pty, screen_text

PAYLOAD = (
    "[bold red]x[/] and [/] then \x1b[2J\x1b]0;pwned\x07 c1:\x9b31m "
    "rtl:\u202eevil\u202c zw:Kirk\u200blees\u2060\ufeff end"
)
CONTROL_BYTES = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u200b", "\u2060", "\ufeff")
HOSTILE = "\x1b]0;pwned\x07\x9b2J\u202e\u200b"
"""Escape and OSC sequences, a C1 control, a bidi override, a zero-width space."""


@pytest.fixture
def hostile_store(store_path: Path) -> Path:
    tables = orjson.loads(store_path.read_bytes())
    tables["quotes"]["1"]["text"] = PAYLOAD
    tables["quotes"]["1"]["speaker"] = "[b]Mallory[/b]\x1b[5m"
    tables["findings"]["1"]["text"] = PAYLOAD
    write_tables(store_path, tables)
    return store_path


def assert_terminal_safe(data: bytes) -> None:
    """No escape, OSC or C1 control, bidi override or zero-width character in these bytes."""
    text = data.decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text, text
    assert not any("\x80" <= char <= "\x9f" for char in text), text
    for char in ("\u202e", "\u200b", "\u2060", "\ufeff"):
        assert char not in text, text


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kirklees_tui", *args],
        capture_output=True,
        timeout=60,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


def _visible(strip_text: str) -> None:
    assert "[bold red]x[/]" in strip_text and "[/] then" in strip_text
    for char in CONTROL_BYTES:
        assert char not in strip_text


async def test_lists_and_detail_show_markup_literally(
    make_app: Callable[..., KirkleesApp], hostile_store: Path
) -> None:
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
    output = run_in_pty(
        ["--db", str(hostile_store)], {"TERM": "xterm-256color"}, size=(160, 40), until=b"Mallory"
    )
    text = output.decode("utf-8", errors="replace")
    assert "[bold red]x[/]" in screen_text(output), "the quote was not shown literally"
    for sequence in ("\x1b]0;pwned", "\x1b[2J\x1b]0", "\x9b31m", "\u202e", "\x1b[5m", "\u200b"):
        assert sequence not in text


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_exports_carry_no_control_bytes(hostile_store: Path, fmt: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kirklees_tui",
            "export",
            "--db",
            str(hostile_store),
            "--records",
            "quotes",
            "--format",
            fmt,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "[bold red]x[/]" in done.stdout
    for char in ("\x1b", "\x07", "\x9b", "\u202e", "\u200b"):
        assert char not in done.stdout


@pytest.fixture
def hostile_ids(store_path: Path) -> Path:
    """Stored ids, labels and titles carrying control sequences, with a quote whose words
    do not match its span (so `check` names it)."""
    data = store_path.read_bytes()
    escaped = orjson.dumps(HOSTILE)[1:-1]
    data = data.replace(b'"caseloads"', b'"case' + escaped + b'loads"')
    tables = orjson.loads(data)
    quote = tables["quotes"]["1"]
    quote["id"], quote["text"] = f"q{HOSTILE}", "not the words"
    tables["sources"]["1"]["title"] = f"Title {HOSTILE}"
    tables["themes"]["1"]["label"] = f"Label {HOSTILE}"
    write_tables(store_path, tables)
    return store_path


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["themes"],
        ["themes", "--format", "json"],
        ["timeline"],
        ["timeline", "--format", "json"],
        ["export", "--records", "visits", "--format", "md"],
        ["export", "--theme", "nope"],
        ["export", "--speaker", "nobody"],
        ["export", "--visit", "nope"],
    ],
    ids=" ".join,
)
def test_the_command_line_prints_no_control_bytes(hostile_ids: Path, args: list[str]) -> None:
    done = _run(*args, "--db", str(hostile_ids))
    assert done.stdout or done.stderr
    assert_terminal_safe(done.stdout)
    assert_terminal_safe(done.stderr)


def test_import_prints_no_control_bytes_from_a_title(store_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        f"Title: Inspectors {HOSTILE} say\nDate: 2020-03-12\n\n"
        "Ofsted inspectors found that caseloads were too high.\n",
        encoding="utf-8",
    )
    done = _run("import", str(article), "--db", str(store_path), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert b"would add article.txt" in done.stdout
    assert_terminal_safe(done.stdout)
    assert_terminal_safe(done.stderr)


@pytest.mark.parametrize("exists", [False, True], ids=["missing", "binary"])
def test_error_lines_print_no_control_bytes_from_a_file_name(
    store_path: Path, tmp_path: Path, exists: bool
) -> None:
    bad = tmp_path / f"bad{HOSTILE}.txt"
    if exists:
        bad.write_bytes(b"\x00\x01binary")
    done = _run("import", str(bad), "--db", str(store_path))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and b"bad" in done.stderr
    assert_terminal_safe(done.stderr)
    assert_terminal_safe(done.stdout)
