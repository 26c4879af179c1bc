"""Issue 17, point 6: a store about two councils (Kirklees', and Wakefield's 2019 inspection
imported). The visits pane groups them, `A` and the palette choose one, the grid and the
chronology show one council at a time, and every visit label says whose it is."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import DataTable, OptionList, Static

from kirklees_tui.query.filter import Filter
from kirklees_tui.ui.app import KirkleesApp
from kirklees_tui.ui.commands import KirkleesCommands
from kirklees_tui.ui.screens.chronology import ChronologyScreen
from kirklees_tui.ui.screens.council_picker import CouncilPicker
from kirklees_tui.ui.screens.grid import GridScreen
from kirklees_tui.ui.widgets.detail_pane import DetailPane
from kirklees_tui.ui.widgets.visits_pane import VisitsPane
from tests.functional.conftest import MakeApp, listed, loaded, notices, status

WAKEFIELD_VISIT = "wakefield-2019-09-full"


def _pane_lines(pane: VisitsPane) -> list[str]:
    return [pane.render_line(y).text.rstrip() for y in range(pane.virtual_size.height)]


async def test_the_visits_pane_groups_visits_by_council(make_app: MakeApp, two_councils: Path) -> None:
    app = make_app(db=two_councils)
    async with app.run_test(size=(80, 40)) as pilot:
        catalog = await loaded(pilot)
        assert catalog.authorities == ("Kirklees", "Wakefield")
        pane = app.main.query_one(VisitsPane)
        lines = _pane_lines(pane)
        kirklees, wakefield = lines.index("── Kirklees ──"), lines.index("── Wakefield ──")
        assert kirklees < wakefield
        assert any("2019-09 full inspection" in line for line in lines[wakefield:])
        assert not any("2019-09" in line for line in lines[kirklees:wakefield])
        pane.focus()
        await pilot.press("end")  # the last visit: Wakefield's
        assert pane.chosen == WAKEFIELD_VISIT
        assert {f.visit_id for f in listed(app, "findings")} == {WAKEFIELD_VISIT}
        detail = app.main.query_one(DetailPane).shown.plain
        assert detail.startswith("▼ concern · Wakefield · visit")  # the council named


async def test_a_picks_a_council_and_the_lists_and_pane_follow(make_app: MakeApp, two_councils: Path) -> None:
    app = make_app(db=two_councils)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        catalog = await loaded(pilot)
        await pilot.press("A")
        picker = app.screen
        assert isinstance(picker, CouncilPicker)
        options = picker.query_one("#council-picker", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "all councils" in prompts[0] and "Wakefield · 1 visit · 6 findings" in prompts[2]
        await pilot.press("down", "down", "enter")
        assert app.screen is app.main
        assert app.main.filter.authority == "Wakefield"
        findings = listed(app, "findings")
        assert findings and {f.visit_id for f in findings} == {WAKEFIELD_VISIT}
        assert all(catalog.authority_of(q) == "Wakefield" for q in listed(app, "quotes"))
        assert app.main.query_one(VisitsPane).visits == catalog.visits_of("Wakefield")
        assert status(app).startswith("Showing: Wakefield")
        assert any("Council: Wakefield" in n for n in notices(app))
        await pilot.press("escape")  # the council is a part escape clears
        assert app.main.filter.authority is None


async def test_the_palette_names_every_council(make_app: MakeApp, two_councils: Path) -> None:
    app = make_app(db=two_councils)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        entries = {c.name: c for c in KirkleesCommands(app.screen).entries()}
        assert {"council: Kirklees", "council: Wakefield", "council: all councils"} <= set(entries)
        assert entries[f"visit: {WAKEFIELD_VISIT}"].help.startswith("Wakefield: ")
        entries["council: Kirklees"].run()
        await pilot.pause()
        assert app.main.filter.authority == "Kirklees"
        assert WAKEFIELD_VISIT not in {f.visit_id for f in listed(app, "findings")}


async def test_the_grid_shows_one_council_and_switches(make_app: MakeApp, two_councils: Path) -> None:
    app = make_app(db=two_councils)
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await loaded(pilot)
        await pilot.press("g")
        grid = app.screen
        assert isinstance(grid, GridScreen)
        assert grid.council == "Kirklees"  # the store's main council by default
        assert WAKEFIELD_VISIT not in [v.id for v in grid.visits]
        heading = str(grid.query_one("#grid-heading", Static).render())
        assert heading.startswith("Kirklees: findings by theme and visit") and "A: another" in heading
        await pilot.press("A", "end", "enter")  # Wakefield's grid
        same: object = app.screen
        assert same is grid and grid.council == "Wakefield"
        table = grid.query_one("#grid", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["theme", "19-09 full"]
        assert str(grid.query_one("#grid-heading", Static).render()).startswith("Wakefield:")
        await pilot.press("enter")  # a Wakefield cell: the main screen narrows to it
        assert app.main.filter.visit == WAKEFIELD_VISIT
        assert all(catalog.authority_of(f) == "Wakefield" for f in listed(app, "findings"))


async def test_the_chronology_shows_one_council_and_switches(make_app: MakeApp, two_councils: Path) -> None:
    app = make_app(db=two_councils)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        chronology = app.screen
        assert isinstance(chronology, ChronologyScreen)
        ids = [getattr(e, "id", None) for e in chronology.entries]
        assert WAKEFIELD_VISIT not in ids and "2016-09-full" in ids
        await pilot.press("A")
        picker = app.screen
        assert isinstance(picker, CouncilPicker)
        options = picker.query_one("#council-picker", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any("all councils" in p for p in prompts), "one council at a time here"
        await pilot.press("end", "enter")
        assert chronology.council == "Wakefield"
        ids = [getattr(e, "id", None) for e in chronology.entries]
        assert WAKEFIELD_VISIT in ids and "2016-09-full" not in ids
        timeline = chronology.query_one("#timeline", OptionList)
        assert "Wakefield" in str(timeline.get_option_at_index(ids.index(WAKEFIELD_VISIT)).prompt)
        assert "Chronology of Wakefield" in str(chronology.query_one("#chronology-heading", Static).render())
        await pilot.press("g")  # the grid of the council chosen here, not the main screen's
        grid = app.screen
        assert isinstance(grid, GridScreen) and grid.council == "Wakefield"


async def test_one_council_has_no_council_key(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("A")
        assert app.screen is app.main  # nothing to choose between
        assert "Council" not in " ".join(app.main.query_one("KeyBar").keys)  # type: ignore[attr-defined]


async def test_the_command_lines_council_opens_the_browser_on_it(two_councils: Path) -> None:
    app = KirkleesApp(two_councils, Filter(authority="wakefield"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.main.filter.authority == "Wakefield"  # named as the store names it
        assert {f.visit_id for f in listed(app, "findings")} == {WAKEFIELD_VISIT}


async def test_typing_narrows_the_council_picker_and_the_cursor_is_marked(
    make_app: MakeApp, two_councils: Path
) -> None:
    app = make_app(db=two_councils)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("A")
        picker = app.screen
        assert isinstance(picker, CouncilPicker)
        options = picker.query_one("#council-picker", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts[0].startswith("▶• all councils"), "the cursor ▶ and the council shown now •"
        assert [p[3:].split(" · ")[0] for p in prompts[1:]] == ["Kirklees", "Wakefield"]
        await pilot.press("w", "A", "k")  # any part of the name, in any case
        await pilot.pause()
        assert options.option_count == 1
        assert str(options.get_option_at_index(0).prompt).startswith("▶  Wakefield")
        await pilot.press("z")
        await pilot.pause()
        assert options.option_count == 0
        assert "no council matches “wAkz”" in str(picker.query_one("#council-box").border_subtitle)
        await pilot.press("backspace", "enter")
        assert app.main.filter.authority == "Wakefield"


def test_timeline_and_export_are_one_councils_and_say_whose(two_councils: Path) -> None:
    """As the chronology screen: the main council by default, another by name, or all."""
    from click.testing import CliRunner

    from kirklees_tui.cli import cli

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, [*args, "--db", str(two_councils)])
        assert result.exit_code == 0, result.output
        return result.output

    main = run("timeline")
    assert main.startswith("# Kirklees inspections: chronology") and "Wakefield" not in main
    theirs = run("timeline", "--authority", "wakefield")
    assert theirs.startswith("# Wakefield inspections: chronology")
    assert "2019-09" in theirs and "2016-09" not in theirs
    every = run("timeline", "--authority", "all")
    assert every.startswith("# Inspections of every council") and "Wakefield" in every and "2016-09" in every
    grid_head = next(line for line in every.splitlines() if line.startswith("| theme |"))
    assert "| Kirklees 2016-09-12 full |" in grid_head and "| Wakefield 2019-09 full |" in grid_head, "whose"
    visits = json.loads(run("timeline", "--authority", "Wakefield", "--format", "json"))["visits"]
    assert [v["id"] for v in visits] == [WAKEFIELD_VISIT]
    everyone = json.loads(run("timeline", "--format", "json"))  # the contract: every council's
    assert {v["authority"] for v in everyone["visits"]} == {"Kirklees", "Wakefield"}
    assert run("export", "--authority", "Wakefield", "--format", "md").startswith("# Wakefield inspections:")
    assert run("export", "--format", "md").startswith("# Inspections of 2 councils:")


def test_one_councils_events_never_take_anothers_reported_the_same_day(two_councils: Path) -> None:
    """Events are chosen by council before a day's reports of one kind are grouped: a
    Wakefield article's event dated as a Kirklees one stays Wakefield's."""
    from msgspec.structs import replace

    from kirklees_tui.query.catalog import Catalog
    from kirklees_tui.query.chronology import event_groups
    from kirklees_tui.store.read import load_store

    store = load_store(two_councils)
    wakefield = {s for v in store.visits if v.authority == "Wakefield" for s in v.source_ids}
    kirklees_event = store.events[0]
    assert kirklees_event.source_id not in wakefield
    theirs = replace(kirklees_event, id="e-wakefield", source_id=sorted(wakefield)[0])
    catalog = Catalog(replace(store, events=(*store.events, theirs)))
    mine = [e.id for g in event_groups(catalog, "Kirklees") for e in g.events]
    assert kirklees_event.id in mine and "e-wakefield" not in mine
    assert [e.id for g in event_groups(catalog, "Wakefield") for e in g.events] == ["e-wakefield"]


async def test_a_council_named_like_markup_is_text_in_the_palette(
    make_app: MakeApp, two_councils: Path
) -> None:
    """Names come from PDFs and the record; Textual reads a hit's help as markup."""
    import orjson

    raw = orjson.loads(two_councils.read_bytes())
    for visit in raw["visits"].values():
        if visit["authority"] == "Wakefield":
            visit["authority"] = "Wake [/] field"
    two_councils.write_bytes(orjson.dumps(raw))
    app = make_app(db=two_councils)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"council")
        await pilot.pause(0.5)
        assert app.is_running and app.return_code is None, "the palette showed the name as text"
        helps = [c.help for c in KirkleesCommands(app.screen).entries() if c.name.startswith("council: Wake")]
        assert helps == ["Only Wake \\[/] field's visits"]


