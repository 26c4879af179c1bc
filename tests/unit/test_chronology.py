"""The chronology: events in the store, the stance grid, people's roles, `timeline`, --speaker."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
from click.testing import CliRunner

from kirklees_tui.cli import cli
from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.chronology import cell_text, visits_in_order
from kirklees_tui.query.filter import Filter
from kirklees_tui.store.errors import StoreError
from kirklees_tui.store.integrity import problems
from kirklees_tui.store.model import STANCES, StoreData
from kirklees_tui.store.read import load_store


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_grid_numbers_equal_the_catalogs_filtered_counts(catalog: Catalog) -> None:
    grid = catalog.stance_grid(Filter())
    for theme in catalog.theme_ids:
        for visit in catalog.visits:
            rows = catalog.select("findings", Filter(themes=frozenset({theme}), visit=visit.id))
            stances = [catalog.findings[r].stance for r in rows]
            assert grid[theme][visit.id] == {s: stances.count(s) for s in STANCES}
    assert sum(sum(c.values()) for row in grid.values() for c in row.values()) > 0


def test_grid_cells_read_without_colour() -> None:
    assert cell_text({"concern": 3, "progress": 1, "strength": 0}) == "3▼ 1▲"
    assert cell_text({"concern": 0, "progress": 0, "strength": 0}) == "·"


def test_events_are_spans_of_their_sources(built: StoreData) -> None:
    kinds = {e.kind for e in built.events}
    assert {"alarm", "intervention", "partnership", "strike", "leadership"} <= kinds
    texts = {s.id: s.text for s in built.sources}
    assert all(texts[e.source_id][e.start : e.end] == e.text for e in built.events)
    strike = next(e for e in built.events if e.kind == "strike")
    assert strike.date == "2017-07" and "Last month" in strike.basis
    alarm = next(e for e in built.events if e.kind == "alarm")
    assert alarm.date == "2015-08"


def test_check_catches_an_event_whose_span_moved(built: StoreData) -> None:
    from msgspec.structs import replace

    moved = replace(built.events[0], start=built.events[0].start + 1)
    store = replace(built, events=(moved, *built.events[1:]))
    assert any(line.startswith(f"events[{moved.id}]") for line in problems(store))


def test_a_version_1_store_without_events_is_still_read(store_path: Path) -> None:
    tables = orjson.loads(store_path.read_bytes())
    tables.pop("events")
    tables["meta"]["1"]["schema_version"] = 1
    store_path.write_bytes(orjson.dumps(tables))
    assert load_store(store_path).events == ()
    tables["meta"]["1"]["schema_version"] = 7
    store_path.write_bytes(orjson.dumps(tables))
    try:
        load_store(store_path)
    except StoreError as error:
        assert "reads version 1, 2 or 3, got 7" in str(error)
    else:
        raise AssertionError("version 7 was accepted")


def test_people_keep_every_role_in_time_order(built: StoreData) -> None:
    walker = next(p for p in built.people if p.name == "Steve Walker")
    roles = [r.role.lower() for r in walker.roles]
    assert "interim director" in roles and any(r.startswith("director") for r in roles)


def test_timeline_json_contract(store_path: Path, catalog: Catalog) -> None:
    status, output = _cli("timeline", "--db", str(store_path), "--format", "json")
    assert status == 0
    data = json.loads(output)
    assert set(data) == {"visits", "events", "grid", "people"}
    assert [v["id"] for v in data["visits"]] == [v.id for v in visits_in_order(catalog)]
    assert [v["start"] for v in data["visits"]] == sorted(v["start"] for v in data["visits"])
    texts = {s.id: s.text for s in catalog.store.sources}
    for event in data["events"]:
        assert texts[event["source_id"]][event["start"] : event["end"]] == event["text"]
        assert set(event["citation"]) == {"publisher", "title", "date", "paragraph", "page", "source_id"}
    assert [e["date"] for e in data["events"]] == sorted(e["date"] for e in data["events"])
    grid = catalog.stance_grid(Filter())
    assert data["grid"]["caseloads"]["2018-monitoring-5"] == grid["caseloads"]["2018-monitoring-5"]
    assert set(data["grid"]) == set(catalog.theme_ids)


def test_timeline_theme_option_and_markdown(store_path: Path) -> None:
    status, output = _cli("timeline", "--db", str(store_path), "--theme", "caseloads", "--format", "json")
    grid = json.loads(output)["grid"]
    assert status == 0 and list(grid) == ["caseloads"]
    marks = (("concern", "▼"), ("progress", "▲"), ("strength", "★"))
    cells = [" ".join(f"{c[s]}{m}" for s, m in marks if c[s]) or "·" for c in grid["caseloads"].values()]
    assert any(cell != "·" for cell in cells)
    status, output = _cli("timeline", "--db", str(store_path), "--theme", "caseloads")
    assert status == 0
    assert "- 2015-08 — alarm raised: “" in output
    assert "| caseloads | " + " | ".join(cells) + " |" in output  # the same grid as the JSON
    assert "**Steve Walker** (council officer" in output
    status, output = _cli("timeline", "--db", str(store_path), "--theme", "nope")
    assert status == 2 and "no theme 'nope'" in output


def test_export_by_speaker_accepts_an_alias(store_path: Path) -> None:
    status, output = _cli(
        "export", "--db", str(store_path), "--records", "quotes", "--speaker", "mr walker", "--format", "json"
    )
    assert status == 0
    speakers = {q["speaker"] for q in json.loads(output)}
    assert speakers == {"Steve Walker"}
    status, output = _cli("export", "--db", str(store_path), "--speaker", "Nobody Atall")
    assert status == 2 and "no speaker 'Nobody Atall'" in output
