"""Every screen's keys (issue 17, point 8): `?` shows that screen's own keys, which its help
section lists and nothing else; `escape` goes back and `q` quits everywhere; the key bar shows
what fits; the palette lists this app's commands first, each with its key, Textual's after."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.dom import DOMNode
from textual.widgets import DataTable, Input, OptionList

from kirklees_tui.ui.app import KirkleesApp
from kirklees_tui.ui.commands import KirkleesCommands
from kirklees_tui.ui.screens.chronology import ChronologyScreen
from kirklees_tui.ui.screens.council_picker import CouncilPicker
from kirklees_tui.ui.screens.export_dialog import ExportDialog
from kirklees_tui.ui.screens.grid import GridScreen
from kirklees_tui.ui.screens.help import HELP, HelpScreen, help_text, sections
from kirklees_tui.ui.screens.main import MainScreen
from kirklees_tui.ui.screens.people import PeopleScreen
from kirklees_tui.ui.screens.source import SourceScreen
from kirklees_tui.ui.screens.theme_picker import ThemePicker
from kirklees_tui.ui.screens.view_dialogs import CommandLineDialog, SaveViewDialog
from kirklees_tui.ui.widgets.detail_pane import DetailPane
from kirklees_tui.ui.widgets.key_bar import KeyBar
from kirklees_tui.ui.widgets.record_list import RecordList
from kirklees_tui.ui.widgets.search_field import SearchField
from kirklees_tui.ui.widgets.theme_rail import ThemeRail
from kirklees_tui.ui.widgets.visits_pane import VisitsPane
from tests.functional.conftest import MakeApp, loaded

_SPELLED = {"slash": "/", "question_mark": "?"}
"""Keys help.md writes as the character they type."""
SCREENS: dict[str, tuple[tuple[type[DOMNode], ...], tuple[type[DOMNode], ...]]] = {
    # topic: (the screens whose own keys the section must name, the widgets whose keys it may)
    "main": ((MainScreen,), (RecordList, VisitsPane, ThemeRail, SearchField, DetailPane)),
    "article": ((SourceScreen,), (ScrollableContainer, Input)),
    "chronology": ((ChronologyScreen,), (OptionList,)),
    "grid": ((GridScreen,), (DataTable,)),
    "people": ((PeopleScreen,), (OptionList,)),
    "pickers": (
        (ThemePicker, CouncilPicker, CommandLineDialog, SaveViewDialog, ExportDialog),
        (OptionList, Input),
    ),
}
OPENED_BY = {"chronology": ["c"], "grid": ["g"], "people": ["p"], "article": ["enter"], "main": []}


def _bound(*classes: type[DOMNode], inherited: bool = True) -> set[str]:
    """Every key these classes bind (and, if `inherited`, the classes they inherit from),
    as help.md spells it."""
    keys: set[str] = set()
    for cls in classes:
        for klass in cls.__mro__ if inherited else (cls,):
            for binding in Binding.make_bindings(vars(klass).get("BINDINGS", [])):
                keys.update(_SPELLED.get(k.strip(), k.strip()) for k in binding.key.split(","))
    return keys


def _named(markdown: str) -> set[str]:
    """The keys a help text names: in its tables' first column (`1` … `9` is each of them),
    and in the introduction's prose."""
    keys: set[str] = set()
    for line in markdown.splitlines():
        if line.startswith("| `"):
            cell = line.split(" | ")[0]
            named = re.findall(r"`([^`]+)`", cell)
            keys.update(map(str, range(int(named[0]), int(named[-1]) + 1)) if "…" in cell else named)
    intro = sections(HELP.read_text(encoding="utf-8"))[""]
    keys.update(re.findall(r"`([^`]+)`", intro))
    keys.update(k.strip() for key in list(keys) if "/" in key and len(key) > 1 for k in key.split("/"))
    return keys


