"""The loading policy without a screen: the cache when current, else the JSON (with the
verifier's word), then a cache for next time; a bad store is one `StoreError`."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from kirklees_tui.store.errors import StoreError
from kirklees_tui.store.open import keep_cached, open_store, signature
from kirklees_tui.store.read import load_store
from kirklees_tui.store.update import write_tables


class Recording:
    """A stand-in for the verifier process: no word on any bytes, and says when stopped."""

    def __init__(self) -> None:
        self.stopped = 0

    def accepts(self, checksum: int, timeout: float) -> bool | None:
        return None

    def stop(self) -> None:
        self.stopped += 1


def test_a_first_open_reads_the_json_then_the_cache(store_path: Path) -> None:
    first = open_store(store_path)
    assert not first.from_cache and first.store == load_store(store_path)
    keep_cached(store_path, first)
    again = open_store(store_path)
    assert again.from_cache and again.store == first.store


def test_a_replaced_store_is_read_from_its_json_again(store_path: Path) -> None:
    keep_cached(store_path, open_store(store_path))
    before = signature(store_path)
    tables = orjson.loads(store_path.read_bytes())
    tables["meta"]["1"]["built_from"] = "changed"
    write_tables(store_path, tables)
    assert signature(store_path) != before
    opened = open_store(store_path)
    assert not opened.from_cache and opened.store.meta.built_from == "changed"


def test_a_store_changed_while_it_was_read_is_not_cached(store_path: Path) -> None:
    opened = open_store(store_path)
    tables = orjson.loads(store_path.read_bytes())
    write_tables(store_path, tables)  # the same records, a new file
    keep_cached(store_path, opened)
    assert not open_store(store_path).from_cache


def test_the_verifier_is_stopped_and_the_store_read_as_without_it(store_path: Path) -> None:
    verifier = Recording()
    assert open_store(store_path, verifier).store == load_store(store_path)
    assert verifier.stopped == 1


def test_a_bad_store_is_one_store_error_and_the_verifier_stopped(store_path: Path) -> None:
    store_path.write_bytes(store_path.read_bytes()[:1000])
    verifier = Recording()
    with pytest.raises(StoreError, match=str(store_path)):
        open_store(store_path, verifier)
    assert verifier.stopped == 1


def test_a_missing_store_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "nope.json")
    assert signature(tmp_path / "nope.json") is None
