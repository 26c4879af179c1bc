"""The store: every kind of bad file gets one clear line, exit 2, and stays byte-identical."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from kirklees_tui.cli import cli
from kirklees_tui.store.errors import StoreError
from kirklees_tui.store.read import load_store, read_tables
from kirklees_tui.store.storage import OrjsonStorage
from kirklees_tui.store.update import write_tables
from tests.conftest import ROOT


def _valid(store_path: Path) -> bytes:
    return store_path.read_bytes()


def _edit(store_path: Path, change: Callable[[dict], None]) -> bytes:  # type: ignore[type-arg]
    tables = orjson.loads(store_path.read_bytes())
    change(tables)
    return orjson.dumps(tables)


FIRST = orjson.loads((ROOT / "db.json").read_bytes())["findings"]["1"]["id"]
"""The id of the store's first finding (records are kept in time order)."""

BAD_CONTENT: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "empty": (lambda p: b"", "empty file"),
    "whitespace only": (lambda p: b"  \n", "empty file"),
    "truncated": (lambda p: _valid(p)[: len(_valid(p)) // 2], "line "),
    "trailing data": (lambda p: _valid(p) + b"{}", "line "),
    "top level list": (lambda p: b"[1, 2]", "top level"),
    "table is a list": (lambda p: _edit(p, lambda t: t.update(findings=[])), "findings"),
    "record not an object": (
        lambda p: _edit(p, lambda t: t["findings"].update({"1": "text"})),
        "findings[1]",
    ),
    "non-integer id": (
        lambda p: _edit(p, lambda t: t["quotes"].update({"x1": t["quotes"]["1"]})),
        "quotes['x1']",
    ),
    "wrong field type": (
        lambda p: _edit(p, lambda t: t["findings"]["2"].update(start="9")),
        "findings[2].start",
    ),
    "bad stance": (
        lambda p: _edit(p, lambda t: t["findings"]["3"].update(stance="meh")),
        "findings[3].stance",
    ),
    "missing field": (
        lambda p: _edit(p, lambda t: t["quotes"]["1"].pop("speaker_kind")),
        "quotes[1].speaker_kind",
    ),
    "unknown table": (lambda p: _edit(p, lambda t: t.update(extra={})), "unknown table"),
    "invalid utf-8": (lambda p: _valid(p).replace(b"Kirklees", b"Kirk\xffees", 1), "invalid UTF-8"),
    "byte-order mark": (lambda p: b"\xef\xbb\xbf" + _valid(p), "byte-order mark"),
    "NaN": (lambda p: re.sub(rb'"start":\s*0', b'"start":NaN', _valid(p), count=1), "line "),
    "duplicate key": (
        lambda p: re.sub(
            rb'"schema_version":\s*(\d+)', rb'"schema_version":\1,"schema_version":\1', _valid(p)
        ),
        "duplicate key",
    ),
    "absurd nesting": (lambda p: b"[" * 100_000 + b"]" * 100_000, "nesting"),
    "span past the end": (
        lambda p: _edit(p, lambda t: t["findings"]["1"].update(end=10**9)),
        f"findings[{FIRST}].end",
    ),
    "dangling visit": (lambda p: _edit(p, lambda t: t["findings"]["1"].update(visit_id="nope")), "visit_id"),
}


def _check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--db", str(path)])
    return result.exit_code, result.output


@pytest.mark.parametrize("case", sorted(BAD_CONTENT))
def test_bad_store_is_one_line_exit_2_and_untouched(store_path: Path, case: str) -> None:
    make, expected = BAD_CONTENT[case]
    data = make(store_path)
    store_path.write_bytes(data)
    status, output = _check(store_path)
    assert status == 2
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert str(store_path) in lines[0]
    assert expected in lines[0]
    assert store_path.read_bytes() == data


def test_missing_store_is_an_error_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    status, output = _check(path)
    assert status == 2 and "no such store" in output
    assert not path.exists()


def test_directory_is_refused(tmp_path: Path) -> None:
    status, output = _check(tmp_path)
    assert status == 2 and "is a directory" in output


def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "db.json"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "kirklees_tui", "check", "--db", str(fifo)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 2
    assert "not a regular file" in done.stderr


def test_unreadable_store_is_refused(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = os.open

        def denied(path: object, *args: object, **kwargs: object) -> int:
            if Path(str(path)) == store_path:
                raise PermissionError(13, "Permission denied")
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", denied)
    status, output = _check(store_path)
    assert status == 2 and "permission denied" in output


def test_reading_never_writes(store_path: Path) -> None:
    store_path.with_name("db.json.lock").unlink(missing_ok=True)
    before = store_path.stat()
    load_store(store_path)
    read_tables(store_path)
    OrjsonStorage(store_path).read()
    after = store_path.stat()
    assert (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size)
    assert not store_path.with_name("db.json.lock").exists()


def test_write_keeps_mode_and_backup_and_leaves_no_temp(store_path: Path) -> None:
    store_path.chmod(0o640)
    old = store_path.read_bytes()
    tables = orjson.loads(old)
    tables["meta"]["1"]["built_from"] = "changed"
    write_tables(store_path, tables)
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o640
    assert store_path.with_name("db.json.bak").read_bytes() == old
    assert load_store(store_path).meta.built_from == "changed"
    leftovers = [p.name for p in store_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_failed_write_leaves_the_store_byte_identical(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = store_path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        write_tables(store_path, orjson.loads(old))
    assert store_path.read_bytes() == old
    assert [p for p in store_path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_invalid_tables_are_never_written(store_path: Path) -> None:
    old = store_path.read_bytes()
    with pytest.raises(StoreError, match="refusing"):
        write_tables(store_path, {"meta": {"1": {"schema_version": 1}}})
    assert store_path.read_bytes() == old


def test_duplicate_key_inside_a_record_is_found(store_path: Path) -> None:
    data = store_path.read_bytes().replace(b'"stance":"concern"', b'"stance":"concern","stance":"x"', 1)
    store_path.write_bytes(data)
    status, output = _check(store_path)
    assert status == 2 and "duplicate key 'stance'" in output


def test_hand_formatted_store_is_still_read(store_path: Path) -> None:
    """Indented JSON with spaces around colons takes the exact path and still loads."""
    import json

    tables = json.loads(store_path.read_bytes())
    store_path.write_text(json.dumps(tables, indent=1, separators=(",", " : ")), encoding="utf-8")
    assert len(load_store(store_path).findings) == len(tables["findings"])


def test_tinydb_reads_through_the_storage(store_path: Path) -> None:
    from tinydb import TinyDB

    db = TinyDB(store_path, storage=OrjsonStorage)
    assert len(db.table("findings")) == len(load_store(store_path).findings)
    with pytest.raises(StoreError, match="read-only"):
        db.table("findings").insert({"x": 1})


EXACT: dict[str, str] = {
    "NaN": "line 1, column N: unexpected character, expected a JSON value",
    "absurd nesting": "line 1, column N: nesting too deep for a store",
    "bad stance": "findings[3].stance: expected one of concern, progress, strength, got 'meh'",
    "byte-order mark": "starts with a byte-order mark; stores are plain UTF-8",
    "dangling visit": "findings[{first}].visit_id: no visit 'nope'",
    "duplicate key": "meta[1]: duplicate key 'schema_version'",
    "empty": "empty file, not a store",
    "invalid utf-8": "line 1, column N: invalid UTF-8",
    "missing field": "quotes[1].speaker_kind: missing",
    "non-integer id": "quotes['x1']: document id must be an integer",
    "record not an object": "findings[1]: expected an object, got str",
    "span past the end": "findings[{first}].end: 1000000000 is past the end of its source",
    "table is a list": "findings: expected an object of records, got list",
    "top level list": "top level: expected an object of tables",
    "trailing data": "line 1, column N: unexpected content after document",
    "truncated": "line 1, column N: unexpected end of data",
    "unknown table": "top level: unknown table 'extra'",
    "whitespace only": "empty file, not a store",
    "wrong field type": "findings[2].start: expected int, got str",
}
"""Each bad store's whole line, as the hand-written validator worded it before the schema was
written once as msgspec Structs (issue 16); columns vary with the built store."""


@pytest.mark.parametrize("case", sorted(BAD_CONTENT))
def test_bad_store_lines_are_worded_as_they_always_were(store_path: Path, case: str) -> None:
    first = load_store(store_path).findings[0].id  # records are stored in time order
    store_path.write_bytes(BAD_CONTENT[case][0](store_path))
    _, output = _check(store_path)
    line = re.sub(r"column \d+", "column N", output.strip())
    assert line == f"kirklees-tui: {store_path}: {EXACT[case].format(first=first)}"
