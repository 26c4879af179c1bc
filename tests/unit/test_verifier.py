"""The verifier process vouches only for bytes it checked, and never decides a refusal alone:
whatever it says, the browser reads exactly what it would have read without it."""

from __future__ import annotations

import os
import re
import time
import zlib
from pathlib import Path

import orjson
import pytest
from msgspec.structs import replace

from kirklees_tui.store import verifier as verifier_module
from kirklees_tui.store.cache import save_cached
from kirklees_tui.store.decode import Decoded
from kirklees_tui.store.errors import StoreError
from kirklees_tui.store.model import StoreData
from kirklees_tui.store.read import load_store
from kirklees_tui.store.update import write_store
from kirklees_tui.store.verifier import Verifier

WAIT = 60.0
"""Seconds a test gives the child to answer: far more than it needs, so never a timing test."""


def _started(db: Path) -> Verifier:
    verifier = Verifier.start(db)
    assert verifier is not None, "this platform can fork"
    return verifier


def _checksum(db: Path) -> int:
    return zlib.crc32(db.read_bytes())


def _rewrite(db: Path, change: str) -> None:
    """Make the store wrong as a whole, though every record's types are right."""
    data = db.read_bytes()
    if change == "duplicate key with a valid value":
        data = data.replace(b'"stance":"concern"', b'"stance":"concern","stance":"progress"', 1)
    else:
        tables = orjson.loads(data)
        first = tables["findings"]["1"]
        if change == "span past the end":
            first["end"] = 10**9
        elif change == "dangling visit":
            first["visit_id"] = "1999-01-nowhere"
        elif change == "duplicate id":
            tables["findings"]["2"]["id"] = first["id"]
        data = orjson.dumps(tables)
    db.write_bytes(data)


def _never_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Children forked from now on sleep instead of answering (the fork copies the patch)."""

    def asleep(db: Path) -> str:
        time.sleep(600)
        return ""

    monkeypatch.setattr(verifier_module, "_answer", asleep)


def test_it_accepts_the_bytes_it_checked(store_path: Path) -> None:
    assert _started(store_path).accepts(_checksum(store_path), WAIT) is True


def test_the_store_read_with_it_is_the_store_read_without(store_path: Path) -> None:
    assert load_store(store_path, _started(store_path)) == load_store(store_path)


@pytest.mark.parametrize(
    "change", ["span past the end", "dangling visit", "duplicate id", "duplicate key with a valid value"]
)
def test_a_store_wrong_as_a_whole_is_declined_then_named(store_path: Path, change: str) -> None:
    _rewrite(store_path, change)
    assert _started(store_path).accepts(_checksum(store_path), WAIT) is False
    with pytest.raises(StoreError) as without:
        load_store(store_path)
    with pytest.raises(StoreError) as with_it:
        load_store(store_path, _started(store_path))
    assert str(with_it.value) == str(without.value)


def _answered(verifier: Verifier) -> None:
    """Wait until the child has answered and exited (a zombie, not yet reaped)."""
    stat = Path(f"/proc/{verifier.pid}/stat")
    if not stat.exists():
        pytest.skip("needs /proc to see the child exit")
    deadline = time.monotonic() + WAIT
    while stat.read_text().rsplit(")", 1)[1].split()[0] != "Z" and time.monotonic() < deadline:
        time.sleep(0.01)


def test_once_it_has_accepted_the_browser_does_not_check_again(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    verifier = _started(store_path)
    _answered(verifier)
    checked_here: list[Decoded] = []
    whole_ok = Decoded.whole_ok

    def spied(self: Decoded) -> bool:
        checked_here.append(self)
        return whole_ok(self)

    monkeypatch.setattr(Decoded, "whole_ok", spied)
    store = load_store(store_path, verifier)
    assert checked_here == []
    assert store == load_store(store_path)


def test_it_has_no_word_on_other_bytes(store_path: Path) -> None:
    assert _started(store_path).accepts(zlib.crc32(b"other bytes"), WAIT) is None


def test_a_store_replaced_between_the_two_reads_is_read_as_it_is_now(
    store_path: Path, built: StoreData
) -> None:
    verifier = _started(store_path)
    write_store(store_path, replace(built, meta=replace(built.meta, built_from="replaced")))
    assert load_store(store_path, verifier).meta.built_from == "replaced"


def test_a_current_cache_gets_no_word(store_path: Path) -> None:
    save_cached(store_path, os.stat(store_path), load_store(store_path))
    assert _started(store_path).accepts(_checksum(store_path), WAIT) is None


def test_with_no_answer_in_time_the_browser_checks_for_itself(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _never_answers(monkeypatch)
    assert load_store(store_path, _started(store_path)) == load_store(store_path)
    _rewrite(store_path, "span past the end")
    first = orjson.loads(store_path.read_bytes())["findings"]["1"]["id"]
    with pytest.raises(StoreError, match=re.escape(f"findings[{first}].end")):
        load_store(store_path, _started(store_path))


def test_a_late_child_is_ended_and_reaped(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _never_answers(monkeypatch)
    verifier = _started(store_path)
    pid = verifier.pid
    assert verifier.accepts(_checksum(store_path), 0.05) is None
    assert verifier.pid == 0
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie left behind


def test_stopping_ends_a_child_still_at_work(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _never_answers(monkeypatch)
    verifier = _started(store_path)
    verifier.stop()
    verifier.stop()  # twice is harmless
    assert verifier.accepts(_checksum(store_path), WAIT) is None


def test_the_child_never_writes_to_the_terminal(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def noisy(db: Path) -> str:
        print("to stdout")
        os.write(2, b"to stderr\n")
        raise RuntimeError("and a traceback")

    monkeypatch.setattr(verifier_module, "_answer", noisy)
    assert _started(store_path).accepts(_checksum(store_path), WAIT) is None
    assert capfd.readouterr() == ("", "")
