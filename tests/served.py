"""`kirklees-tui serve` as a separate process, as a user starts it, for the serve and browser
tests: started on a free loopback port, awaited until it listens, stopped with ctrl+c
(SIGINT) and awaited until it has ended, with what it said."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.sshd import free_port

__all__ = ["Served", "run_serve", "serving"]


def _argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "kirklees_tui", "serve", *args]


def run_serve(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`kirklees-tui serve ARGS` that is expected to refuse (and so to end at once)."""
    return subprocess.run(
        _argv(*args), capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, cwd=cwd
    )


@dataclass
class Served:
    """A running `serve`: where it listens, and (once stopped) its exit status and stderr."""

    process: subprocess.Popen[str]
    port: int
    returncode: int | None = None
    stderr: str = ""
    said: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self, within: float = 30.0) -> bool:
        """ctrl+c, as a user stops it; then wait for it to end: whether it did `within` so many
        seconds (if not, it and its sessions are killed)."""
        if self.returncode is not None:
            return True
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        ended = True
        try:
            _, self.stderr = self.process.communicate(timeout=within)
        except subprocess.TimeoutExpired:
            ended = False
            os.killpg(self.process.pid, signal.SIGKILL)
            _, self.stderr = self.process.communicate()
        self.returncode = self.process.returncode
        return ended


@contextmanager
def serving(
    db: Path, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Iterator[Served]:
    """`kirklees-tui serve --db DB --port FREE ARGS`, listening; stopped on leaving."""
    port = free_port()
    process = subprocess.Popen(
        _argv("--db", str(db), "--port", str(port), *args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=env,
        start_new_session=True,  # its sessions too can be killed as a group if it hangs
    )
    served = Served(process, port)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if process.poll() is not None:
                served.stop()
                raise AssertionError(f"serve ended at once ({served.returncode}): {served.stderr}")
            time.sleep(0.05)
        else:
            raise AssertionError("serve never listened")
        yield served
    finally:
        served.stop()
