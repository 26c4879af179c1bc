"""Checking a store as a whole in a second process, on the other core, while the browser
decodes it.

Opening a store the user has no cache of yet is mostly validation, and Python runs one thread
at a time: at 100k findings, decoding the records (their types checked as they are read) takes
about 150 ms, and checking them as a whole (spans inside their sources, references, unique ids,
document-id order, duplicate keys) about 170 more, while the screen waits. So the browser forks
a verifier first, while it is a small process with no threads (so the fork is safe). The child
maps the file and runs those checks (`read.accepted_as_whole`, decoding only what they read),
niced, as background work; it answers with the CRC-32 of the bytes it read and its verdict.
Meanwhile the browser decodes the same file (`read.load_store`) and takes the checks as done
if the child accepted those very bytes. If it declined them, the browser's full validation
names the problem; if it has no word on them (other bytes, a crash, too late), the browser
checks them itself. A child that finds the user's cache current says so and exits at once.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
import time
import zlib
from pathlib import Path
from typing import Final, NoReturn

__all__ = ["Verifier"]

_ACCEPTED: Final = "accepted"
_DECLINED: Final = "declined"


class Verifier:
    """A forked child checking one store as a whole; `accepts` waits for its answer."""

    def __init__(self, pid: int, reader: int) -> None:
        self._pid = pid
        self._reader = reader
        self._lock = threading.Lock()
        self._reading = False

    @property
    def pid(self) -> int:
        """The child's process id; 0 once it has been reaped."""
        return self._pid

    @classmethod
    def start(cls, db: Path) -> Verifier | None:
        """Fork the verifier. Call it before any thread exists; None where there is no fork."""
        if not hasattr(os, "fork"):
            return None
        try:
            reader, writer = os.pipe()
        except OSError:  # out of file descriptors: the browser checks for itself
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:
            os.close(reader)
            _child(db, writer)
        os.close(writer)
        return cls(pid, reader)

    def accepts(self, checksum: int, timeout: float) -> bool | None:
        """The verifier's word on the bytes this process read (whose CRC-32 is `checksum`):
        True if it accepted them, False if it declined them; None if it has no word on them
        (it read other bytes, or failed, or gave no answer within `timeout` seconds). Waits
        without holding the interpreter lock."""
        with self._lock:
            if self._reading or self._reader < 0:
                return None
            self._reading = True
        deadline = time.monotonic() + timeout
        chunks = []
        try:
            while True:
                if not select.select([self._reader], [], [], max(0, deadline - time.monotonic()))[0]:
                    return None  # too late: stopped below, and the caller checks for itself
                chunk = os.read(self._reader, 4096)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError:
            return None
        finally:
            os.close(self._reader)
            self._reader = -1
            self.stop()
        digits, _, answer = b"".join(chunks).decode("ascii", "replace").partition(" ")
        if digits != str(checksum) or answer not in (_ACCEPTED, _DECLINED):
            return None  # e.g. the file was replaced between the two reads
        return answer == _ACCEPTED

    def stop(self) -> None:
        """End the child if it is still running, and reap it. Safe to call more than once."""
        with self._lock:
            if self._pid:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self._pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(self._pid, 0)
                self._pid = 0
            if not self._reading and self._reader >= 0:
                os.close(self._reader)
                self._reader = -1


def _answer(db: Path) -> str:
    """The child's answer: the cache is current, or the bytes' checksum and the verdict."""
    import gc
    import mmap
    import stat

    gc.disable()  # a short life: collections would only slow it down
    from kirklees_tui.store.cache import is_current

    if is_current(db):
        return "cached"
    from kirklees_tui.store.read import accepted_as_whole

    fd = os.open(db, os.O_RDONLY | os.O_NONBLOCK)  # never waits on a FIFO put in its place
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        return "not a regular file"  # no word: the browser reads its own and says why
    # Mapped, not read: no copy of the file in this process, the browser reads its own. (A
    # file cut short meanwhile ends this process with SIGBUS: no answer, which is safe.)
    # Left mapped: the process exits as soon as it has answered.
    data = memoryview(mmap.mmap(fd, 0, access=mmap.ACCESS_READ))
    verdict = _ACCEPTED if accepted_as_whole(data) else _DECLINED
    return f"{zlib.crc32(data)} {verdict}"


def _child(db: Path, writer: int) -> NoReturn:
    """Run in the forked child: never touches the terminal, never returns."""
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
        os.nice(10)  # background work: the browser the user is waiting on comes first
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        sys.stdout = sys.stderr = os.fdopen(quiet, "w")  # whatever they were wrapping
        answer = _answer(db).encode("ascii")
        view = memoryview(answer)
        while view:
            view = view[os.write(writer, view) :]
        status = 0
    except BaseException:
        pass  # no answer: the parent validates for itself
    finally:
        os._exit(status)
