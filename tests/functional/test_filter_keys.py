"""Issue 17 on the main screen, points 1-4: sorting (`s`), the stance (`o`), search that folds
typography, and the filter as a history (`u`, `escape`, `ctrl+l`, other screens' choices)."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import DataTable, Input, OptionList

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.filter import Filter
from kirklees_tui.query.fold import fold
from kirklees_tui.store.model import Finding, Quote
from kirklees_tui.ui.screens.chronology import ChronologyScreen
from kirklees_tui.ui.screens.grid import GridScreen
from kirklees_tui.ui.screens.source import SourceScreen
from kirklees_tui.ui.widgets.detail_pane import DetailPane
from kirklees_tui.ui.widgets.record_list import RecordList
from kirklees_tui.ui.widgets.theme_rail import ThemeRail
from kirklees_tui.ui.widgets.visits_pane import VisitsPane
from tests.functional.conftest import FINDINGS, QUOTES, MakeApp, listed, loaded, notices, status


def _when(catalog: Catalog, record: Finding | Quote) -> str:
    visit = catalog.visit_by_id.get(record.visit_id or "")
    return visit.start if visit else catalog.sources[record.source_id].published


# -- 1. time order, and `s` ------------------------------------------------------------------
async def test_lists_are_in_time_order_and_s_cycles_the_sorts(make_app: MakeApp) -> None:
    seen: list[Message] = []
    app = make_app(themes=("caseloads",))
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        catalog = await loaded(pilot)
        dates = [_when(catalog, f) for f in listed(app, "findings")]
        assert dates == sorted(dates) and len(dates) > 2
        assert "sort: date" in status(app)
        before = {f.id for f in listed(app, "findings")}
        for sort in ("visit", "stance", "speaker", "article", "date"):
            await pilot.press("s")
            assert f"sort: {sort}" in status(app)
            assert {f.id for f in listed(app, "findings")} == before  # the same records, reordered
        await pilot.press("s", "s")  # by stance: concerns first, then progress, strengths
        assert "sort: stance" in status(app)
        await pilot.press("8")  # pace-of-improvement too: some progress among them
        stances = [f.stance for f in listed(app, "findings")]  # type: ignore[union-attr]
        assert stances == sorted(stances, key=("concern", "progress", "strength").index)
        assert "progress" in stances
    assert any(isinstance(m, RecordList.Highlighted) for m in seen)


async def test_a_sorted_list_keeps_the_cursor_on_its_record(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("down", "down", "down", "down", "down")
        record = app.main.current_record()
        await pilot.press("s", "s")  # by stance
        assert app.main.current_record() == record
        findings = app.main.query_one("#findings", RecordList)
        top = int(findings.scroll_offset.y)
        assert top <= findings.cursor < top + findings.scrollable_content_region.height  # in view


# -- 2. the stance ------------------------------------------------------------------------------
async def test_o_cycles_the_stance_and_tallies_rail_and_grid_follow(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        for stance, words in (("concern", "concerns"), ("progress", "progress"), ("strength", "strengths")):
            await pilot.press("o")
            findings = listed(app, "findings")
            assert findings and {f.stance for f in findings} == {stance}  # type: ignore[union-attr]
            assert status(app).startswith(f"Showing: {words}")
            assert len(listed(app, "quotes")) == QUOTES  # quotations have no stance
            tallies = app.main.query_one(VisitsPane).counts
            assert tallies[None] == (len(findings), QUOTES)
            for visit in catalog.visits:
                expected = sum(f.visit_id == visit.id for f in findings)
                assert tallies[visit.id][0] == expected
            rail = app.main.query_one(ThemeRail).counts
            quotes = sum("caseloads" in q.themes for q in catalog.quotes)
            assert rail["caseloads"] == sum("caseloads" in f.themes for f in findings) + quotes
        await pilot.press("o")
        assert len(listed(app, "findings")) == FINDINGS
        await pilot.press("o", "o", "g")  # progress, on the grid: no concern in any cell
        grid = app.screen
        assert isinstance(grid, GridScreen)
        table = grid.query_one("#grid", DataTable)
        cells = [str(c) for row in range(table.row_count) for c in table.get_row_at(row)[1:]]
        assert not any("▼" in c for c in cells) and any("▲" in c for c in cells)
        assert "progress" in str(grid.query_one("#grid-heading").render())


async def test_the_palette_chooses_a_stance(make_app: MakeApp) -> None:
    from kirklees_tui.ui.commands import KirkleesCommands

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        command = {c.name: c.run for c in KirkleesCommands(app.screen).entries()}
        command["stance: strengths"]()
        await pilot.pause()
        assert {f.stance for f in listed(app, "findings")} == {"strength"}  # type: ignore[union-attr]
        command["stance: all"]()
        await pilot.pause()
        assert len(listed(app, "findings")) == FINDINGS


# -- 3. search that folds typography --------------------------------------------------------
async def test_a_straight_apostrophe_finds_the_curly_one_and_marks_it_as_printed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        catalog = await loaded(pilot)
        await pilot.press("slash", *"children's services", "enter")
        findings = listed(app, "findings")
        assert findings and all("children's" in fold(f.text) and "services" in fold(f.text) for f in findings)
        assert any("children’s services" in f.text for f in findings)  # as the articles print it
        assert len(findings) == len(catalog.select("findings", Filter(words="children’s services")))
        lists = app.main.query_one("#findings", RecordList)
        row = lists.render_line(0)
        marked = [s.text for s in row if s.style is not None and s.style.underline]
        assert [fold(m) for m in marked][:2] == ["children's", "services"]
        detail = app.main.query_one(DetailPane).shown
        spans = {detail.plain[s.start : s.end] for s in detail.spans if str(s.style) == "bold underline"}
        assert {fold(s) for s in spans} == {"children's", "services"}
        assert "children’s" in spans  # the curly apostrophe, as the article has it
        await pilot.press("enter")  # the article marks the same characters
        source = app.screen
        assert isinstance(source, SourceScreen) and source.hits
        number, start, end = source.hits[0]
        assert fold(source._printed(number).plain[start:end]) in ("children's", "services")


# -- 4. the filter as a history -------------------------------------------------------------
async def test_escape_clears_the_latest_part_and_says_which(make_app: MakeApp) -> None:
    app = make_app(themes=("caseloads",))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("o")  # concerns
        app.main.query_one(VisitsPane).focus()
        await pilot.press("down", "tab")  # the first visit, then to the findings
        await pilot.press("slash", *"social", "enter")
        assert app.main.filter.parts() == ("search", "visit", "stance", "themes")
        for part, words in (
            ("search", "the search"),
            ("visit", "the visit"),
            ("stance", "the stance"),
            ("themes", "the themes"),
        ):
            app.clear_notifications()
            await pilot.press("escape")
            await pilot.pause()
            assert part not in app.main.filter.parts()
            assert any(f"Cleared {words}" in n for n in notices(app)), notices(app)
        assert app.main.filter.is_empty and len(listed(app, "findings")) == FINDINGS
        assert app.main.query_one("#search", Input).value == ""
        assert app.main.query_one(VisitsPane).chosen is None


async def test_u_undoes_each_change_and_a_typed_search_is_one(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("1", "o", "slash", *"pressure", "enter")
        assert app.main.filter == Filter(frozenset({"caseloads"}), words="pressure", stance="concern")
        shown = listed(app, "findings")
        await pilot.press("u")  # the whole word at once, not a letter
        assert app.main.filter == Filter(frozenset({"caseloads"}), stance="concern")
        assert app.main.query_one("#search", Input).value == ""
        await pilot.press("u")
        assert app.main.filter == Filter(frozenset({"caseloads"}))
        await pilot.press("u")
        assert app.main.filter.is_empty and len(listed(app, "findings")) == FINDINGS
        await pilot.press("u")
        assert any("Nothing to undo" in n for n in notices(app))
        assert shown  # what was listed before the undos
        await pilot.press("1", "2", "ctrl+l")
        assert app.main.filter.is_empty
        assert any("Cleared every filter" in n for n in notices(app))
        await pilot.press("u")
        assert app.main.filter.themes == {"caseloads", "drift-and-delay"}


async def test_choosing_a_visit_in_the_chronology_keeps_the_themes(make_app: MakeApp) -> None:
    """The bug: a visit chosen in the chronology replaced the whole filter."""
    app = make_app(themes=("caseloads",))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("o", "c")
        screen = app.screen
        assert isinstance(screen, ChronologyScreen)
        index = next(i for i, e in enumerate(screen.entries) if getattr(e, "id", "") == "2017-06-monitoring")
        screen.query_one("#timeline", OptionList).highlighted = index
        await pilot.press("enter")
        assert app.screen is app.main
        flt = app.main.filter
        assert flt == Filter(frozenset({"caseloads"}), visit="2017-06-monitoring", stance="concern")
        findings = listed(app, "findings")
        assert findings and all(
            "caseloads" in f.themes and f.visit_id == "2017-06-monitoring" for f in findings
        )
        assert app.main.query_one(VisitsPane).chosen == "2017-06-monitoring"
        assert any("Now showing" in n and "caseloads" in n for n in notices(app))
        await pilot.press("u")
        assert app.main.filter == Filter(frozenset({"caseloads"}), stance="concern")
        assert app.main.query_one(VisitsPane).chosen is None


async def test_every_screen_hands_back_the_filter_it_was_given(make_app: MakeApp) -> None:
    app = make_app(words="social")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("o")
        before = app.main.filter
        for opener in ("c", "g", "p"):
            await pilot.press(opener, "escape")  # looked, and came back
            assert app.main.filter == before
        await pilot.press("p", "enter")  # a speaker: added, the words and stance kept
        assert app.main.filter.words == "social" and app.main.filter.stance == "concern"
        assert app.main.filter.speaker is not None
        await pilot.press("g", "enter")  # a grid cell: its theme and visit, words kept
        assert app.main.filter.words == "social" and app.main.filter.themes