RECORD_ROWS = (
    ",".join(
        "urn local_authority inspection_link pdf_filename publication_date inspection_framework "
        "inspector_name inspection_start_date inspection_end_date overall_effectiveness_grade "
        "impact_of_leaders_grade help_and_protection_grade in_care_grade care_leavers_grade "
        "parser_version".split()
    ),
    "1,testshire,https://example.org/1,a.pdf,05/08/19,standard,A Inspector,10/06/2019,21/06/2019,"
    "good,good,good,good,inspection_pre_dates_judgement,1",
    "1,testshire,https://example.org/2,b.pdf,05/08/23,short,B Inspector,10/06/2023,14/06/2023,"
    "inadequate,inadequate,inadequate,inadequate,inadequate,1",
)


async def test_the_detail_follows_the_cursor_between_visits_with_no_findings(
    make_app: MakeApp, two_councils: Path, tmp_path: Path
) -> None:
    """Visits the record alone knows list nothing: the detail says what is known of each,
    and moves with the cursor (it once kept the first one's)."""
    from click.testing import CliRunner

    from kirklees_tui.cli import cli

    record = tmp_path / "record.csv"
    record.write_text("\n".join(RECORD_ROWS) + "\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["import", "--record", str(record), "--db", str(two_councils)])
    assert done.exit_code == 0, done.output
    app = make_app(db=two_councils)
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        pane = app.main.query_one(VisitsPane)
        pane.focus()
        await pilot.press("end", "up")  # Testshire's visits come before Wakefield's (by name)
        await pilot.pause()
        detail = app.main.query_one(DetailPane)
        assert "Testshire, full inspection, 2023-06-10 to 2023-06-14" in detail.shown.plain
        assert "Inadequate" in detail.shown.plain and "B Inspector" in detail.shown.plain
        await pilot.press("up")
        await pilot.pause()
        assert "Testshire, full inspection, 2019-06-10 to 2019-06-21" in detail.shown.plain
        assert "A Inspector" in detail.shown.plain
