"""The store's lock, held for a whole read-modify-write.

`NAME.lock` beside the store, not the store itself: a lock on a file is lost when the file is
replaced. It is made with the store's group and mode, so that a group sharing the store can
share its lock; a lock one member left with another group or mode is put right by them next
time, and one that cannot be opened is named with its owner, group and mode and the command
that would fix it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from kirklees_tui.store.errors import StoreError
from kirklees_tui.store.write import folder_of, group_name, kind_problem, new_mode, user_name

__all__ = ["LOCK_TIMEOUT_S", "locked"]

LOCK_TIMEOUT_S: Final = 30.0


def _prepare_lock(path: Path, lock: Path) -> int:
    """Make the lock file with the store's group and mode (group-writable when the store is),
    so that everyone who may write the store may take its lock; an old lock of ours that
    differs is put right. Returns the mode."""
    folder = folder_of(lock)
    try:
        store = os.stat(path.name, dir_fd=folder) if os.path.exists(path) else None
        mode = new_mode() if store is None else stat.S_IMODE(store.st_mode) & 0o666 | 0o600
        gid = None if store is None else store.st_gid
        try:
            fd = os.open(
                lock.name,
                os.O_RDONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                mode,
                dir_fd=folder,
            )
        except FileExistsError:
            info = os.stat(lock.name, dir_fd=folder, follow_symlinks=False)
            problem = kind_problem(info)
            if problem is not None:
                raise StoreError(f"{path}: the lock {lock} {problem}; remove it") from None
            if info.st_uid != os.geteuid() or (
                stat.S_IMODE(info.st_mode) == mode and gid in (None, info.st_gid)
            ):
                return mode
            fd = os.open(lock.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder)
        try:
            with contextlib.suppress(OSError):  # the writer refuses a group it cannot keep
                if gid is not None:
                    os.fchown(fd, -1, gid)
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        return mode
    finally:
        os.close(folder)


def _lock_advice(path: Path, lock: Path) -> str:
    """Why the lock cannot be opened, and what would change that."""
    try:
        info = os.stat(lock, follow_symlinks=False)
    except OSError:
        return f"{path}: cannot make the lock {lock}: {path.parent} is not writable"
    owner, group = user_name(info.st_uid), group_name(info.st_gid)
    fix = f"chmod g+w {lock}"
    with contextlib.suppress(OSError):
        store_gid = os.stat(path).st_gid
        if store_gid != info.st_gid:
            fix = f"chgrp {group_name(store_gid)} {lock} && {fix}"
    return (
        f"{path}: cannot open the lock {lock} (owner {owner}, group {group}, mode "
        f"{stat.S_IMODE(info.st_mode):04o}): {owner} can run `{fix}`, or remove it"
    )


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the store's lock file for a whole read-modify-write."""
    from filelock import FileLock, Timeout  # writers only: reading never pays for it

    lock_path = path.with_name(path.name + ".lock")
    try:
        lock = FileLock(lock_path, timeout=LOCK_TIMEOUT_S, mode=_prepare_lock(path, lock_path))
        lock.acquire()
    except Timeout:
        raise StoreError(f"{path}: another process holds {lock_path.name}; try again") from None
    except PermissionError:
        raise StoreError(_lock_advice(path, lock_path)) from None
    except OSError as error:
        raise StoreError(f"{path}: cannot lock {lock_path}: {error.strerror}") from None
    try:
        yield
    finally:
        lock.release()
