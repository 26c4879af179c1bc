"""Dates are validated on read and write: real calendar dates, to the precision they claim,
starts not after ends; every message names table, record and field; `check` lists them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from kirklees_tui.cli import cli
from kirklees_tui.store.decode import decode_store
from kirklees_tui.store.errors import StoreError
from kirklees_tui.store.read import load_store
from kirklees_tui.store.update import write_tables
from tests.unit.test_import import CALDERDALE

Tables = dict[str, Any]


def _record(tables: Tables, table: str, record_id: str) -> dict[str, Any]:
    return next(r for r in tables[table].values() if r["id"] == record_id)


def _set(table: str, record_id: str, **fields: Any) -> Callable[[Tables], None]:
    def change(tables: Tables) -> None:
        _record(tables, table, record_id).update(fields)

    return change


def _role_date(value: str) -> Callable[[Tables], None]:
    def change(tables: Tables) -> None:
        person = next(p for p in tables["people"].values() if p["roles"])
        person["roles"][0]["date"] = value

    return change


BAD_DATES: dict[str, tuple[Callable[[Tables], None], str]] = {
    "not a date": (
        _set("visits", "2017-06-monitoring", start="banana"),
        "visits[2017-06-monitoring].start: 'banana' is not a date",
    ),
    "month 13, day 45": (
        _set("visits", "2017-06-monitoring", start="2017-13-45", end="2017-13-45", precision="day"),
        "visits[2017-06-monitoring].start: '2017-13-45' is not a real date",
    ),
    "30 February": (
        _set("visits", "2017-06-monitoring", start="2017-02-30", end="2017-02-30", precision="day"),
        "visits[2017-06-monitoring].start: '2017-02-30' is not a real date",
    ),
    "start after end": (
        _set("visits", "2017-06-monitoring", end="2017-05"),
        "visits[2017-06-monitoring].end: '2017-05' is before its start '2017-06'",
    ),
    "event month 99": (
        _set("events", "e-000-001", date="2016-99", precision="month"),
        "events[e-000-001].date: '2016-99' is not a real date",
    ),
    "source published 20x7": (
        _set("sources", "000_b107b566a9736a84", published="20x7"),
        "sources[000_b107b566a9736a84].published: '20x7' is not a date",
    ),
    "precision day, value a month": (
        _set("sources", "001_47eaf57ab7d31028", precision="day"),
        "sources[001_47eaf57ab7d31028].published: '2017-08' is to the month, but its precision says day",
    ),
    "29 February 2017": (_role_date("2017-02-29"), "].roles[0].date: '2017-02-29' is not a real date"),
}


def _bad(store_path: Path, case: str) -> bytes:
    change, _ = BAD_DATES[case]
    tables = orjson.loads(store_path.read_bytes())
    change(tables)
    data = orjson.dumps(tables)
    store_path.write_bytes(data)
    return data


@pytest.mark.parametrize("case", BAD_DATES)
def test_check_names_a_bad_date_and_exits_1(store_path: Path, case: str) -> None:
    data = _bad(store_path, case)
    result = CliRunner().invoke(cli, ["check", "--db", str(store_path)])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()  # a bad start and end are two lines
    assert lines[0].startswith(f"{store_path}: ") and BAD_DATES[case][1] in lines[0], result.output
    assert len(lines) <= 2
    assert store_path.read_bytes() == data


@pytest.mark.parametrize("case", BAD_DATES)
def test_reading_refuses_a_bad_date_by_both_paths(store_path: Path, case: str) -> None:
    data = _bad(store_path, case)
    assert decode_store(data) is None  # the fast path declines...
    with pytest.raises(StoreError) as refused:  # ...and the precise one names the place
        load_store(store_path)
    assert BAD_DATES[case][1] in str(refused.value)
    exported = CliRunner().invoke(cli, ["export", "--db", str(store_path)])
    assert exported.exit_code == 2 and BAD_DATES[case][1] in exported.output


def test_an_import_does_not_rewrite_a_store_with_a_bad_date(store_path: Path) -> None:
    data = _bad(store_path, "30 February")
    result = CliRunner().invoke(cli, ["import", str(CALDERDALE), "--db", str(store_path)])
    assert result.exit_code == 2 and "'2017-02-30' is not a real date" in result.output
    assert store_path.read_bytes() == data


def test_a_bad_date_is_never_written(store_path: Path) -> None:
    data = store_path.read_bytes()
    tables = orjson.loads(data)
    _set("events", "e-000-001", date="2016-02-30", precision="day")(tables)
    with pytest.raises(StoreError, match=r"refusing to write .*events\[e-000-001\]\.date"):
        write_tables(store_path, tables)
    assert store_path.read_bytes() == data


def test_published_option_must_be_a_real_date(store_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["import", str(CALDERDALE), "--db", str(store_path), "--published", "2017-02-30"]
    )
    assert result.exit_code == 2
    assert result.output.strip() == "kirklees-tui: --published: '2017-02-30' is not a real date"


def test_check_lists_every_bad_date(store_path: Path) -> None:
    tables = orjson.loads(store_path.read_bytes())
    _set("visits", "2017-06-monitoring", start="banana")(tables)
    _set("events", "e-000-001", date="2016-99")(tables)
    store_path.write_bytes(orjson.dumps(tables))
    result = CliRunner().invoke(cli, ["check", "--db", str(store_path)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 2


def test_a_duplicate_key_names_its_table_and_record(store_path: Path) -> None:
    data = store_path.read_bytes()
    twice = data.replace(b'"stance":"concern"', b'"stance":"concern","stance":"progress"', 1)
    store_path.write_bytes(twice)
    first = next(doc for doc, r in orjson.loads(data)["findings"].items() if r["stance"] == "concern")
    with pytest.raises(StoreError, match=rf"findings\[{first}\]: duplicate key 'stance'"):
        load_store(store_path)
    in_people = data.replace(b'"aliases":', b'"kind":"other","aliases":', 1)
    store_path.write_bytes(in_people)
    with pytest.raises(StoreError, match=r"people\[1\]: duplicate key 'kind'"):
        load_store(store_path)
