"""The per-user cache returns exactly the validated store, and never a stale one."""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from kirklees_tui.store.cache import cache_file, load_cached, save_cached
from kirklees_tui.store.read import load_store
from kirklees_tui.store.update import write_tables


def _cache(store_path: Path) -> Path:
    store = load_store(store_path)
    save_cached(store_path, os.stat(store_path), store)
    target = cache_file(store_path)
    assert target is not None and target.exists()
    return target


def test_cached_store_equals_the_json_store(store_path: Path) -> None:
    _cache(store_path)
    cached, _ = load_cached(store_path)
    assert cached == load_store(store_path)


def test_a_changed_store_misses_the_cache(store_path: Path) -> None:
    _cache(store_path)
    tables = orjson.loads(store_path.read_bytes())
    tables["findings"]["1"]["stance"] = "strength"
    write_tables(store_path, tables)
    cached, _ = load_cached(store_path)
    assert cached is None


def test_a_damaged_cache_is_ignored(store_path: Path) -> None:
    target = _cache(store_path)
    target.write_bytes(target.read_bytes()[:100])
    assert load_cached(store_path)[0] is None
    target.write_bytes(b"not marshal at all")
    assert load_cached(store_path)[0] is None


def test_caching_can_be_turned_off(store_path: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("KIRKLEES_TUI_CACHE", "off")
    assert cache_file(store_path) is None
    assert load_cached(store_path)[0] is None
