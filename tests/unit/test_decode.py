"""The fast reader only ever declines: it never accepts a store the precise validation
rejects, and whatever it accepts, it reads exactly as the precise path does."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from kirklees_tui.store import read as store_module
from kirklees_tui.store.decode import decode_records, decode_store, keys_if_whole, parse_tables
from kirklees_tui.store.errors import SchemaError, StoreError
from kirklees_tui.store.model import StoreData, store_to_tables
from kirklees_tui.store.read import accepted_as_whole, load_store
from kirklees_tui.store.update import dump_tables

TABLES = ("meta", "sources", "visits", "findings", "quotes", "people", "themes", "events")
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.text(max_size=8)
    | st.sampled_from(
        (
            "concern",
            "full",
            "inspector",
            "v-2017-10",
            "caseloads",
            "day",
            "month",
            "2018",
            "2019-06",
            "2016-11-25",
            "2017-02-30",
            "2016-99",
            "20x7",
        )
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=2),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def tables(built: StoreData) -> dict[str, Any]:
    return store_to_tables(built)


def _precise(data: bytes) -> Any:
    try:
        return parse_tables(orjson.loads(data))
    except SchemaError:
        return None


@st.composite
def mutations(draw: st.DrawFn, tables: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The store with one or two random changes a hand edit might make, and what they were."""
    changed = copy.deepcopy(tables)
    done: list[str] = []
    for _ in range(draw(st.integers(1, 2))):
        name = draw(st.sampled_from([t for t in TABLES if isinstance(changed.get(t), dict) and changed[t]]))
        table = changed[name]
        doc_id = draw(st.sampled_from(sorted(table)))
        record = table[doc_id]
        action = draw(st.sampled_from(("set", "set", "set", "drop", "add", "rename", "table")))
        field = draw(st.sampled_from(sorted(record))) if isinstance(record, dict) and record else "id"
        if action == "set" and isinstance(record, dict):
            record[field] = draw(
                JSON_VALUES | st.sampled_from([r.get(field) for r in table.values() if isinstance(r, dict)])
            )
        elif action == "drop" and isinstance(record, dict):
            record.pop(field, None)
        elif action == "add" and isinstance(record, dict):
            record[draw(st.text(min_size=1, max_size=6))] = draw(JSON_VALUES)
        elif action == "rename":
            table[draw(st.sampled_from(("0", "01", "x", "-1", "999", str(len(table)))))] = table.pop(doc_id)
        else:
            changed[name] = draw(JSON_VALUES) if draw(st.booleans()) else {}
        done.append(f"{action} {name}[{doc_id}].{field}")
    return changed, done


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fast_reader_declines_or_agrees(tables: dict[str, Any], data: st.DataObject) -> None:
    changed, done = data.draw(mutations(tables))
    note(f"changes: {done}")
    encoded = dump_tables(changed)
    fast, precise = decode_store(encoded), _precise(encoded)
    event(f"precise {'accepts' if precise else 'rejects'}, fast {'accepts' if fast else 'declines'}")
    if precise is None:
        assert fast is None
    elif fast is not None:
        assert fast.store == precise.store
        # A field with a default (a quotation's check) may be left out: the fast path counts
        # every field, so the file's keys differ and the reader takes the exact path. Whenever
        # the counts would let the fast path's store through, they are the precise ones.
        assert encoded.count(b'":') != fast.keys or fast.keys == precise.keys
    decoded = decode_records(encoded)
    if decoded is not None:  # what the browser decodes, the verifier checks as a whole
        whole = fast is not None and encoded.count(b'":') == fast.keys
        event(f"decoded; {'accepted' if whole else 'declined'} as a whole")
        assert accepted_as_whole(encoded) == accepted_as_whole(memoryview(encoded)) == whole
        if whole:
            assert keys_if_whole(encoded) == decoded.keys


@settings(max_examples=200)
@given(
    data=st.binary(max_size=64).map(lambda b: b.translate(bytes(b'":x'[i % 3] for i in range(256)))),
    chunk=st.integers(1, 9),
)
def test_a_mapped_file_counts_its_keys_as_bytes_do(data: bytes, chunk: int) -> None:
    """Counted a chunk at a time, a pair across a cut is counted once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_module, "_COUNT_CHUNK", chunk)
        assert store_module._keys_written(memoryview(data)) == data.count(b'":')


def test_a_store_this_program_wrote_takes_the_fast_path(tables: dict[str, Any]) -> None:
    encoded = dump_tables(tables)
    fast = decode_store(encoded)
    assert fast is not None
    assert fast.store == parse_tables(tables).store
    assert fast.keys == encoded.count(b'":')


def test_a_duplicate_key_with_a_valid_value_is_still_found(store_path: Path) -> None:
    """Both parsers keep the last of duplicate keys; the key count catches it."""
    data = store_path.read_bytes()
    twice = data.replace(b'"stance":"concern"', b'"stance":"concern","stance":"progress"', 1)
    assert twice != data
    store_path.write_bytes(twice)
    with pytest.raises(StoreError, match="duplicate key 'stance'"):
        load_store(store_path)
