"""Issue 19, point 3 in the browser: each quotation of Ofsted marked ✓ ≠ ? without colour,
the detail giving the report's words and the difference, `enter` opening the report at the
passage and `a` the article that quoted it."""

from __future__ import annotations

from textual.pilot import Pilot

from kirklees_tui.query.checked import CHECK_MARKS
from kirklees_tui.store.model import Quote
from kirklees_tui.ui.app import KirkleesApp
from kirklees_tui.ui.screens.source import SourceScreen
from kirklees_tui.ui.widgets.detail_pane import DetailPane
from kirklees_tui.ui.widgets.record_list import RecordList, record_line
from tests.functional.conftest import MakeApp, listed, loaded


async def _on_quote(app: KirkleesApp, pilot: Pilot[None], status: str | None) -> Quote:
    """Put the quotes' cursor on the first quotation whose check is `status` (None: no check)."""
    quotes = listed(app, "quotes")
    index = next(
        i
        for i, q in enumerate(quotes)
        if (q.check.status if isinstance(q, Quote) and q.check else None) == status
    )
    pane = app.main.query_one("#quotes", RecordList)
    pane.focus()
    await pilot.pause()
    pane.cursor = index
    await pilot.pause()
    quote = quotes[index]
    assert isinstance(quote, Quote)
    return quote


async def test_each_quotation_row_shows_its_check_mark(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        catalog = await loaded(pilot)
        for quote in listed(app, "quotes"):
            assert isinstance(quote, Quote)
            row = record_line(quote, {})
            mark = CHECK_MARKS[quote.check.status] if quote.check else " "
            assert row.startswith(f"{mark} "), row
        marks = {record_line(q, {})[0] for q in catalog.quotes}
        assert {"✓", "≠", "?", " "} <= marks


async def test_the_detail_gives_the_reports_words_and_the_difference(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        catalog = await loaded(pilot)
        quote = await _on_quote(app, pilot, "altered")
        assert quote.check is not None and quote.check.source_id is not None
        shown = app.main.query_one(DetailPane).shown.plain
        report = catalog.sources[quote.check.source_id]
        words = report.text[quote.check.start or 0 : quote.check.end or 0]
        assert f"≠ altered from the report's words: {quote.check.difference}" in shown
        assert f"The report: “{words}”" in shown and f"page {quote.check.page}" in shown
        await _on_quote(app, pilot, "no report")
        assert "? no report of its visit" in app.main.query_one(DetailPane).shown.plain


async def test_enter_opens_the_report_at_the_passage_and_a_the_article(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        quote = await _on_quote(app, pilot, "verified")
        assert quote.check is not None
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        assert screen.source.kind == "report" and screen.source.id == quote.check.source_id
        assert (screen.start, screen.end) == (quote.check.start, quote.check.end)
        await pilot.press("a")
        article = app.screen
        assert isinstance(article, SourceScreen) and article is not screen
        assert article.source.id == quote.source_id and (article.start, article.end) == (
            quote.start,
            quote.end,
        )
        await pilot.press("escape")  # back to the lists, not to the report
        assert app.screen is app.main
        assert catalog.sources[quote.source_id].kind == "article"


async def test_a_reply_opens_its_article_and_has_no_report_to_go_to(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        quote = await _on_quote(app, pilot, None)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, SourceScreen) and screen.source.id == quote.source_id
        await pilot.press("a")  # no report behind a councillor's words: nothing happens
        assert app.screen is screen
