"""The one writer: every file the program writes goes through here.

Exports, timelines, stores (build, import, restore), the per-user cache and the error log:

- Only a regular file or a new name is written. A symbolic link, FIFO, device or directory at
  the path, or a symbolic link among the folders named on the way to it, is refused with one
  line naming it: the folders are walked one by one without following links, and everything
  after happens relative to the last one, so nothing is written anywhere but where it says.
- An existing file is replaced only when the caller says so (`replace`: `--force`, or the
  browser's confirmation); a new name is linked only if it is still free.
- Mode bits are honoured even for root: `chmod a-w` on a file or folder means leave it alone.
- The bytes go to an unnamed `O_TMPFILE` in the same folder (a named temp file where the file
  system has none), are fsynced, take the old file's mode and group (refusing when the group
  cannot be kept, as a non-member of it would silently change it), and are renamed over the old
  name: a reader sees the old file or the new one, never half; a writer killed leaves nothing.

Stores add backups: the replaced version is kept as `NAME.bak`, older ones as `NAME.bak.1`,
`NAME.bak.2`; and a lock (`lock.py`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Final

from kirklees_tui.store.errors import StoreError

__all__ = [
    "Exists",
    "Sink",
    "backup_names",
    "check_writable",
    "folder_of",
    "group_name",
    "kind_problem",
    "new_mode",
    "replacing",
    "store_target",
    "user_name",
    "write_file",
]

_PATH: Final = getattr(os, "O_PATH", os.O_RDONLY)
_FOLDER: Final = _PATH | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_KINDS: Final = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class Exists(StoreError):
    """A file is at the path and the caller did not ask to replace it."""


class Sink:
    """Where the new file's bytes go, a whole buffer at a time."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]


def folder_of(path: Path) -> int:
    """A descriptor for the folder holding `path`, reached without following any link."""
    folder = path.parent
    fd = os.open("/" if folder.is_absolute() else ".", _FOLDER)
    walked = Path(folder.anchor)
    for part in folder.parts[1:] if folder.is_absolute() else folder.parts:
        walked /= part
        try:
            inner = os.open(part, _FOLDER, dir_fd=fd)
        except OSError as error:
            problem = _folder_problem(fd, part, walked, error)
            os.close(fd)
            raise StoreError(f"{path}: {problem}") from None
        os.close(fd)
        fd = inner
    return fd


def _folder_problem(fd: int, part: str, walked: Path, error: OSError) -> str:
    with contextlib.suppress(OSError):
        if stat.S_ISLNK(os.stat(part, dir_fd=fd, follow_symlinks=False).st_mode):
            return f"{walked} is a symbolic link; give the real path"
    if error.errno == errno.ENOENT:
        return f"no such folder {walked}"
    if error.errno == errno.ENOTDIR:
        return f"{walked} is not a folder"
    return f"cannot reach {walked}: {error.strerror}"


def kind_problem(info: os.stat_result) -> str | None:
    """Why a file at the path may not be written over, or None for a regular file."""
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link; refusing to write through it"
    if stat.S_ISDIR(info.st_mode):
        return "is a directory"
    for test, name in _KINDS:
        if test(info.st_mode):
            return f"is {name}, not a regular file; refusing to replace it"
    return None if stat.S_ISREG(info.st_mode) else "not a regular file; refusing to replace it"


