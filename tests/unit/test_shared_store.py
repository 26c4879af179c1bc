"""A store shared by a group: its lock is the group's too, a writer keeps the store's group or
refuses, replaced versions are kept as backup generations, and `restore` puts one back.

Tests that need a second user run the command line in a forked child that drops root (the
program is imported first: the interpreter's own files may be out of that user's reach)."""

from __future__ import annotations

import contextlib
import grp  # noqa: F401 - imported before a child drops root
import os
import pwd  # noqa: F401
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import filelock  # noqa: F401
import orjson
import pytest
from click.testing import CliRunner, Result

import kirklees_tui.extract.importer  # noqa: F401
from kirklees_tui.cli import cli
from kirklees_tui.store.model import StoreData
from kirklees_tui.store.read import load_store
from kirklees_tui.store.update import write_tables
from tests.conftest import ROOT
from tests.unit.test_import import CALDERDALE, KIRKLEES_2019, KIRKLEES_2021, listing

GROUP = 4242
"""A group shared by the users below; neither needs to exist in /etc."""
ALICE, BOB, CAROL = 4001, 4002, 4003
"""Alice and Bob are in GROUP; Carol is not."""
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as other users")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, list(map(str, args)))


def as_user(uid: int, groups: list[int], *args: str | Path) -> tuple[int, str]:
    """The command line's exit status and output, run by `uid` in `groups`."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        status = 0
        try:
            os.close(read)
            os.setgroups(groups)
            os.setgid(groups[0] if groups else uid)
            os.setuid(uid)
            result = run(*args)
            os.write(write, f"{result.exit_code}\n{result.output}".encode())
        except BaseException as error:
            os.write(write, f"99\n{error!r}".encode())
            status = 1
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read().decode()
    os.waitpid(pid, 0)
    code, _, output = data.partition("\n")
    return int(code), output


@pytest.fixture
def shared() -> Iterator[Path]:
    """A group's folder (setgid, group-writable) holding a group-writable store of Alice's."""
    top = Path(tempfile.mkdtemp(prefix="kirklees-shared-"))
    try:
        top.chmod(0o755)
        folder = top / "shared"
        folder.mkdir()
        os.chown(folder, ALICE, GROUP)
        folder.chmod(0o2775)
        store = folder / "db.json"
        shutil.copyfile(ROOT / "db.json", store)
        os.chown(store, ALICE, GROUP)
        store.chmod(0o664)
        yield store
    finally:
        shutil.rmtree(top)


def test_the_lock_is_made_with_the_store_group_and_mode(store_path: Path) -> None:
    store_path.with_name("db.json.lock").unlink(missing_ok=True)
    group = GROUP if os.geteuid() == 0 else os.getegid()
    os.chown(store_path, -1, group)
    store_path.chmod(0o660)
    assert run("import", CALDERDALE, "--db", store_path).exit_code == 0
    lock = store_path.with_name("db.json.lock").stat()
    assert stat.S_IMODE(lock.st_mode) == 0o660 and lock.st_gid == group


def test_an_old_lock_of_ours_is_put_right(store_path: Path) -> None:
    lock = store_path.with_name("db.json.lock")
    lock.touch()
    lock.chmod(0o644)
    store_path.chmod(0o664)
    assert run("import", CALDERDALE, "--db", store_path).exit_code == 0
    assert stat.S_IMODE(lock.stat().st_mode) == 0o664


@as_root
def test_group_members_share_the_lock_one_of_them_made(shared: Path) -> None:
    code, output = as_user(ALICE, [GROUP], "import", CALDERDALE, "--db", shared)
    assert code == 0, output
    code, output = as_user(BOB, [GROUP], "import", KIRKLEES_2021, "--db", shared)
    assert code == 0, output
    info = shared.stat()
    assert info.st_gid == GROUP and stat.S_IMODE(info.st_mode) == 0o664
    assert {s.file for s in load_store(shared).sources} >= {CALDERDALE.name, KIRKLEES_2021.name}


@as_root
def test_a_lock_that_cannot_be_opened_says_whose_it_is_and_what_to_change(shared: Path) -> None:
    lock = shared.with_name("db.json.lock")
    lock.touch()
    os.chown(lock, ALICE, ALICE)
    lock.chmod(0o644)  # left by Alice, as her own group's, not group-writable
    before = shared.read_bytes()
    code, output = as_user(BOB, [GROUP], "import", CALDERDALE, "--db", shared)
    assert code == 2
    assert output.strip() == (
        f"kirklees-tui: {shared}: cannot open the lock {lock} (owner {ALICE}, group {ALICE}, "
        f"mode 0644): {ALICE} can run `chgrp {GROUP} {lock} && chmod g+w {lock}`, or remove it"
    )
    assert shared.read_bytes() == before


@as_root
def test_a_writer_outside_the_store_group_refuses_rather_than_change_it(shared: Path) -> None:
    os.chown(shared.parent, CAROL, GROUP)
    shared.parent.chmod(0o755)  # Carol's folder; not set-group-id, which would keep the group
    os.chown(shared, CAROL, GROUP)
    shared.chmod(0o640)  # Carol's store, readable by the group Carol has left
    before = listing(shared.parent)
    code, output = as_user(CAROL, [CAROL], "import", CALDERDALE, "--db", shared)
    assert code == 2 and f"cannot keep its group {GROUP}" in output, output
    assert shared.stat().st_gid == GROUP
    after = listing(shared.parent)
    after.pop("db.json.lock", None)
    assert after == before


@pytest.mark.parametrize("chown", ["ignored", "refused"])
def test_a_group_the_file_system_does_not_keep_is_refused(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, chown: str
) -> None:
    """Checked after fchown, not trusted: some file systems ignore it without an error."""
    group = 1 if os.geteuid() == 0 else os.getegid()
    if group == os.getegid():
        pytest.skip("needs a group other than the writer's own")
    os.chown(store_path, -1, group)
    before = store_path.read_bytes()

    def fchown(fd: int, uid: int, gid: int) -> None:
        if chown == "refused":
            raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", fchown)
    result = run("import", CALDERDALE, "--db", store_path)
    assert result.exit_code == 2 and "cannot keep its group" in result.output
    assert store_path.read_bytes() == before and store_path.stat().st_gid == group
    assert not store_path.with_name("db.json.bak").exists()


# -- backup generations and restore ----------------------------------------------------------


def _versions(store_path: Path, count: int) -> list[bytes]:
    """Write `count` new versions of the store; every version's bytes, oldest first."""
    versions = [store_path.read_bytes()]
    for number in range(count):
        tables = orjson.loads(versions[-1])
        tables["meta"]["1"]["built_from"] = f"version {number + 1}"
        write_tables(store_path, tables)
        versions.append(store_path.read_bytes())
    return versions


