"""The one writer: exports, timelines, builds, imports and the cache write a regular file or a
new name only, replace only when asked, refuse links, FIFOs, devices and folders (and paths
through a linked folder) with one line naming them, and keep mode and group."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kirklees_tui.cli import cli
from kirklees_tui.query.themes import DEFAULT_THEMES
from kirklees_tui.store.model import StoreData
from kirklees_tui.store.read import load_store
from tests.conftest import CORPUS
from tests.unit.test_import import CALDERDALE, listing

COMMANDS = {"export": ["export", "--format", "json"], "timeline": ["timeline"]}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, list(map(str, args)))


def _one_line(result: Result, *words: str) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture(params=sorted(COMMANDS))
def command(request: pytest.FixtureRequest, store_path: Path) -> list[str]:
    return [*COMMANDS[request.param], "--db", str(store_path)]


def test_an_existing_file_is_replaced_only_with_force(command: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("keep me")
    out.chmod(0o640)
    group = 1 if os.geteuid() == 0 else os.getegid()
    os.chown(out, -1, group)
    _one_line(run(*command, "--out", out), str(out), "already exists", "--force")
    assert out.read_text() == "keep me"
    assert run(*command, "--out", out, "--force").exit_code == 0
    assert out.read_text() != "keep me"
    info = out.stat()
    assert stat.S_IMODE(info.st_mode) == 0o640 and info.st_gid == group


def test_a_new_file_is_made_as_any_new_file(command: list[str], tmp_path: Path) -> None:
    out = tmp_path / "new.txt"
    mask = os.umask(0o027)
    try:
        assert run(*command, "--out", out).exit_code == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_text()


def _symlink(tmp_path: Path) -> Path:
    target = tmp_path / "target.txt"
    target.write_text("keep me")
    (tmp_path / "link.txt").symlink_to(target)
    return tmp_path / "link.txt"


def _dangling(tmp_path: Path) -> Path:
    (tmp_path / "link.txt").symlink_to(tmp_path / "nowhere.txt")
    return tmp_path / "link.txt"


def _fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "fifo")
    return tmp_path / "fifo"


def _device(tmp_path: Path) -> Path:
    try:
        os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot make a device node here")
    return tmp_path / "null"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "folder").mkdir()
    return tmp_path / "folder"


def _through_linked_folder(tmp_path: Path) -> Path:
    (tmp_path / "real").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    return tmp_path / "linked" / "out.txt"


REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "symlink": (_symlink, "symbolic link"),
    "dangling symlink": (_dangling, "symbolic link"),
    "FIFO": (_fifo, "FIFO"),
    "character device": (_device, "character device"),
    "directory": (_folder, "is a directory"),
    "path through a linked folder": (_through_linked_folder, "linked is a symbolic link"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_links_fifos_devices_and_folders_are_refused_even_with_force(
    command: list[str], tmp_path: Path, case: str
) -> None:
    make, reason = REFUSED[case]
    out = make(tmp_path)
    before = {p.name: (p.lstat().st_mode, p.lstat().st_ino) for p in tmp_path.rglob("*")}
    _one_line(run(*command, "--out", out, "--force"), str(out), reason)
    assert {p.name: (p.lstat().st_mode, p.lstat().st_ino) for p in tmp_path.rglob("*")} == before
    if case == "symlink":
        assert (tmp_path / "target.txt").read_text() == "keep me"


def test_dash_is_standard_output(command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*command, "--out", "-")
    assert result.exit_code == 0 and result.output
    assert not (tmp_path / "-").exists()


def test_an_empty_path_is_a_clear_error(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = listing(tmp_path)
    _one_line(run(*command, "--out", ""), "--out: an empty path")
    assert listing(tmp_path) == before


def test_read_only_files_and_folders_are_refused_even_to_root(command: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("keep me")
    out.chmod(0o444)
    _one_line(run(*command, "--out", out, "--force"), str(out), "read-only")
    assert out.read_text() == "keep me"
    folder = _folder(tmp_path)
    folder.chmod(0o555)
    try:
        _one_line(run(*command, "--out", folder / "new.txt"), "read-only")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.txt"
    out.write_text("keep me")
    before = sorted(p.name for p in tmp_path.iterdir())

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    _one_line(run(*command, "--out", out, "--force"), "No space left on device")
    assert out.read_text() == "keep me" and sorted(p.name for p in tmp_path.iterdir()) == before


# -- stores: build and import ----------------------------------------------------------------


def build(*args: str | Path) -> Result:
    return run("build", "--corpus", CORPUS, *args)


def test_build_replaces_an_existing_store_only_with_force(store_path: Path) -> None:
    store_path.write_bytes(store_path.read_bytes())  # a store of its own, not the fixture's link
    before = store_path.read_bytes()
    _one_line(build("--out", store_path), str(store_path), "already exists", "--force")
    assert store_path.read_bytes() == before and not store_path.with_name("db.json.bak").exists()
    assert build("--out", store_path, "--force").exit_code == 0
    assert store_path.with_name("db.json.bak").read_bytes() == before


def test_build_honours_a_read_only_store_and_folder(store_path: Path, tmp_path: Path) -> None:
    store_path.chmod(0o444)
    before = listing(tmp_path)
    _one_line(build("--out", store_path, "--force"), "read-only")
    assert listing(tmp_path) == before
    folder = _folder(tmp_path)
    folder.chmod(0o555)
    try:
        _one_line(build("--out", folder / "db.json"), "read-only")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_build_to_standard_output_writes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = build("--out", "-")
    assert result.exit_code == 0 and '"schema_version"' in result.output
    assert list(tmp_path.iterdir()) == []


def _linked_store(store_path: Path) -> tuple[Path, Path]:
    real = store_path.parent / "releases" / "db-2024.json"
    real.parent.mkdir()
    store_path.rename(real)
    store_path.symlink_to(real)
    store_path.with_name("db.json.lock").unlink(missing_ok=True)
    return store_path, real


@pytest.mark.parametrize("how", ["import", "build"])
def test_a_linked_store_is_written_through_at_its_target_never_split(store_path: Path, how: str) -> None:
    link, real = _linked_store(store_path)
    before = real.read_bytes()
    result = (
        run("import", CALDERDALE, "--db", link)
        if how == "import"
        else build("--out", link, "--force", "--themes", DEFAULT_THEMES)
    )
    assert result.exit_code == 0, result.output
    assert f"writing to its target {real}" in result.output
    assert link.is_symlink() and link.resolve() == real
    assert real.with_name("db-2024.json.bak").read_bytes() == before
    assert not link.with_name("db.json.bak").exists()
    assert not link.with_name("db.json.lock").exists()
    if how == "import":
        assert any(s.file == CALDERDALE.name for s in load_store(real).sources)


def test_a_store_linked_to_nothing_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "db.json"
    link.symlink_to(tmp_path / "gone.json")
    _one_line(build("--out", link, "--force"), str(link), "symbolic link to nothing")
    assert list(tmp_path.iterdir()) == [link]


def test_the_cache_is_written_by_the_writer(
    store_path: Path, built: StoreData, private_cache: Path, tmp_path: Path
) -> None:
    from kirklees_tui.store.cache import cache_file, load_cached, save_cached

    target = cache_file(store_path)
    assert target is not None
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    target.symlink_to(victim)  # planted where the cache goes: not followed
    save_cached(store_path, store_path.stat(), built)
    assert victim.read_text() == "keep me" and target.is_symlink()
    target.unlink()
    save_cached(store_path, store_path.stat(), built)
    assert load_cached(store_path)[0] == built
    assert [p.name for p in private_cache.iterdir()] == [target.name]
