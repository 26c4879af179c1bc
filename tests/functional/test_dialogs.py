"""Every dialog and screen under keys as they really arrive: five enters (or escapes) before
the first is handled, multi-line pastes into every input, a 10 MB paste; and the export
dialog's refusals. Nothing may end the app, pop the main screen or leave a traceback."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from kirklees_tui.ui.app import KirkleesApp
from kirklees_tui.ui.screens.main import MainScreen
from kirklees_tui.ui.widgets.bounded_input import BoundedInput
from kirklees_tui.ui.widgets.search_field import MAX_SEARCH
from tests.functional.conftest import MakeApp, loaded, notices

OPENERS = {  # what opens it: keys pressed on the main screen
    "export dialog": ["e"],
    "theme picker": ["t"],
    "help": ["question_mark"],
    "chronology": ["c"],
    "grid": ["g"],
    "people": ["p"],
    "source view": ["enter"],
    "command palette": ["ctrl+p"],
    "search field": ["slash"],
    "save view dialog": ["v"],
    "command line": ["V"],
    "find in the article": ["enter", "slash"],
}
CHARACTERS = {"enter": "\r", "escape": "\x1b"}


def _burst(app: KirkleesApp, key: str, times: int = 5) -> None:
    """Queue keys as a fast typist (or a paste without bracketing) sends them: all before
    the first is handled."""
    for _ in range(times):
        app.post_message(events.Key(key, CHARACTERS.get(key)))


async def _settle(pilot: Pilot[None]) -> None:
    for _ in range(10):
        await pilot.pause()


def _still_browsing(app: KirkleesApp) -> None:
    assert app.is_running and app.return_code is None
    assert app.main in app.screen_stack and app.screen_stack.index(app.main) == 1
    assert app.error is None


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports the dialog suggests land in the test's own folder."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("key", ["enter", "escape"])
@pytest.mark.parametrize("dialog", OPENERS)
async def test_five_fast_keys_never_pop_the_main_screen(
    make_app: MakeApp, dialog: str, key: str, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*OPENERS[dialog])
        await _settle(pilot)
        assert app.screen is not app.main or dialog == "search field"
        _burst(app, key)
        await _settle(pilot)
        _still_browsing(app)
    if dialog == "export dialog" and key == "enter":
        assert [p.name for p in tmp_path.iterdir() if p.suffix == ".csv"] == ["kirklees-findings.csv"]


@pytest.mark.parametrize("dialog", OPENERS)
async def test_a_multi_line_paste_anywhere_is_one_line_or_nothing(make_app: MakeApp, dialog: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*OPENERS[dialog])
        await _settle(pilot)
        field = app.focused
        if isinstance(field, Input):
            field.value = ""
        app.post_message(events.Paste("drift\nand\r\ndelay\n\n"))
        await _settle(pilot)
        _still_browsing(app)
        if isinstance(field, BoundedInput):  # ours; Textual's palette keeps the first line
            assert field.value == "drift and delay"


async def test_a_10_mb_paste_into_search_is_cut_with_a_notice(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        app.post_message(events.Paste(("drift \n" * 1_500_000)[:10_000_000]))
        await _settle(pilot)
        field = app.main.query_one("#search", Input)
        assert len(field.value) == MAX_SEARCH and "\n" not in field.value
        assert app.main.filter.words == field.value
        assert any(f"{MAX_SEARCH} characters" in n for n in notices(app))
        await pilot.press("x")  # full: a typed character is refused, not an error
        assert len(field.value) == MAX_SEARCH


async def test_notifications_show_markup_in_names_literally(make_app: MakeApp, tmp_path: Path) -> None:
    """File names and search words reach notices: shown as typed, never read as markup."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"[/]", "enter", "e")
        await _settle(pilot)
        app.screen.query_one("#export-path", Input).value = "[b]view.csv"
        await pilot.press("enter")
        await _settle(pilot)
        _still_browsing(app)
        assert (tmp_path / "[b]view.csv").exists()
        shown = " ".join(notices(app))
        assert "[/]" in shown and "[b]view.csv" in shown, shown


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "fifo.csv")
    return folder / "fifo.csv"


def _symlink(folder: Path) -> Path:
    (folder / "target.csv").write_text("keep me")
    (folder / "link.csv").symlink_to(folder / "target.csv")
    return folder / "link.csv"


def _device(folder: Path) -> Path:
    try:
        os.mknod(folder / "null.csv", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot make a device node here")
    return folder / "null.csv"


def _linked_folder(folder: Path) -> Path:
    (folder / "real").mkdir()
    (folder / "linked").symlink_to(folder / "real")
    return folder / "linked" / "out.csv"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_fifo, "FIFO"),
        (_symlink, "symbolic link"),
        (_device, "character device"),
        (_linked_folder, "linked is a symbolic link"),
    ],
    ids=["FIFO", "symlink", "device", "linked folder"],
)
async def test_the_export_dialog_refuses_what_is_not_a_regular_file(
    make_app: MakeApp, tmp_path: Path, make: Callable[[Path], Path], reason: str
) -> None:
    target = make(tmp_path)
    before = {p: (p.lstat().st_mode, p.lstat().st_ino) for p in tmp_path.rglob("*")}
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter", "enter")
        await _settle(pilot)
        assert not isinstance(app.screen, MainScreen)
        assert reason in str(app.screen.query_one("#export-note", Static).render())
    assert {p: (p.lstat().st_mode, p.lstat().st_ino) for p in tmp_path.rglob("*")} == before