def _existing(fd: int, path: Path) -> os.stat_result | None:
    """The regular file at `path` (in folder `fd`), None when the name is free; refuses the rest."""
    if path.name in ("", ".", ".."):
        raise StoreError(f"{path}: not a file name")
    try:
        info = os.stat(path.name, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return None
    problem = kind_problem(info)
    if problem is not None:
        raise StoreError(f"{path}: {problem}")
    return info


def _check_modes(fd: int, path: Path, old: os.stat_result | None) -> None:
    """Refuse a file or folder marked read-only, even to root, who could write it anyway."""
    if old is not None and (not old.st_mode & 0o222 or not os.access(path.name, os.W_OK, dir_fd=fd)):
        raise StoreError(f"{path}: read-only; nothing was changed")
    if not os.fstat(fd).st_mode & 0o222 or not os.access(".", os.W_OK | os.X_OK, dir_fd=fd):
        raise StoreError(f"{path}: the folder {path.parent} is read-only; nothing was changed")


def check_writable(path: Path, must_exist: bool = True) -> bool:
    """Refuse, before any lock or temp file exists, what the writer would refuse: a path
    through a symbolic link, something not a regular file, a file or folder marked read-only.
    Returns whether a file is there (which only `replace` may replace)."""
    fd = folder_of(path)
    try:
        old = _existing(fd, path)
        if old is None and must_exist:
            raise StoreError(f"{path}: no such store")
        _check_modes(fd, path, old)
        return old is not None
    finally:
        os.close(fd)


def store_target(path: Path) -> Path:
    """The file a store path names, resolved once: a store reached through a symbolic link is
    locked, backed up and replaced at its target, so a write never splits it in two. The
    caller says so when this differs from `path`. A link to nothing is refused."""
    if os.path.islink(path) and not path.exists():
        raise StoreError(f"{path}: a symbolic link to nothing; give the store's real path")
    real = Path(os.path.realpath(path))
    return real if real != Path(os.path.abspath(path)) else path


def group_name(gid: int) -> str:
    import grp

    with contextlib.suppress(KeyError):
        return grp.getgrgid(gid).gr_name
    return str(gid)


def user_name(uid: int) -> str:
    import pwd

    with contextlib.suppress(KeyError):
        return pwd.getpwuid(uid).pw_name
    return str(uid)


def _keep_mode_and_group(fd: int, path: Path, mode: int, gid: int | None) -> None:
    """Give the new file the old one's group, or refuse: written by someone outside the
    group, it would silently take theirs and lock the group out. Checked after `fchown`,
    since some file systems ignore it. Then the mode (fchown may clear set-id bits)."""
    if gid is not None and os.fstat(fd).st_gid != gid:
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, gid)
        if os.fstat(fd).st_gid != gid:
            raise StoreError(
                f"{path}: cannot keep its group {group_name(gid)} (you are not a "
                "member, or the file system will not); nothing was changed"
            )
    os.fchmod(fd, mode)


def new_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _open_temp(fd: int, path: Path) -> tuple[int, str | None]:
    """An unnamed temp file in folder `fd` (None for its name), else a named one."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and os.path.isdir("/proc/self/fd"):
        try:
            return os.open(".", flag | os.O_WRONLY | os.O_CLOEXEC, 0o600, dir_fd=fd), None
        except OSError as error:
            if error.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
    name = f".{path.name}.{os.getpid()}.tmp"
    return os.open(
        name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=fd
    ), name


def _link(temp_fd: int, temp: str | None, folder: int, name: str) -> None:
    """Give the temp file `name`, failing if the name is taken. For an unnamed file, a folder
    descriptor makes CPython call linkat(AT_SYMLINK_FOLLOW), following /proc's link to it."""
    if temp is None:
        os.link(f"/proc/self/fd/{temp_fd}", name, dst_dir_fd=folder, follow_symlinks=True)
    else:
        os.link(temp, name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
        os.unlink(temp, dir_fd=folder)


def backup_names(name: str, keep: int) -> list[str]:
    """The names of `keep` backup generations of `name`, newest first."""
    return [f"{name}.bak", *(f"{name}.bak.{n}" for n in range(1, keep))]


def _back_up(folder: int, name: str, old: os.stat_result, keep: int) -> None:
    """Shift NAME.bak to NAME.bak.1 and so on (the oldest beyond `keep` is dropped), then
    keep the current file as NAME.bak: a second hard link, else a copy made as any file is."""
    names = backup_names(name, keep)
    for newer, older in reversed(list(pairwise(names))):
        with contextlib.suppress(FileNotFoundError):
            os.replace(newer, older, src_dir_fd=folder, dst_dir_fd=folder)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(names[0], dir_fd=folder)
    try:
        os.link(name, names[0], src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
    except OSError:  # another owner's file where hard links are protected, or no hard links
        source = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder)
        with os.fdopen(source, "rb") as handle:
            data = handle.read()
        _write_at(folder, Path(names[0]), data, stat.S_IMODE(old.st_mode), old.st_gid)


def _write_at(folder: int, path: Path, data: bytes, mode: int, gid: int | None) -> None:
    """A new file `path.name` in `folder`, whole or not at all."""
    fd, temp = _open_temp(folder, path)
    try:
        Sink(fd).write(data)
        os.fsync(fd)
        _keep_mode_and_group(fd, path, mode, gid)
        _link(fd, temp, folder, path.name)
    except BaseException:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=folder)
        raise
    finally:
        os.close(fd)


