"""Screen snapshots: the main screen, a filtered view, a search, the source view and help,
each at 80x24 and 120x36. Update with `pytest --snapshot-update` after a deliberate change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from kirklees_tui.ui.app import KirkleesApp
from tests.functional.conftest import HeldLoadApp, loaded

SIZES = [(80, 24), (120, 36)]
Snap = Callable[..., bool]


async def _ready(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    for field in pilot.app.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
class TestMainScreen:
    def test_opens_on_everything(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready)

    def test_filtered_by_two_themes_all_of_them(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["2", "3", "a"])


@pytest.mark.parametrize("size", SIZES)
class TestWhileLoading:
    def test_only_the_splash_line_until_the_store_arrives(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(app=HeldLoadApp), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
class TestSearch:
    def test_typed_search_highlights_hits(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["slash", *"drift"])


@pytest.mark.parametrize("size", SIZES)
class TestSourceView:
    def test_passage_highlighted_in_its_article(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(
            make_app(), terminal_size=size, run_before=_ready, press=["down", "down", "down", "enter"]
        )


@pytest.mark.parametrize("size", SIZES)
class TestHelp:
    def test_help_lists_the_keys(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["question_mark"])


@pytest.mark.parametrize("size", SIZES)
class TestChronology:
    def test_visits_and_events_in_time_order(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(
            make_app(), terminal_size=size, run_before=_ready, press=["c", "down", "down", "down"]
        )

    def test_theme_by_visit_grid(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["g", "down", "down"])

    def test_people_with_roles(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["p", "down"])


async def _refused_export(pilot: Pilot[Any]) -> None:
    """The export dialog naming why it will not write through a linked folder."""
    await _ready(pilot)
    await pilot.press("e")
    await pilot.pause()
    field = pilot.app.screen.query_one("#export-path", Input)
    field.cursor_blink = False
    field.value = "/proc/self/view.csv"
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
class TestExportDialog:
    def test_a_path_through_a_link_is_refused_with_its_reason(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_refused_export)


async def _last_visit(pilot: Pilot[Any]) -> None:
    """The visits pane on its last visit: another council's, under its name."""
    await _ready(pilot)
    app = pilot.app
    assert isinstance(app, KirkleesApp)
    app.main.query_one("#visits").focus()
    await pilot.press("end")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
class TestBrowsing:
    """Issue 17's screens: stance and sort, councils, the empty detail, the article's hits,
    the command line of a view."""

    def test_concerns_sorted_by_visit(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["1", "o", "s"])

    def test_nothing_matches_and_the_detail_says_so(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(
            make_app(), terminal_size=size, run_before=_ready, press=["slash", *"zzz", "enter"]
        )

    def test_two_councils_grouped_in_the_visits_pane(
        self,
        snap_compare: Snap,
        make_app: Callable[..., KirkleesApp],
        two_councils: Path,
        size: tuple[int, int],
    ) -> None:
        assert snap_compare(make_app(db=two_councils), terminal_size=size, run_before=_last_visit)

    def test_the_article_marks_the_search_words(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        press = ["slash", *"children's", "enter", "enter", "n"]
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=press)

    def test_the_command_line_of_the_view(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["1", "o", "V"])


@pytest.mark.parametrize("size", SIZES)
class TestReports:
    """Issue 19: quotations of Ofsted marked ✓ ≠ ?, and an altered one's report passage."""

    def test_an_altered_quotation_in_the_detail(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["tab", "down"])

    def test_the_report_opened_at_the_quotation(
        self, snap_compare: Snap, make_app: Callable[..., KirkleesApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["tab", "down", "enter"])
