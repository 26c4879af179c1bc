"""Pilot tests for the chronology, the grid and the people: keys in, what the user sees out."""

from __future__ import annotations

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable, OptionList, Static

from kirklees_tui.query.filter import Filter
from kirklees_tui.ui.screens.chronology import ChronologyScreen
from kirklees_tui.ui.screens.grid import GridScreen
from kirklees_tui.ui.screens.people import PeopleScreen
from kirklees_tui.ui.screens.source import SourceScreen
from tests.functional.conftest import QUOTES, MakeApp, ended, listed, loaded, status


def _text(widget: Static) -> str:
    content = widget.render()
    return content.plain if isinstance(content, Text) else str(content)


async def test_chronology_runs_first_to_last_and_opens_an_event(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, ChronologyScreen)
        timeline = screen.query_one("#timeline", OptionList)
        prompts = [str(timeline.get_option_at_index(i).prompt) for i in range(timeline.option_count)]
        dates = [p.split()[1] if p.startswith("▶") else p.split()[0] for p in prompts]
        assert dates == sorted(dates) and dates[0] == "2015-08"
        assert any("◆ full inspection — Inadequate" in p for p in prompts)
        assert any("● strike" in p for p in prompts)
        assert prompts[0].startswith("▶")  # the cursor, without colour
        detail = _text(screen.query_one("#chronology-detail", Static))
        assert "raised the alarm" in detail and "paragraph" in detail
        await pilot.press("enter")
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.record.text in app.screen.source.text
        await pilot.press("escape")
        assert app.screen is screen  # type: ignore[comparison-overlap]


async def test_choosing_a_visit_in_the_chronology_narrows_the_main_screen(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, ChronologyScreen)
        index = next(i for i, e in enumerate(screen.entries) if getattr(e, "id", "") == "2017-10-monitoring")
        screen.query_one("#timeline", OptionList).highlighted = index
        await pilot.press("enter")
        assert app.screen is app.main
        assert app.main.filter == Filter(visit="2017-10-monitoring")
        assert {f.visit_id for f in listed(app, "findings")} == {"2017-10-monitoring"}


async def test_grid_cell_shows_its_findings_and_enter_filters_to_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        await pilot.press("g")
        screen = app.screen
        assert isinstance(screen, GridScreen)
        table = screen.query_one("#grid", DataTable)
        assert str(table.get_cell_at(Coordinate(0, 0))) == "caseloads"
        await pilot.press("down", "right")  # drift-and-delay at the second visit
        await pilot.pause()
        row, column = table.coordinate_to_cell_key(table.cursor_coordinate)
        theme, visit = row.value, column.value  # the row and column the cursor is on
        assert (theme, visit) == ("drift-and-delay", screen.visits[1].id)
        assert theme is not None and visit is not None
        grid = catalog.stance_grid(Filter())
        cell = grid[theme][visit]
        detail = _text(screen.query_one("#grid-detail", Static))
        assert detail.startswith(f"drift-and-delay · visit {visit}: {sum(cell.values())} findings")
        assert str(table.get_cell_at(Coordinate(1, 2))) == f"{cell['concern']}▼"
        await pilot.press("enter")
        assert app.screen is app.main
        assert app.main.filter == Filter(themes=frozenset({theme}), visit=visit)
        assert len(listed(app, "findings")) == sum(cell.values())
        assert f"themes drift-and-delay; visit {visit}" in status(app)


async def test_people_show_roles_and_filter_by_speaker(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        names = [p.name for p, _, _ in screen.people]
        people = screen.query_one("#people", OptionList)
        walker = names.index("Steve Walker")
        prompt = str(people.get_option_at_index(walker).prompt)
        assert "2017 interim director" in prompt and "Director of Children" in prompt
        people.highlighted = walker
        await pilot.pause()
        assert "Steve Walker: 2 quotes" in _text(screen.query_one("#people-detail", Static))
        await pilot.press("enter")
        assert app.screen is app.main
        assert {getattr(q, "speaker", None) for q in listed(app, "quotes")} == {"Steve Walker"}
        assert listed(app, "findings") == []
        assert "speaker Steve Walker" in status(app)
        await pilot.press("escape")
        assert len(listed(app, "quotes")) == QUOTES


async def test_speaker_option_opens_filtered(make_app: MakeApp) -> None:
    app = make_app(speaker="mr tariq")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        quotes = listed(app, "quotes")
        assert quotes and {getattr(q, "speaker", None) for q in quotes} == {"Sal Tariq"}


async def test_unknown_speaker_ends_with_a_clear_error(make_app: MakeApp) -> None:
    app = make_app(speaker="Nobody Atall")
    async with app.run_test(size=(80, 24)) as pilot:
        assert await ended(pilot) == "no speaker 'Nobody Atall'"
