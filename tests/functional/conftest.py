"""Fixtures and helpers for app tests, one of each: an app over a throwaway copy of the built
store (`make_app`), an app whose store the test hands over itself (`HeldLoadApp`), waiting
(`until`, `loaded`, `ended`), and reading what the user sees (`listed`, `status`, `notices`)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.filter import Filter
from kirklees_tui.store.model import Finding, Quote, StoreData
from kirklees_tui.store.read import load_store
from kirklees_tui.store.update import write_store
from kirklees_tui.ui.app import KirkleesApp
from kirklees_tui.ui.loader import StoreLoaded
from kirklees_tui.ui.widgets.record_list import RecordList
from kirklees_tui.ui.widgets.status_line import StatusLine
from tests.conftest import ROOT

_SHIPPED = load_store(ROOT / "db.json")
FINDINGS = len(_SHIPPED.findings)
"""How many findings the shipped store (and every test's copy of it) holds."""
QUOTES = len(_SHIPPED.quotes)
MakeApp = Callable[..., KirkleesApp]


async def until(
    pilot: Pilot[None], check: Callable[[], bool], what: str = "the screen never changed"
) -> None:
    """Wait, a frame at a time, up to four seconds, for `check` to hold."""
    for _ in range(200):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError(what)


def catalog_of(app: KirkleesApp) -> Catalog:
    """The catalog of the store the main screen shows."""
    catalog = app.main.catalog
    assert catalog is not None, app.error
    return catalog


def _shows_a_store(app: KirkleesApp) -> bool:
    return getattr(app, "main", None) is not None and app.main.catalog is not None


async def loaded(pilot: Pilot[None]) -> Catalog:
    """Wait until the store has loaded and the screen shows it; its catalog."""
    app = pilot.app
    assert isinstance(app, KirkleesApp)
    await until(pilot, lambda: _shows_a_store(app) or app.error is not None, "the store never loaded")
    await pilot.pause()
    return catalog_of(app)


async def ended(pilot: Pilot[None]) -> str:
    """Wait until the app gives up on its store; the line it leaves with."""
    app = pilot.app
    assert isinstance(app, KirkleesApp)
    await until(pilot, lambda: app.error is not None, "the app never gave up")
    assert app.error is not None
    return app.error


def listed(app: KirkleesApp, pane: str) -> list[Finding | Quote]:
    """The records a list pane (`findings` or `quotes`) shows, in order."""
    return app.screen.query_one(f"#{pane}", RecordList).listed


def status(app: KirkleesApp) -> str:
    """The main screen's status line: the filter in words and what it selects."""
    return str(app.main.query_one(StatusLine).render())


def notices(app: KirkleesApp) -> list[str]:
    """Every notification on screen, title and message (run with `notifications=True`)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


class HeldLoadApp(KirkleesApp):
    """The app with its store not yet arrived: the test hands it over (`hand_over`)."""

    def load_data(self, reload: bool = False) -> None:  # type: ignore[override]
        pass

    def hand_over(self) -> StoreLoaded:
        """Post the store to the main screen, as the loader does; the message posted."""
        loaded = StoreLoaded(Catalog(load_store(self.db)), None, self.initial)
        self.main.post_message(loaded)
        return loaded


@pytest.fixture
def make_app(store_path: Path) -> MakeApp:
    def make(
        themes: tuple[str, ...] = (),
        words: str = "",
        db: Path | None = None,
        speaker: str | None = None,
        app: type[KirkleesApp] = KirkleesApp,
        base: Filter | None = None,
    ) -> KirkleesApp:
        flt = base or Filter(frozenset(themes), words=words, speaker=speaker)
        return app(db or store_path, flt)

    return make


WAKEFIELD = ROOT / "tests" / "generalisation" / "g02_wakefield_full.txt"
"""An article about another council's inspection (Wakefield, 2019-09)."""


@pytest.fixture(scope="session")
def two_council_store(tmp_path_factory: pytest.TempPathFactory, built: StoreData) -> Path:
    """The built store with Wakefield's 2019 inspection imported: two councils, once per
    session (tests that open it get their own copy: `two_councils`)."""
    from kirklees_tui.extract.importer import import_files

    path = tmp_path_factory.mktemp("two") / "db.json"
    write_store(path, built, keep_backups=0)
    import_files(path, [WAKEFIELD], keep_backups=0)
    return path


@pytest.fixture
def two_councils(tmp_path: Path, two_council_store: Path) -> Path:
    """A throwaway copy of the store with Kirklees' and Wakefield's visits."""
    path = tmp_path / "two.json"
    shutil.copyfile(two_council_store, path)
    return path


def run_in_pty(
    args: list[str],
    env: dict[str, str],
    size: tuple[int, int] = (100, 30),
    until: bytes = f"Findings {FINDINGS}".encode(),
) -> bytes:
    """Start the app in a pseudo-terminal, wait for `until`, quit with ctrl+q; all bytes."""
    _, output = pty_session(args, env, size, until)
    assert until in output, "the app never showed its data"
    return output


def pty_session(
    args: list[str],
    env: dict[str, str],
    size: tuple[int, int] = (100, 30),
    until: bytes | None = None,
    keys: bytes = b"\x11",
    unset: tuple[str, ...] = (),
    python: tuple[str, ...] = ("-m", "kirklees_tui"),
) -> tuple[int, bytes]:
    """Run `kirklees-tui ARGS` (or `python PYTHON ARGS`) in a pseudo-terminal until it exits
    (sent `keys`, ctrl+q unless told, once `until` appears, if given), with `env` added and
    `unset` taken out of the environment; its exit status and every byte it wrote."""
    pid, fd = pty.fork()
    if pid == 0:  # size the terminal before the app starts, or it may read 80x24
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        os.chdir(ROOT)
        os.environ.update(env, COLUMNS=str(size[0]), LINES=str(size[1]))
        for name in unset:
            os.environ.pop(name, None)
        os.execv(sys.executable, [sys.executable, *python, *args])
    output = bytearray()
    deadline = time.monotonic() + 20
    quit_sent = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not quit_sent and until is not None and until in output:
            time.sleep(0.3)
            os.write(fd, keys)
            quit_sent = True
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:  # still running at the deadline: it hung
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), bytes(output)


def screen_text(output: bytes) -> str:
    """What the terminal shows, near enough: the output without its escape sequences."""
    return re.sub(r"\x1b\[[0-9;?<>$]*[a-zA-Z~]", "", output.decode("utf-8", "replace"))
