"""A session served to a web browser writes nothing on the server: `e` hands the export to the
browser (`deliver_text`) under a plain file name, `y` goes to the browser's clipboard.

Here the app believes it is served (`is_web`) and the delivery is caught; the real browser,
xterm.js and textual-serve are in `test_browser.py`, which needs chromium.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from kirklees_tui.query.export import render
from kirklees_tui.query.filter import Filter
from kirklees_tui.ui.app import KirkleesApp
from kirklees_tui.ui.screens.main import MainScreen
from tests.functional.conftest import MakeApp, loaded, notices


class ServedApp(KirkleesApp):
    """The app as textual-serve runs it, with what it delivers to the browser kept."""

    delivered: list[tuple[str, str | None]]

    @property
    def is_web(self) -> bool:
        return True

    def deliver_text(self, path_or_file: Any, **options: Any) -> str | None:
        assert isinstance(path_or_file, io.StringIO)
        self.delivered.append((path_or_file.getvalue(), options.get("save_filename")))
        return "key"


@pytest.fixture
def served(make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ServedApp:
    monkeypatch.chdir(tmp_path)
    app = make_app(themes=("caseloads",), app=ServedApp)
    assert isinstance(app, ServedApp)
    app.delivered = []
    return app


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("kirklees-findings.csv", "kirklees-findings.csv"),
        ("../../etc/out put.json", "out-put.json"),  # a name, never a place on the server
        ("/tmp/..caseloads.md", "caseloads.md"),
    ],
)
async def test_export_is_a_download_under_a_plain_name(
    served: ServedApp, tmp_path: Path, typed: str, name: str
) -> None:
    before = set(tmp_path.rglob("*"))
    async with served.run_test(size=(100, 30), notifications=True) as pilot:
        catalog = await loaded(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = served.screen
        assert "Download findings in the current view as" in " ".join(
            str(s.render()) for s in dialog.query(Static)
        )
        dialog.query_one("#export-path", Input).value = typed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(served.screen, MainScreen)
        fmt = name.rsplit(".", 1)[1]
        expected = render(catalog, "findings", Filter(frozenset({"caseloads"})), fmt)  # type: ignore[arg-type]
        assert served.delivered == [(expected, name)]
        assert any(f"as {name}" in n for n in notices(served))
    assert set(tmp_path.rglob("*")) == before, "the export was written on the server"


async def test_a_name_without_a_format_is_refused(served: ServedApp) -> None:
    async with served.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        await pilot.pause()
        served.screen.query_one("#export-path", Input).value = "../notes.txt"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(served.screen, MainScreen)
        assert "must end in .csv, .json or .md" in str(
            served.screen.query_one("#export-note", Static).render()
        )
        assert served.delivered == []


async def test_copy_says_the_browser_clipboard(served: ServedApp) -> None:
    async with served.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert any("browser's clipboard" in n for n in notices(served)), notices(served)
        assert "Huddersfield Examiner" in served.clipboard
