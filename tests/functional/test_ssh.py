"""The browser over a real SSH login, as its users meet it on a shared server.

`sshd` runs on a free loopback port with a throwaway host key and a throwaway user key
(`tests/sshd.py`); the client logs in with `ssh -tt` inside tmux at 80x24 and starts
`kirklees-tui`; the test presses keys as a person would (a theme key, `/` and a word, `enter`,
`escape`, `q`), reads the screen back after each, and checks that quitting ends the login and
leaves no process behind. Skipped, with the reason, where OpenSSH or tmux is missing
(`.ci/run` installs them from Debian's packages), or where `sshd` cannot run because this is
not root.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.filter import Filter
from kirklees_tui.wording import counted
from tests.conftest import ROOT
from tests.functional.conftest import FINDINGS
from tests.sshd import missing, ssh_argv, throwaway_sshd

MISSING = missing("tmux")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")
APP = Path(sys.executable).with_name("kirklees-tui")


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A throwaway sshd on loopback: its port, and the private key that logs in to it."""
    with throwaway_sshd(tmp_path) as login:
        yield login


class Tmux:
    """One tmux session at 80x24, read back as text."""

    def __init__(self, command: str) -> None:
        self.name = f"kt-{uuid.uuid4().hex[:8]}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", command], check=True
        )

    def screen(self) -> str:
        done = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return done.stdout

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def until(self, check: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        """The screen, once `check` holds for it; else fail saying `what` was awaited."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"never saw {what}; the screen was:\n{screen}")

    def shows(self, seen: str, timeout: float = 20.0) -> str:
        return self.until(lambda screen: seen in screen, repr(seen), timeout)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def running(marker: str) -> list[str]:
    """Processes whose command line holds `marker` (the test's own store or key path), but
    tmux's server, which may be one that started this session and serves others."""
    done = subprocess.run(["pgrep", "-af", marker], capture_output=True, text=True)
    return [line for line in done.stdout.splitlines() if line.split()[1:2] not in (["pgrep"], ["tmux"])]


def said(counts: tuple[int, int]) -> str:
    """Counts as the status line words them: "4 findings, 1 quote"."""
    return f"{counted(counts[0], 'finding')}, {counted(counts[1], 'quote')}"


def status_of(screen: str) -> str:
    """The status line (the filter in words and its counts), as the screen shows it: at 80
    columns it leaves out its "Showing:" before it cuts a count."""
    counts = re.compile(r"·  \d+ findings?, \d+ quotes?")
    return next((line.strip() for line in screen.splitlines() if counts.search(line)), "")


def test_the_browser_over_a_real_ssh_login(
    sshd: tuple[int, Path], store_path: Path, catalog: Catalog
) -> None:
    port, key = sshd
    caseloads = Filter(frozenset({"caseloads"}))
    searched = Filter(frozenset({"caseloads"}), words="social")
    counts = {
        flt: (len(catalog.select("findings", flt)), len(catalog.select("quotes", flt)))
        for flt in (caseloads, searched)
    }
    assert counts[caseloads] != counts[searched], "the word must narrow the view for this test to tell"
    remote = f"cd {ROOT} && KIRKLEES_TUI_CACHE=off TERM=xterm-256color {APP} --db {store_path}"
    session = Tmux(shlex.join(ssh_argv(port, key, remote)))
    try:
        opened = session.shows(f"Findings {FINDINGS}")
        assert "everything" in status_of(opened)

        session.keys("1")  # the first theme
        screen = session.until(lambda s: "themes caseloads" in status_of(s), "the theme in the status line")
        assert said(counts[caseloads]) in status_of(screen)
        assert f"Findings {counts[caseloads][0]}" in screen

        session.keys("/", "social")  # search as you type
        screen = session.until(lambda s: "“social”" in status_of(s), "the words in the status line")
        assert said(counts[searched]) in status_of(screen)
        assert f"Quotes {counts[searched][1]}" in screen

        session.keys("Enter")  # back to the results, the words kept: `q` is no longer typed
        # keys that arrive in one read are handed on before the first is handled: wait for the
        # key bar to leave the search field's keys, as a person sees focus move
        session.until(lambda s: "⏎ Results" not in s, "focus back on the results")
        session.keys("j")  # moves the cursor in the list (in the field it would be a letter)
        time.sleep(0.5)
        screen = session.screen()
        assert "words “social”" in status_of(screen), screen
        assert "socialj" not in screen

        session.keys("Escape")  # clears the search; the theme stays
        screen = session.until(lambda s: "“social”" not in status_of(s), "the search cleared")
        assert status_of(screen).startswith("Showing: themes caseloads")
        assert said(counts[caseloads]) in status_of(screen)

        session.keys("q")
        session.until(lambda s: not session.alive(), "the login end on q", timeout=15)
        assert not session.alive()
        assert running(str(store_path)) == [], "a browser process was left behind"
        assert running(str(key)) == [], "an ssh client was left behind"
    finally:
        session.close()
