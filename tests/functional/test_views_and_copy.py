"""Issue 17, points 5 and 9: saved views (`v` saves, the palette recalls, `V` shows the command
line and copies it) and copying inside tmux (the paste buffer too, and the notice says so)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from kirklees_tui.query.filter import Filter
from kirklees_tui.query.views import load_view, view_names
from kirklees_tui.ui.commands import KirkleesCommands
from kirklees_tui.ui.screens.view_dialogs import CommandLineDialog, SaveViewDialog
from tests.functional.conftest import FINDINGS, MakeApp, listed, loaded, notices


def _text(widget: Static) -> str:
    return str(widget.render())


async def test_v_saves_the_filter_under_a_name_in_the_users_folder(
    make_app: MakeApp, private_views: Path
) -> None:
    app = make_app(themes=("caseloads",))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("o", "o", "v")  # progress
        dialog = app.screen
        assert isinstance(dialog, SaveViewDialog)
        await pilot.press(*"bad/name", "enter")  # views.py refuses it: said, the dialog stays
        still: object = app.screen
        assert still is dialog
        assert "Not saved" in _text(dialog.query_one("#view-note", Static))
        dialog.query_one("#view-name", Input).value = ""
        await pilot.press(*"caseloads progress", "enter")
        back: object = app.screen
        assert back is app.main
        assert view_names() == ["caseloads progress"]
        assert (private_views / "views.json").is_file()
        assert load_view("caseloads progress") == Filter(frozenset({"caseloads"}), stance="progress")
        assert any("Saved view “caseloads progress”" in n for n in notices(app))


async def test_the_palette_recalls_a_saved_view(make_app: MakeApp) -> None:
    from kirklees_tui.query.views import save_view

    save_view("worry", Filter(frozenset({"caseloads"}), stance="concern"))
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        entries = {c.name: c for c in KirkleesCommands(app.screen).entries()}
        entries["view: worry"].run()
        await pilot.pause()
        findings = listed(app, "findings")
        assert findings and all(f.stance == "concern" and "caseloads" in f.themes for f in findings)  # type: ignore[union-attr]
        assert any("View “worry”" in n for n in notices(app))
        await pilot.press("u")  # a recalled view is a change like any other
        assert len(listed(app, "findings")) == FINDINGS


async def test_V_shows_the_command_line_and_y_copies_it(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TMUX", raising=False)
    copied: list[str] = []
    app = make_app(themes=("caseloads",))
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("o", "V")
        dialog = app.screen
        assert isinstance(dialog, CommandLineDialog)
        line = "kirklees-tui export --theme caseloads --stance concern --format md"
        assert _text(dialog.query_one("#command-line", Static)) == line
        await pilot.press("y")
        assert copied == [line]
        assert "terminal clipboard" in _text(dialog.query_one("#command-note", Static))
        await pilot.press("escape")
        assert app.screen is app.main


class _Runs:
    """`subprocess.run` as the copy calls it, recorded."""

    def __init__(self, fail: BaseException | None = None) -> None:
        self.calls: list[tuple[list[str], dict[str, Any]]] = []
        self.fail = fail

    def __call__(self, args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        self.calls.append((args, kwargs))
        if self.fail is not None:
            raise self.fail
        return subprocess.CompletedProcess(args, 0, b"", b"")


async def test_inside_tmux_y_also_fills_tmuxs_paste_buffer(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _Runs()
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1234,0")
    monkeypatch.setattr(subprocess, "run", runs)
    app = make_app()
    app.copy_to_clipboard = lambda text: None  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        catalog = await loaded(pilot)
        await pilot.press("y")
        ((args, kwargs),) = runs.calls
        assert args == ["tmux", "load-buffer", "-"]  # no shell; the text on its input
        assert catalog.findings[0].text in kwargs["input"].decode("utf-8")
        assert kwargs["timeout"] > 0 and "shell" not in kwargs
        assert any("Copied to tmux's paste buffer and the terminal clipboard" in n for n in notices(app))


async def test_a_tmux_that_fails_is_said_not_raised(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1234,0")
    monkeypatch.setattr(subprocess, "run", _Runs(subprocess.TimeoutExpired(["tmux"], 2)))
    app = make_app()
    app.copy_to_clipboard = lambda text: None  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("y")
        assert app.is_running
        assert any("terminal clipboard only" in n and "too long" in n for n in notices(app))


async def test_outside_tmux_y_says_osc_52(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TMUX", raising=False)
    runs = _Runs()
    monkeypatch.setattr(subprocess, "run", runs)
    app = make_app()
    app.copy_to_clipboard = lambda text: None  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("y")
        assert runs.calls == []
        assert any("OSC 52" in n for n in notices(app))