def _clear_stale_temps(folder: Path, name: str) -> None:
    """Remove named temp files a killed writer left; called under the lock, so none is live."""
    with contextlib.suppress(OSError):
        for entry in os.listdir(folder):
            if entry.startswith(f".{name}.") and entry.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(folder / entry)


@contextlib.contextmanager
def replacing(
    path: Path, replace: bool = False, keep_backups: int = 0, *, what: str = "file", under_lock: bool = False
) -> Iterator[Sink]:
    """Write a file whole: what the block writes to the sink becomes `path`, or nothing does.

    `replace` allows an existing regular file to be replaced (else `Exists`); `keep_backups`
    keeps that many generations of it; `under_lock` says the caller holds the store's lock,
    so temp files a killed writer left can be removed. Every refusal and failure is a
    `StoreError` naming the path; `what` names it in "the store is unchanged".
    """
    folder = folder_of(path)
    temp: str | None = None
    try:
        old = _existing(folder, path)
        if old is not None and not replace:
            raise Exists(f"{path}: already exists")
        _check_modes(folder, path, old)
        if under_lock:
            _clear_stale_temps(path.parent, path.name)
        unchanged = f"the {what} is unchanged" if old is not None else "nothing was written"
        try:
            fd, temp = _open_temp(folder, path)
        except OSError as error:
            raise StoreError(f"{path}: cannot write: {error.strerror}; {unchanged}") from None
        try:
            yield Sink(fd)
            os.fsync(fd)
            mode = new_mode() if old is None else stat.S_IMODE(old.st_mode)
            _keep_mode_and_group(fd, path, mode, None if old is None else old.st_gid)
            if old is None:
                _link(fd, temp, folder, path.name)  # fails if the name was taken meanwhile
                temp = None
            else:
                _replace(fd, temp, folder, path, old, keep_backups)
                temp = None
        except OSError as error:
            raise StoreError(f"{path}: cannot write: {error.strerror}; {unchanged}") from None
        finally:
            os.close(fd)
        _fsync_folder(folder)
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=folder)
        os.close(folder)


def _replace(
    fd: int, temp: str | None, folder: int, path: Path, old: os.stat_result, keep_backups: int
) -> None:
    """Rename the new file over the old one, if the old one is still the file it was."""
    now = os.stat(path.name, dir_fd=folder, follow_symlinks=False)
    if (now.st_dev, now.st_ino) != (old.st_dev, old.st_ino) or not stat.S_ISREG(now.st_mode):
        raise StoreError(f"{path}: replaced by something else while writing; nothing was changed")
    if keep_backups > 0:
        _back_up(folder, path.name, old, keep_backups)
    name = temp
    if name is None:  # the unnamed file gets a name only now, a moment before the rename
        name = f".{path.name}.{os.getpid()}.tmp"
        _link(fd, None, folder, name)
    try:
        os.replace(name, path.name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=folder)
        raise


def _fsync_folder(folder: int) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(".", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC, dir_fd=folder)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_file(
    path: Path,
    data: bytes,
    replace: bool = False,
    keep_backups: int = 0,
    what: str = "file",
    under_lock: bool = False,
) -> None:
    """`replacing`, for bytes already in hand."""
    with replacing(path, replace, keep_backups, what=what, under_lock=under_lock) as sink:
        sink.write(data)
