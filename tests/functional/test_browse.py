"""Pilot tests: press the keys a person would, assert what is listed and shown."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.message import Message
from textual.widgets import Input, Static

from kirklees_tui.ui.app import KirkleesApp
from kirklees_tui.ui.screens.main import MainScreen
from kirklees_tui.ui.screens.source import SourceScreen
from kirklees_tui.ui.widgets.detail_pane import DetailPane
from kirklees_tui.ui.widgets.record_list import RecordList
from kirklees_tui.ui.widgets.theme_rail import ThemeRail
from tests.functional.conftest import (
    FINDINGS,
    QUOTES,
    HeldLoadApp,
    MakeApp,
    ended,
    listed,
    loaded,
    status,
)


async def test_opens_with_everything_listed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        assert len(listed(app, "findings")) == len(catalog.findings) == FINDINGS
        assert len(listed(app, "quotes")) == QUOTES
        assert "Showing: everything" in status(app)


async def test_number_key_toggles_a_theme(make_app: MakeApp) -> None:
    seen: list[Message] = []
    app = make_app()
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await loaded(pilot)
        await pilot.press("1")
        findings = listed(app, "findings")
        assert findings and all("caseloads" in f.themes for f in findings)
        assert all("caseloads" in q.themes for q in listed(app, "quotes"))
        assert "themes caseloads" in status(app)
        assert app.main.query_one(ThemeRail).counts["caseloads"] == len(findings) + len(listed(app, "quotes"))
        await pilot.press("1")
        assert len(listed(app, "findings")) == FINDINGS
    assert any(isinstance(m, RecordList.Highlighted) for m in seen)


async def test_any_all_and_exclude(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("1", "6")
        some = {f.id for f in listed(app, "findings")}
        await pilot.press("a")
        every = listed(app, "findings")
        assert {f.id for f in every} <= some
        assert all({"caseloads", "workforce"} <= set(f.themes) for f in every)
        assert "caseloads and workforce" in status(app)
        await pilot.press("a", "6", "1", "4", "x")  # back to any; exclude risk-and-harm
        rest = listed(app, "findings")
        assert rest and all("risk-and-harm" not in f.themes for f in rest)
        assert "not risk-and-harm" in status(app)


async def test_search_narrows_as_you_type_and_q_is_a_letter(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        await pilot.press("slash", *"caseload")
        assert {f.id for f in listed(app, "findings")} == {
            f.id for f in catalog.findings if "caseload" in f.text.lower()
        }
        assert "words “caseload”" in status(app)
        await pilot.press("q")
        assert app.is_running and app.main.query_one("#search", Input).value == "caseloadq"
        await pilot.press("backspace", "escape")
        assert not app.main.query_one("#search", Input).has_focus
        await pilot.press("escape")
        assert app.main.query_one("#search", Input).value == ""
        assert len(listed(app, "findings")) == FINDINGS


async def test_search_is_literal_not_a_regex(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"(.*")
        assert listed(app, "findings") == []
        assert app.is_running


async def test_keys_typed_at_once_after_slash_all_go_to_the_search(make_app: MakeApp) -> None:
    """A fast typist or a paste: "/caseloads" arrives in one read. Every character after the
    slash is search text; none may reach the panes' keys (`c` opens the chronology, `a`
    switches any/all, `e` exports)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for character in "/caseloads":  # queued together, as the terminal driver does
            app.post_message(events.Key("slash" if character == "/" else character, character))
        await pilot.pause(0.2)
        assert app.screen is app.main
        assert app.main.query_one("#search", Input).value == "caseloads"
        assert "words “caseloads”" in status(app) and app.main.filter.match == "any"


