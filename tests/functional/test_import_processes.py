"""Imports and writes in real processes: concurrent, killed, out of space.

These start `python -m kirklees_tui` and small writer scripts as separate processes, because
locks, renames and SIGKILL only mean something between processes.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from kirklees_tui.store.read import load_store
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "generalisation"
BATCH = {  # file name -> extra arguments
    "g01_calderdale_monitoring.txt": [],
    "g02_wakefield_full.txt": [],
    "g03_kirklees_focused.txt": [],
    "g05_rotherham_reported.txt": ["--published", "2018-01-24"],
}
READER = """
import sys
import time
from pathlib import Path
from kirklees_tui.store.errors import StoreError
from kirklees_tui.store.read import load_store
path, errors, versions = Path(sys.argv[1]), 0, set()
for _ in range(1000):
    time.sleep(0.003)  # spread the 1000 loads over the imports' whole run
    try:
        store = load_store(path)
        versions.add(len(store.sources))
    except StoreError as error:
        errors += 1
        print(error, file=sys.stderr)
print(errors, len(versions))
"""
WRITER = """
import sys
from pathlib import Path
import orjson
from kirklees_tui.store.update import write_tables
path = Path(sys.argv[1])
tables = [orjson.loads(Path(name).read_bytes()) for name in sys.argv[2:]]
print("ready", flush=True)
while True:
    for version in tables:
        write_tables(path, version)
"""


def _python(*args: str, preexec_fn: Callable[[], None] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=preexec_fn,
    )


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def _left_by_a_kill(folder: Path) -> int:
    """A writer names its temp file only once the bytes are on disk, a moment before the
    rename: a kill in that moment (microseconds; seen about once in a few hundred kills) leaves
    one temp file, which must be a whole, valid store, never a partial one. Returns how many."""
    left = _temps(folder)
    assert len(left) <= 1, left
    for name in left:
        load_store(folder / name)  # complete and valid, or this raises
    return len(left)


def test_four_imports_at_once_keep_every_article_and_readers_never_see_a_broken_file(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    shutil.copyfile(ROOT / "db.json", db)
    reader = _python("-c", READER, str(db))
    time.sleep(0.3)  # let the reader start reading before the writers start writing
    imports = [
        _python("-m", "kirklees_tui", "import", str(ARTICLES / name), "--db", str(db), *extra)
        for name, extra in BATCH.items()
    ]
    for process in imports:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    out, err = reader.communicate(timeout=120)
    errors, versions = map(int, out.split())
    assert errors == 0, err.decode()
    assert versions >= 2  # the reader really did read while the store was being replaced
    store = load_store(db)
    assert {s.file for s in store.sources} >= set(BATCH)
    assert len(store.sources) == len(load_store(ROOT / "db.json").sources) + len(BATCH)
    assert _temps(tmp_path) == []
    print(f"reader: 1000 loads, {versions} versions seen, 0 broken")


def test_writers_killed_at_random_leave_old_or_new_store_and_no_partial_file(tmp_path: Path) -> None:
    from benchmarks.synthetic import make_store
    from kirklees_tui.store.model import store_to_tables
    from kirklees_tui.store.update import dump_tables, write_store

    db = tmp_path / "db.json"
    versions = []
    for number, size in enumerate((3000, 4000)):
        tables = store_to_tables(make_store(size, seed=number))
        (tmp_path / f"v{number}.json").write_bytes(orjson.dumps(tables))
        versions.append(dump_tables(tables))
    write_store(db, make_store(3000, seed=0), keep_backups=0)
    assert db.read_bytes() == versions[0]
    rng = random.Random(1)
    seen = set()
    for _ in range(40):
        writer = _python("-c", WRITER, str(db), str(tmp_path / "v0.json"), str(tmp_path / "v1.json"))
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.25))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert db.read_bytes() in versions
        seen.add(versions.index(db.read_bytes()))
        _left_by_a_kill(tmp_path)
    assert seen == {0, 1}  # the kills landed while versions were being replaced
    for _ in range(10):  # and real imports, killed anywhere from start-up to the write
        importer = _python(
            "-m", "kirklees_tui", "import", str(ARTICLES / "g01_calderdale_monitoring.txt"), "--db", str(db)
        )
        time.sleep(rng.uniform(0.0, 0.8))
        importer.send_signal(signal.SIGKILL)
        importer.wait()
        load_store(db)
        _left_by_a_kill(tmp_path)
    write_store(db, make_store(3000, seed=0), keep_backups=0)  # the next writer tidies up
    assert _temps(tmp_path) == []


def test_full_disk_in_a_real_process_leaves_the_store_byte_identical(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    shutil.copyfile(ROOT / "db.json", db)
    before = db.read_bytes()
    limit = len(before)  # room for a store no bigger than now: the import needs more

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    process = _python(
        "-m",
        "kirklees_tui",
        "import",
        str(ARTICLES / "g01_calderdale_monitoring.txt"),
        "--db",
        str(db),
        preexec_fn=small_disk,
    )
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    message = err.decode().strip()
    assert message.count("\n") == 0 and "the store is unchanged" in message, message
    assert db.read_bytes() == before
    assert _temps(tmp_path) == []
    assert not os.path.exists(tmp_path / "db.json.bak")