@pytest.mark.parametrize("topic", SCREENS)
def test_each_screens_help_names_its_keys_and_only_keys_that_work_there(topic: str) -> None:
    screens, widgets = SCREENS[topic]
    named = _named(help_text(topic))
    own = _bound(*screens, inherited=False) | {"ctrl+p"}
    assert own - named == set(), f"bound on the {topic} screen but not in its help"
    anywhere = _bound(KirkleesApp, *screens, *widgets) | {"ctrl+p", "arrows"}
    assert named - anywhere == set(), f"in the {topic} help but bound nowhere there"


@pytest.mark.parametrize("topic", ["main", "article", "chronology", "grid", "people"])
async def test_question_mark_shows_the_keys_of_the_screen_it_is_pressed_on(
    make_app: MakeApp, topic: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*OPENED_BY[topic])
        under = app.screen
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen) and app.screen.topic == topic
        await pilot.press("escape")  # back, to the screen it was opened on
        assert app.screen is under
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # quits, as everywhere
    assert not app.is_running


@pytest.mark.parametrize("topic", ["article", "chronology", "grid", "people"])
async def test_escape_goes_back_and_q_quits_on_every_screen(make_app: MakeApp, topic: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press(*OPENED_BY[topic])
        assert app.screen is not app.main
        await pilot.press("escape")
        assert app.screen is app.main and app.is_running
        await pilot.press(*OPENED_BY[topic], "q")
    assert not app.is_running


async def test_the_help_says_escape_goes_back_and_q_quits() -> None:
    intro = sections(HELP.read_text(encoding="utf-8"))[""]
    assert "`escape` goes back, `q` quits" in intro and "On every screen" in intro


async def test_the_bar_shows_the_screen_keys_that_fit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        bar = app.main.query_one(KeyBar)
        narrow = bar.render().plain
        assert len(narrow) == 80 and narrow.endswith("^p palette ")
        assert "? Help" in narrow and "q Quit" in narrow and "t Themes" in narrow
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        wide = bar.render().plain
        for key in ("t Themes", "o Stance", "s Sort", "u Undo", "c Chronology", "g Grid", "p People"):
            assert key in wide, key
        assert len(bar.keys) > len(narrow.split("  "))


async def test_the_palette_lists_this_apps_commands_first_each_with_its_key(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        entries = KirkleesCommands(app.screen).entries()
        names = [c.name for c in entries]
        textual = [i for i, n in enumerate(names) if n.startswith("textual: ")]
        assert textual and min(textual) > max(i for i, n in enumerate(names) if not n.startswith("textual: "))
        assert "textual: colour theme (Textual's)" in names  # not mistaken for a finding's theme
        keys = {c.name: c.key for c in entries}
        assert keys["theme: caseloads"] == "1" and keys["stance: progress"] == "o"
        assert keys["sort: visit"] == "s" and keys["undo"] == "u" and keys["view: save"] == "v"
        assert keys["screen: grid"] == "g" and keys["search"] == "/"
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        shown = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
        assert shown[0].startswith("search  /")  # discovery order: ours first, keys beside
        await pilot.press(*"theme")
        await pilot.pause(0.5)
        ranked = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
        assert not ranked[0].startswith("textual")
        assert ranked.index(next(r for r in ranked if r.startswith("textual: colour theme"))) > ranked.index(
            next(r for r in ranked if r.startswith("theme: caseloads"))
        )


async def test_the_palette_builds_its_commands_once_not_per_key(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved views are read from disk and a national store lists hundreds of visits: the
    commands are built when the palette opens, and typing only matches them."""
    import kirklees_tui.ui.commands as palette

    reads: list[int] = []
    real = palette._views

    def counted_views() -> list[str]:
        reads.append(1)
        return real()

    monkeypatch.setattr(palette, "_views", counted_views)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"sort: vis")
        await pilot.pause(0.5)
        shown = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
        assert shown and shown[0].startswith("sort: visit")
        assert len(reads) == 1, "the saved views were read once for the whole session"
