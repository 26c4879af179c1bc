"""Replacing a file whole, under a lock: how the store is written safely.

The new bytes go to an unnamed `O_TMPFILE` (a named temp file where the file system has none),
are fsynced, take the old file's mode and group, and get a name only a moment before
`os.replace`: a reader sees the old file or the new one, never half of either, and a writer
killed while writing leaves nothing. The previous version stays as `NAME.bak`. The lock is a
separate `NAME.lock`, because a lock on the file itself is lost when the file is replaced.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from kirklees_tui.model import StoreError

__all__ = ["LOCK_TIMEOUT_S", "check_writable", "locked", "replace_file"]

LOCK_TIMEOUT_S: Final = 30.0


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the store's lock file for a whole read-modify-write."""
    from filelock import FileLock, Timeout  # writers only: reading never pays for it

    lock_path = path.with_name(path.name + ".lock")
    try:
        with FileLock(lock_path, timeout=LOCK_TIMEOUT_S):
            yield
    except Timeout:
        raise StoreError(f"{path}: another process holds {lock_path.name}; try again") from None
    except PermissionError:
        raise StoreError(f"{path}: cannot lock: {path.parent} is not writable") from None


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _clear_stale_temps(path: Path, directory: Path) -> None:
    """Remove temp files a killed writer left; called under the lock, so none is live."""
    for stale in directory.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _open_unnamed(directory: Path) -> int | None:
    """An O_TMPFILE: a file with no name until it is complete, so a crash leaves nothing."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(directory, flag | os.O_WRONLY, 0o600)
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None  # the file system cannot; fall back to a named temp file
        raise


def _name_unnamed(fd: int, directory: Path, name: Path) -> None:
    """Give an O_TMPFILE a name. A directory fd makes CPython call linkat(AT_SYMLINK_FOLLOW),
    which follows /proc's link to the open file; plain link() would try to link the symlink."""
    folder = os.open(directory, os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", name, src_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def replace_file(path: Path, data: bytes, keep_backup: bool) -> None:
    """Write an unnamed temp file, fsync, keep mode and group, back up, name it, replace.

    The temp file gets a name only once its bytes are on disk, a moment before it replaces the
    store, so a writer killed while writing leaves no file behind; a name left by a kill in that
    moment is removed by the next writer.
    """
    directory = path.parent if str(path.parent) else Path(".")
    old = None
    with contextlib.suppress(FileNotFoundError):
        old = os.stat(path)
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise StoreError(f"{path}: not a regular file; refusing to replace it")
    _clear_stale_temps(path, directory)
    temp = directory / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = _open_unnamed(directory)
        named = fd is None
        if fd is None:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except PermissionError:
        raise StoreError(f"{path}: cannot write: {directory} is not writable") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot write: {error.strerror}") from None
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
            os.fchmod(fd, stat.S_IMODE(old.st_mode) if old is not None else 0o644)
            if old is not None:
                with contextlib.suppress(OSError):
                    os.fchown(fd, -1, old.st_gid)
            if old is not None and keep_backup:
                _backup(path)
            if not named:
                _name_unnamed(fd, directory, temp)
            os.replace(temp, path)  # a named temp file exists only between these two calls
        finally:
            os.close(fd)
        _fsync_dir(directory)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write: {error.strerror}; the store is unchanged") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _backup(path: Path) -> None:
    """Keep the previous version as `db.json.bak`: a second hard link, so no temp file.

    A crash between the unlink and the link leaves no backup, never a half one.
    """
    backup = path.with_name(path.name + ".bak")
    backup.unlink(missing_ok=True)
    try:
        os.link(path, backup)
    except OSError:
        import shutil

        shutil.copy2(path, backup)


def check_writable(path: Path) -> None:
    """Refuse, before any lock or temp file exists, a store or folder marked read-only.

    Mode bits are honoured even for root, who could write anyway: `chmod a-w db.json` is a
    person saying "leave this alone".
    """
    directory = path.parent if str(path.parent) else Path(".")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise StoreError(f"{path}: no such store") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot use: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path}: not a regular file")
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise StoreError(f"{path}: the store is read-only; nothing was changed")
    folder = os.stat(directory)
    if not folder.st_mode & 0o222 or not os.access(directory, os.W_OK | os.X_OK):
        raise StoreError(f"{path}: the folder {directory} is read-only; nothing was changed")