def test_three_generations_are_kept_by_default(store_path: Path) -> None:
    versions = _versions(store_path, 4)
    names = ["db.json.bak", "db.json.bak.1", "db.json.bak.2"]
    assert [store_path.with_name(n).read_bytes() for n in names] == versions[3:0:-1]
    assert not store_path.with_name("db.json.bak.3").exists()


@pytest.mark.parametrize("keep", [0, 1, 5])
def test_keep_backups_says_how_many(store_path: Path, keep: int) -> None:
    before = store_path.read_bytes()
    for article in (CALDERDALE, KIRKLEES_2021):
        result = run("import", article, "--db", store_path, "--keep-backups", str(keep))
        assert result.exit_code == 0, result.output
    kept = sorted(p.name for p in store_path.parent.iterdir() if ".bak" in p.name)
    assert kept == ["db.json.bak", "db.json.bak.1"][:keep]
    if keep >= 2:
        assert store_path.with_name("db.json.bak.1").read_bytes() == before


def test_restore_lists_and_puts_back_a_generation(store_path: Path, built: StoreData) -> None:
    versions = _versions(store_path, 3)
    before = listing(store_path.parent)
    listed = run("restore", "--list", "--db", store_path)
    assert listed.exit_code == 0
    lines = listed.output.strip().splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["1", str(store_path.with_name("db.json.bak"))],
        ["2", str(store_path.with_name("db.json.bak.1"))],
        ["3", str(store_path.with_name("db.json.bak.2"))],
    ]
    counts = f"{len(built.findings)} findings, {len(built.quotes)} quotes"
    assert all(counts in line for line in lines)
    assert listing(store_path.parent) == before  # listing changed nothing
    restored = run("restore", "2", "--db", store_path)
    assert restored.exit_code == 0, restored.output
    assert "restored" in restored.output and "db.json.bak.1" in restored.output
    assert store_path.read_bytes() == versions[1]
    assert store_path.with_name("db.json.bak").read_bytes() == versions[3]  # the one replaced
    assert run("restore", "--db", store_path).exit_code == 0  # 1: undo the restore
    assert store_path.read_bytes() == versions[3]


def test_restore_refuses_what_it_cannot_put_back(store_path: Path) -> None:
    before = store_path.read_bytes()
    nothing = run("restore", "--db", store_path)
    assert nothing.exit_code == 2 and "no backups to restore" in nothing.output
    _versions(store_path, 1)
    current = store_path.read_bytes()
    missing = run("restore", "4", "--db", store_path)
    assert missing.exit_code == 2 and "no backup generation 4" in missing.output
    store_path.with_name("db.json.bak").write_bytes(before[: len(before) // 2])
    broken = run("restore", "--db", store_path)
    assert broken.exit_code == 2 and "db.json.bak: line" in broken.output
    store_path.chmod(0o444)
    read_only = run("restore", "--db", store_path)
    assert read_only.exit_code == 2 and "read-only" in read_only.output
    assert store_path.read_bytes() == current


def test_restore_writes_through_a_linked_store(store_path: Path) -> None:
    from tests.unit.test_writer import _linked_store

    link, real = _linked_store(store_path)
    versions = _versions(real, 1)
    result = run("restore", "--db", link)
    assert result.exit_code == 0 and f"writing to its target {real}" in result.output
    assert link.is_symlink() and real.read_bytes() == versions[0]
    with contextlib.suppress(FileNotFoundError):
        assert not link.with_name("db.json.bak").exists()
    assert run("restore", "--list", "--db", link).output.startswith(f"1  {real}.bak")


def test_backups_are_documented_in_the_synopsis() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "kirklees-tui restore [--list] [--db PATH] [GENERATION]" in readme
    assert "--keep-backups N" in readme
    assert KIRKLEES_2019.exists()
