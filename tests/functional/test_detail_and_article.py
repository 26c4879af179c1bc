"""Issue 17, points 7 and 10: the detail pane (focusable, scrolls, never a record the filter no
longer lists), the article's `n` / `N` and `/`, and 80 columns (the status line's counts, the
grid's hint and scrolling, paging the visits pane, plurals)."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Input, OptionList, Static

from kirklees_tui.ui.screens.grid import GridScreen
from kirklees_tui.ui.screens.source import SourceScreen
from kirklees_tui.ui.widgets.detail_pane import DetailPane
from kirklees_tui.ui.widgets.record_list import RecordList
from kirklees_tui.ui.widgets.status_line import StatusLine
from kirklees_tui.ui.widgets.visits_pane import VisitsPane
from kirklees_tui.wording import counted, sources_counted
from tests.functional.conftest import MakeApp, listed, loaded, status


async def test_tab_reaches_the_detail_and_it_scrolls_from_the_keyboard(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        longest = max(range(len(catalog.quotes)), key=lambda i: len(catalog.quotes[i].text))
        app.main.query_one("#quotes", RecordList).focus()
        await pilot.pause()
        app.main.query_one("#quotes", RecordList).cursor = longest  # a long quotation
        await pilot.press("tab")  # from the quotes, the next stop is the detail
        detail = app.main.query_one(DetailPane)
        assert detail.has_focus
        assert catalog.quotes[longest].text[:40] in detail.shown.plain
        await pilot.pause()
        assert detail.max_scroll_y > 0  # the quotation and its citation need more than 5 lines
        assert str(detail.border_title).endswith("↑ ↓ pgup pgdn scroll"), "focused: how to scroll"
        await pilot.press("down", "down")
        assert detail.scroll_y == 2
        await pilot.press("end")
        assert detail.scroll_y == detail.max_scroll_y and "paragraph" in detail.shown.plain
        await pilot.press("home")
        assert detail.scroll_y == 0
        await pilot.press("shift+tab")
        await pilot.pause()
        assert not detail.has_focus
        assert str(detail.border_title).endswith("more below: tab here to scroll"), (
            "elsewhere: how to reach it"
        )


async def test_the_detail_follows_the_cursor_and_says_when_nothing_matches(make_app: MakeApp) -> None:
    seen: list[Message] = []
    app = make_app()
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await loaded(pilot)
        await pilot.press("down")
        second = listed(app, "findings")[1]
        assert second.text in app.main.query_one(DetailPane).shown.plain
        await pilot.press("slash", *"zzzz-nowhere", "enter")  # the list empties
        assert listed(app, "findings") == []
        shown = app.main.query_one(DetailPane).shown.plain
        assert shown == "No findings match the filter." and second.text not in shown
        await pilot.press("escape")  # the search cleared: the record under the cursor again
        record = app.main.current_record()
        assert record is not None and record.text in app.main.query_one(DetailPane).shown.plain
    highlighted = [m for m in seen if isinstance(m, RecordList.Highlighted)]
    assert any(m.record is None for m in highlighted)


async def test_n_and_N_step_through_the_search_words_in_the_article(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"Kirklees", "enter", "enter")
        source = app.screen
        assert isinstance(source, SourceScreen)
        total = len(source.hits)
        assert total >= 2
        heading = str(source.query_one("#source-heading", Static).render())
        assert f"{total} hits" in heading
        await pilot.press("n")
        first = source.current
        assert first is not None
        assert f"hit {first + 1} of {total}" in str(source.query_one("#source-heading", Static).render())
        number, start, end = source.hits[first]
        paragraph = source.query_one(f"#p{number}", Static).render()
        assert isinstance(paragraph, Content)
        styles = [s.style for s in paragraph.spans if (s.start, s.end) == (start, end)]
        # the current hit, readable without colour
        assert any(not isinstance(s, str) and s.underline and s.reverse for s in styles)
        await pilot.press("n")
        assert source.current == (first + 1) % total
        await pilot.press("N", "N")
        assert source.current == (first - 1) % total


async def test_slash_finds_words_in_the_article(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        source = app.screen
        assert isinstance(source, SourceScreen) and source.hits == []
        await pilot.press("n")  # no words yet: a hint, not an error
        await pilot.press("slash", *"ofsted", "enter")
        assert source.query_one("#find", Input).value == "ofsted"
        assert source.hits and source.current is not None
        number, start, end = source.hits[source.current]
        assert source._printed(number).plain[start:end].casefold() == "ofsted"
        await pilot.press("escape")  # from the article: back to the main screen
        assert app.screen is app.main


async def test_at_80_columns_the_status_keeps_its_counts(make_app: MakeApp) -> None:
    app = make_app(themes=("caseloads", "workforce", "risk-and-harm"), words="social workers")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("o", "s")
        line = status(app)
        assert len(line) <= 78
        findings, quotes = len(listed(app, "findings")), len(listed(app, "quotes"))
        finding_word = "finding" if findings == 1 else "findings"
        assert f"{findings} {finding_word}, {quotes} quote" in line
        assert "…" in line and "visit" in line  # the filter's words shortened, the sort kept
        assert app.main.query_one(StatusLine).status is not None


async def test_the_grids_hint_fits_and_it_says_it_scrolls(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("g")
        grid = app.screen
        assert isinstance(grid, GridScreen)
        await pilot.pause()
        heading = str(grid.query_one("#grid-heading", Static).render())
        assert all(len(line) <= 78 for line in heading.splitlines())
        assert "enter: these findings" in heading
        scroll = grid.query_one("#grid-scroll", Static)
        assert scroll.display and "more visits ▶" in str(scroll.render())
        table = grid.query_one("#grid", DataTable)
        for _ in range(len(grid.visits)):
            await pilot.press("right")
        await pilot.pause()
        assert table.scroll_x > 0 and "◀ more visits" in str(scroll.render())
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        assert not scroll.display  # wide enough: nothing to say


async def test_page_keys_move_the_visit_chosen(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        pane = app.main.query_one(VisitsPane)
        pane.focus()
        await pilot.press("pagedown")
        assert pane.cursor > 1 and pane.chosen is not None
        assert {f.visit_id for f in listed(app, "findings")} == {pane.chosen}
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert pane.chosen == catalog.visits[-1].id
        await pilot.press("pageup", "pageup", "pageup", "pageup")
        assert pane.chosen is None


async def test_counts_read_as_words(make_app: MakeApp) -> None:
    app = make_app(themes=("caseloads",))
    async with app.run_test(size=(120, 36)) as pilot:
        await loaded(pilot)
        catalog = app.main.catalog
        assert catalog is not None
        counts = catalog.visit_counts(app.main.filter)
        assert any(1 in pair for pair in counts.values()), "a count of one for the test to read"
        pane = app.main.query_one(VisitsPane)
        lines = [pane.render_line(y).text.strip() for y in range(pane.virtual_size.height)]
        for found, said in counts.values():
            assert f"{counted(found, 'finding')} · {counted(said, 'quote')}" in lines
        assert not any("1 findings" in line or "1 quotes" in line for line in lines)
        findings = len(catalog.select("findings", app.main.filter))
        quotes = len(catalog.select("quotes", app.main.filter))
        assert f"{counted(findings, 'finding')}, {counted(quotes, 'quote')}" in status(app)
        await pilot.press("c")
        timeline = app.screen.query_one("#timeline", OptionList)
        prompts = "\n".join(str(timeline.get_option_at_index(i).prompt) for i in range(timeline.option_count))
        assert "article(s)" not in prompts
        for visit in catalog.visits:
            kinds = [catalog.sources[s].kind for s in visit.source_ids]
            assert f"· {sources_counted(kinds)}" in prompts  # "3 articles, 1 report", "1 article"
        assert "· 1 article" in prompts and ", 1 report" in prompts
