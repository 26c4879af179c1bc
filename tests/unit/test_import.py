"""`kirklees-tui import`: what it adds, what it refuses, and that refusing writes nothing."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kirklees_tui.cli import cli
from kirklees_tui.store.read import load_store
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "generalisation"
CALDERDALE = ARTICLES / "g01_calderdale_monitoring.txt"
SYNDICATED = ARTICLES / "g04_calderdale_syndicated.txt"
KIRKLEES_2021 = ARTICLES / "g03_kirklees_focused.txt"
KIRKLEES_2019 = ARTICLES / "g06_kirklees_2019_other_paper.txt"
UNDATED = ARTICLES / "g05_rotherham_reported.txt"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["import", *map(str, args)])


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_import_adds_records_that_check_accepts(store_path: Path) -> None:
    result = run(CALDERDALE, "--db", store_path)
    assert result.exit_code == 0, result.output
    assert "added g01_calderdale_monitoring.txt" in result.output
    assert "new provisional visit calderdale-2020-02-monitoring" in result.output
    store = load_store(store_path)
    source = next(s for s in store.sources if s.file == CALDERDALE.name)
    assert source.publisher == "Halifax Courier" and source.published == "2020-03-12"
    visit = next(v for v in store.visits if source.id in v.source_ids)
    assert visit.provisional and visit.authority == "Calderdale"
    assert "monitoring visit in February" in visit.basis
    quotes = [q for q in store.quotes if q.source_id == source.id]
    assert {q.speaker for q in quotes} >= {"Helen Marsh", "Adam Wilkes"}
    assert all(source.text[q.start : q.end].strip('“”"') == q.text for q in quotes)
    assert any(f.source_id == source.id and "caseloads" in f.themes for f in store.findings)
    assert CliRunner().invoke(cli, ["check", "--db", str(store_path)]).exit_code == 0


def test_dry_run_reports_and_changes_nothing(store_path: Path) -> None:
    before = listing(store_path.parent)
    result = run(CALDERDALE, KIRKLEES_2019, "--db", store_path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would add g01_calderdale_monitoring.txt" in result.output
    assert "visit 2019-06-full" in result.output
    assert "dry run: nothing was written" in result.output
    assert listing(store_path.parent) == before


def test_known_people_and_visits_are_reused(store_path: Path) -> None:
    before = load_store(store_path)
    walker = next(p for p in before.people if p.name.endswith("Walker"))
    assert run(KIRKLEES_2021, KIRKLEES_2019, "--db", store_path).exit_code == 0
    after = load_store(store_path)
    quotes = [q for q in after.quotes if q.source_id.startswith("g03")]
    assert quotes and {q.speaker for q in quotes if q.kind == "full"} == {walker.name}
    person = next(p for p in after.people if p.name == walker.name)
    assert len(person.roles) == len(walker.roles) + 1  # the 2021 article's role
    assert len(after.people) == len({p.id for p in after.people})
    visit = next(v for v in after.visits if v.id == "2019-06-full")
    assert any(s.startswith("g06") for s in visit.source_ids)
    assert len(after.visits) == len(before.visits) + 1  # only the 2021 focused visit is new


def test_identical_file_is_refused_and_the_store_untouched(store_path: Path) -> None:
    assert run(CALDERDALE, "--db", store_path).exit_code == 0
    before = store_path.read_bytes()
    result = run(CALDERDALE, "--db", store_path)
    assert result.exit_code == 1
    assert "identical to source g01_calderdale_monitoring already in the store" in result.output
    assert store_path.read_bytes() == before


def test_syndicated_copy_is_a_near_duplicate_unless_forced(store_path: Path) -> None:
    assert run(CALDERDALE, "--db", store_path).exit_code == 0
    result = run(SYNDICATED, "--db", store_path)
    assert result.exit_code == 1 and "near-duplicate of source g01" in result.output
    assert "--force" in result.output
    forced = run(SYNDICATED, "--db", store_path, "--force")
    assert forced.exit_code == 0, forced.output
    assert any(s.file == SYNDICATED.name for s in load_store(store_path).sources)


def test_a_date_is_required(store_path: Path) -> None:
    before = store_path.read_bytes()
    result = run(UNDATED, "--db", store_path)
    assert result.exit_code == 2
    assert "no publication date" in result.output and "--published" in result.output
    assert store_path.read_bytes() == before
    assert run(UNDATED, "--db", store_path, "--published", "24-01-2018").exit_code == 2
    assert run(UNDATED, "--db", store_path, "--published", "2018-01-24").exit_code == 0
    source = next(s for s in load_store(store_path).sources if s.file == UNDATED.name)
    assert (source.published, source.basis) == ("2018-01-24", "given on the command line")


def _binary(p: Path) -> Path:
    p.write_bytes(b"Title: x\n\n\x00\x01\x02 binary")
    return p


def _latin1(p: Path) -> Path:
    p.write_bytes("Date: 2020-01-01\n\nCaf\u00e9 said the inspectors.".encode("latin-1"))
    return p


def _empty(p: Path) -> Path:
    p.write_bytes(b"")
    return p


def _oversized(p: Path) -> Path:
    p.write_bytes(b"Date: 2020-01-01\n\n" + b"word " * 500_000)
    return p


def _directory(p: Path) -> Path:
    p.mkdir()
    return p


def _fifo(p: Path) -> Path:
    os.mkfifo(p)
    return p


def _symlink(p: Path) -> Path:
    p.symlink_to(CALDERDALE)
    return p


def _header_only(p: Path) -> Path:
    p.write_text("Title: nothing here\nDate: 2020-01-01\n\n")
    return p


BAD_FILES = {
    "binary": (_binary, "binary file"),
    "not UTF-8": (_latin1, "not UTF-8"),
    "empty": (_empty, "empty file"),
    "header only": (_header_only, "no text after the header"),
    "oversized": (_oversized, "too large"),
    "missing": (lambda p: p, "no such file"),
    "directory": (_directory, "is a directory"),
    "FIFO": (_fifo, "not a regular file"),
    "symlink": (_symlink, "symbolic link"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_one_bad_file_means_nothing_is_written(case: str, store_path: Path, tmp_path: Path) -> None:
    make, message = BAD_FILES[case]
    bad = make(tmp_path / "bad.txt")
    before = listing(store_path.parent)
    result = run(CALDERDALE, bad, KIRKLEES_2019, "--db", store_path)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and message in lines[0], result.output
    assert "nothing was imported" in lines[0]
    assert listing(store_path.parent) == before


def test_read_only_store_is_refused_without_a_temp_file(store_path: Path) -> None:
    store_path.chmod(0o444)
    before = listing(store_path.parent)
    result = run(CALDERDALE, "--db", store_path)
    assert result.exit_code == 2 and "read-only" in result.output
    assert listing(store_path.parent) == before


def test_read_only_folder_is_refused_without_a_temp_file(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    shutil.copyfile(ROOT / "db.json", folder / "db.json")
    folder.chmod(0o555)
    try:
        result = run(CALDERDALE, "--db", folder / "db.json")
        assert result.exit_code == 2 and "read-only" in result.output
        assert sorted(p.name for p in folder.iterdir()) == ["db.json"]
    finally:
        folder.chmod(0o755)


def test_mode_and_group_survive(store_path: Path) -> None:
    store_path.chmod(0o664)
    group = 1 if os.geteuid() == 0 else os.getegid()
    os.chown(store_path, -1, group)
    assert run(CALDERDALE, "--db", store_path).exit_code == 0
    info = store_path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o664 and info.st_gid == group


def test_full_disk_leaves_the_store_byte_identical(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = listing(store_path.parent)
    real_write = os.write

    def full(fd: int, data: bytes | memoryview) -> int:
        if len(data) > 4096:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    result = run(CALDERDALE, "--db", store_path)
    assert result.exit_code == 2
    assert "No space left on device; the store is unchanged" in result.output
    assert listing(store_path.parent) == before