async def test_a_slash_typed_in_the_search_is_searched_for(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", "a", "slash", "b")
        assert app.main.query_one("#search", Input).value == "a/b"


async def test_choosing_a_visit_narrows_both_lists(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        app.main.query_one("#visits").focus()
        await pilot.press("down")
        visit = catalog.visits[0].id
        assert {f.visit_id for f in listed(app, "findings")} == {visit}
        assert {q.visit_id for q in listed(app, "quotes")} <= {visit}
        assert f"visit {visit}" in status(app)
        await pilot.press("up")
        assert len(listed(app, "findings")) == FINDINGS


async def test_enter_opens_the_passage_and_escape_returns(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        third = listed(app, "findings")[2]
        await pilot.press("down", "down", "enter")
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        record = screen.record
        assert record.id == third.id
        passage = screen.query_one(f"#p{screen.paragraph}", Static)
        assert record.text in str(passage.render())
        heading = str(screen.query_one("#source-heading", Static).render())
        assert f"paragraph {screen.paragraph}" in heading and "Huddersfield Examiner" in heading
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.main.query_one("#findings", RecordList).cursor == 2


async def test_copy_puts_text_and_citation_on_the_clipboard(make_app: MakeApp) -> None:
    app = make_app()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        await pilot.press("y")
        first = catalog.findings[0]
        assert copied and first.text in copied[0] and "paragraph" in copied[0]


async def test_export_writes_and_refuses_to_overwrite_without_confirmation(
    make_app: MakeApp, tmp_path: Path
) -> None:
    target = tmp_path / "view.json"
    app = make_app(themes=("caseloads",))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        field = app.screen.query_one("#export-path", Input)
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        import json

        rows = json.loads(target.read_text(encoding="utf-8"))
        assert rows and all("caseloads" in r["themes"] for r in rows)
        target.write_text("keep me", encoding="utf-8")
        await pilot.press("e")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        assert target.read_text(encoding="utf-8") == "keep me"
        assert "exists" in str(app.screen.query_one("#export-note", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") != "keep me"


async def test_command_line_filters_open_the_app_filtered(make_app: MakeApp) -> None:
    app = make_app(themes=("drift-and-delay",), words="children")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        findings = listed(app, "findings")
        assert findings and all(
            "drift-and-delay" in f.themes and "children" in f.text.lower() for f in findings
        )
        assert app.main.query_one("#search", Input).value == "children"


async def test_unknown_theme_ends_the_app_with_status_2(make_app: MakeApp) -> None:
    app = make_app(themes=("nope",))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "no theme 'nope'" in await ended(pilot)
    assert app.return_code == 2


async def test_broken_store_ends_the_app_with_status_2(make_app: MakeApp, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    app = make_app(db=broken)
    async with app.run_test(size=(80, 24)) as pilot:
        assert str(broken) in await ended(pilot)
    assert app.return_code == 2


async def test_quit_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", "ctrl+q")
    assert not app.is_running
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("q")
    assert not app.is_running


async def test_too_small_terminal_says_so(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(40, 10)) as pilot:
        await loaded(pilot)
        assert app.main.has_class("-too-small")
        notice = str(app.main.query_one("#too-small", Static).render())
        assert "too small" in notice and "40x10" in notice
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.main.has_class("-too-small")


async def test_palette_offers_themes_visits_and_export(make_app: MakeApp) -> None:
    from kirklees_tui.ui.commands import KirkleesCommands

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        names = [c.name for c in KirkleesCommands(app.screen).entries()]
        assert "theme: caseloads" in names and "export: markdown" in names
        assert any(n.startswith("visit: 2019") for n in names)
        command = {c.name: c.run for c in KirkleesCommands(app.screen).entries()}
        command["theme: caseloads"]()
        await pilot.pause()
        assert "caseloads" in app.main.filter.themes


async def test_long_lists_scroll_to_the_end_and_back(tmp_path: Path) -> None:
    from benchmarks.synthetic import write_synthetic
    from kirklees_tui.query.filter import Filter

    store = write_synthetic(tmp_path / "big.json", 2000)
    app = KirkleesApp(store, Filter())
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        findings = app.main.query_one("#findings", RecordList)
        await pilot.press("end")
        assert findings.cursor == 1999
        assert findings.scroll_offset.y > 0
        last = findings.render_line(findings.cursor - int(findings.scroll_offset.y))
        assert "▶" in last.text
        await pilot.press("1")  # re-filter while scrolled: back to the top, still consistent
        assert findings.scroll_offset.y == 0 and findings.cursor == 0
        assert findings.virtual_size.height == findings.count
        await pilot.press("pagedown")
        assert findings.cursor > 0


async def test_a_store_that_loads_before_the_panes_are_composed_is_shown(make_app: MakeApp) -> None:
    """The loader starts before the main screen is composed; a store that comes first (as a
    small one can) waits for the panes instead of failing to find them."""

    class InstantLoad(HeldLoadApp):
        def load_data(self, reload: bool = False) -> None:  # type: ignore[override]
            assert not self.main.is_mounted
            self.hand_over()

    app = make_app(app=InstantLoad)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.error is None
        assert len(listed(app, "findings")) == FINDINGS
        assert app.main.query_one("#findings").border_title == f"Findings {FINDINGS}"
        assert f"{FINDINGS} findings, {QUOTES} quotes" in status(app)


async def test_until_the_store_arrives_the_splash_line_stays_and_no_empty_pane_is_drawn(
    make_app: MakeApp,
) -> None:
    """The panes are drawn once, with their data, and the findings then have the focus."""
    app = make_app(app=HeldLoadApp)
    assert isinstance(app, HeldLoadApp)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [w for w in app.main.query("*") if w.display and w.region.area]
        assert [w.id for w in shown] == ["loading"]
        assert "loading the store" in str(app.main.query_one("#loading", Static).render())
        handed = app.hand_over()
        await loaded(pilot)
        await pilot.pause()
        assert handed.shown.is_set()  # the screen drew it, and the app let the loader go on
        assert not app.main.query_one("#loading").display
        assert app.main.query_one("#findings").has_focus
        assert len(listed(app, "findings")) == FINDINGS
        await pilot.press("down")
        assert app.main.query_one("#findings", RecordList).cursor == 1


async def test_the_detail_shows_the_whole_record_with_search_words_marked(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"drift", "enter")
        record = app.main.current_record()
        assert record is not None and "drift" in record.text.casefold()
        shown = app.main.query_one(DetailPane).shown
        catalog = app.main.catalog
        assert catalog is not None
        source = catalog.sources[record.source_id]
        assert record.text in shown.plain and source.place(record.start) in shown.plain  # whole, cited
        marked = {
            shown.plain[span.start : span.end].casefold()
            for span in shown.spans
            if str(span.style) == "bold underline"
        }
        assert marked == {"drift"}
