"""The footer's key bar: the keys that work where the focus is, and clickable."""

from __future__ import annotations

from kirklees_tui.query.filter import Filter
from kirklees_tui.ui.app import KirkleesApp
from kirklees_tui.ui.screens.help import HelpScreen
from kirklees_tui.ui.widgets.key_bar import KeyBar
from kirklees_tui.ui.widgets.record_list import RecordList
from tests.functional.conftest import MakeApp, loaded


def bar_text(app: KirkleesApp) -> str:
    return app.screen.query_one(KeyBar).render().plain


async def test_the_bar_shows_the_keys_that_matter_on_the_main_screen(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        keys = app.main.query_one(KeyBar).keys
        assert keys[0] == "⏎ Source"  # the focused list's key first, then the screen's
        for key in ("/ Search", "t Themes", "o Stance", "s Sort", "? Help", "q Quit"):
            assert key in keys
        text = bar_text(app)
        assert text.endswith("^p palette ") and len(text) == 80
        await pilot.resize_terminal(200, 40)  # wider: the rest of the screen's keys
        await pilot.pause()
        keys = app.main.query_one(KeyBar).keys
        for key in ("a Any/all", "y Copy", "e Export", "c Chronology", "g Grid", "p People", "v Save view"):
            assert key in keys


async def test_the_bar_follows_the_focus_into_the_search_field(make_app: MakeApp) -> None:
    """Typing a search, q is a letter: the bar stops offering it, and offers it again after."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        await pilot.pause()
        keys = app.main.query_one(KeyBar).keys
        assert "q Quit" not in keys and "Quit" not in bar_text(app)
        assert keys[:2] == ["⏎ Results", "esc Back"] and "/ Search" not in keys
        await pilot.press("escape")
        await pilot.pause()
        assert "q Quit" in app.main.query_one(KeyBar).keys


async def test_clicking_a_key_in_the_bar_runs_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        column = bar_text(app).index("? Help") + 1
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_narrow_bar_leaves_keys_out_rather_than_overlap(make_app: MakeApp) -> None:
    """At the smallest size the app draws, the later keys give way; help, quit and the
    palette (the way to everything else) stay, and nothing is cut in half."""
    app = make_app()
    async with app.run_test(size=(60, 16)) as pilot:
        await loaded(pilot)
        text = bar_text(app)
        assert len(text) == 60 and text.startswith(" ⏎ Source") and text.endswith("^p palette ")
        assert "? Help" in text and "q Quit" in text and "Sort" not in text
        keys = app.main.query_one(KeyBar).keys
        assert all(key in text for key in keys)


async def test_enter_in_the_search_goes_to_the_results_keeping_the_words(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        await pilot.press("slash", *"caseloads", "enter")
        assert app.main.focused is app.main.query_one("#findings")
        expected = len(catalog.select("findings", Filter(words="caseloads")))
        assert 0 < expected < 60
        assert app.main.query_one("#findings").border_title == f"Findings {expected}"
        assert "⏎ Source" in app.main.query_one(KeyBar).keys


async def test_source_is_offered_only_with_a_record_to_open(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "⏎ Source" in app.main.query_one(KeyBar).keys
        await pilot.press("/", *"zzzqqq", "enter")  # nothing matches
        await pilot.pause()
        assert app.main.query_one("#findings", RecordList).count == 0
        assert "⏎ Source" not in app.main.query_one(KeyBar).keys
        await pilot.press("escape")  # the search cleared: records again
        await pilot.pause()
        assert "⏎ Source" in app.main.query_one(KeyBar).keys
