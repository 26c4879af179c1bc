"""`kirklees-tui doctor`: a shared installation checked as one user meets it.

Whoever installed the program checked it as themselves; a councillor logging in over SSH
meets it with their own environment, terminal and home. Each line is `ok` or `problem`,
what was found, and for a problem the fix. Exit 0 when every line is ok, 1 otherwise. Nothing
is written: folders are checked for whether they could be, not by writing to them. Everything
said passes through `say()`, as file names and environment values are not ours.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import click

from kirklees_tui.cli.common import DB_HELP, say
from kirklees_tui.store.paths import ENV_DB, choose_db, is_shipped, shipped

__all__ = ["MIN_SIZE", "Check", "doctor", "run_checks"]

MIN_SIZE: Final = (60, 16)
"""The smallest terminal the browser draws in (the main screen's `MIN_SIZE`; a test keeps
them equal: this module must not load Textual to know it)."""
SET_TERM: Final = "export TERM=xterm-256color (in ~/.profile), if your terminal is an xterm-like one"


@dataclass(frozen=True)
class Check:
    """One line of the report."""

    name: str
    ok: bool
    found: str
    fix: str = ""

    def line(self) -> str:
        fix = f"; fix: {self.fix}" if self.fix and not self.ok else ""
        return f"{'ok' if self.ok else 'problem':<8} {self.name:<10} {self.found}{fix}"


@click.command()
@click.option("--db", metavar="PATH", help=DB_HELP)
def doctor(db: str | None) -> None:
    """Check the installation as you meet it: exit 0 all ok, 1 a problem (each with its fix)."""
    checks = run_checks(db, dict(os.environ))
    for check in checks:
        say(check.line())
    if not all(check.ok for check in checks):
        sys.exit(1)


def run_checks(db: str | None, env: dict[str, str]) -> list[Check]:
    """Every check, in the order a user meets them: the store, the terminal, the clipboard,
    what the program writes in the home, the web server."""
    return [
        store_check(db, env),
        term_check(env),
        size_check(),
        colour_check(env),
        clipboard_check(env),
        *folder_checks(db),
        serve_check(),
    ]


def store_check(db: str | None, env: dict[str, str]) -> Check:
    """The store browsing would open, read and checked as `check` does."""
    from kirklees_tui.cli.about import store_facts
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.integrity import problems
    from kirklees_tui.store.read import load_store

    path = choose_db(db or env.get(ENV_DB))
    chosen = (
        "--db"
        if db
        else f"${ENV_DB}"
        if env.get(ENV_DB)
        else "the copy shipped with the program"
        if is_shipped(path) or path == shipped("db.json")
        else "./db.json in this folder"
    )
    try:
        store = load_store(path, dates=False)
    except StoreError as error:
        if not path.exists():
            fix = (
                f"set {ENV_DB} to the shared store (for everyone: /etc/profile.d/kirklees-tui.sh), "
                "or give --db PATH"
            )
        elif not os.access(path, os.R_OK):
            fix = "ask whoever looks after the store to make it readable by you (chmod a+r, or its group)"
        else:
            fix = "`kirklees-tui restore` puts back the last good version (ask whoever imports)"
        return Check("store", False, f"{error} (chosen by {chosen})", fix)
    found = problems(store)
    if found:
        return Check(
            "store",
            False,
            f"{path}: not sound ({found[0]}; {len(found)} in all)",
            "`kirklees-tui check` lists them; `kirklees-tui restore` puts back the last good version",
        )
    note = (
        f"; a team's shared store is named by ${ENV_DB}, not set here"
        if chosen.startswith("the copy")
        else ""
    )
    return Check("store", True, f"{path} (chosen by {chosen}): sound; {store_facts(store)}{note}")


def term_check(env: dict[str, str]) -> Check:
    term = env.get("TERM", "")
    if not term or term == "dumb":
        return Check("TERM", False, f"TERM is {term or 'not set'}: the browser will not start", SET_TERM)
    return Check("TERM", True, f"TERM={term}")


def size_check() -> Check:
    """The terminal on standard output, as the browser will find it."""
    if not sys.stdout.isatty():
        return Check("terminal", False, "standard output is not a terminal", "run doctor where you browse")
    width, height = os.get_terminal_size(sys.stdout.fileno())
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        return Check(
            "terminal",
            False,
            f"{width}x{height}, under the {MIN_SIZE[0]}x{MIN_SIZE[1]} the browser needs",
            "enlarge the window (80x24 or more reads best)",
        )
    return Check("terminal", True, f"{width}x{height}")


def colour_check(env: dict[str, str]) -> Check:
    """How many colours the browser will use, judged as Rich judges it, from the environment."""
    if env.get("NO_COLOR"):
        return Check("colours", True, "none (NO_COLOR is set): the marks ▶ + − ▼ ▲ ★ carry the meaning")
    chosen = env.get("TEXTUAL_COLOR_SYSTEM", "auto")
    term, colorterm = env.get("TERM", ""), env.get("COLORTERM", "").lower()
    if chosen == "truecolor" or (chosen == "auto" and colorterm in ("truecolor", "24bit")):
        return Check("colours", True, "24-bit")
    if chosen == "256" or (chosen == "auto" and "256" in term):
        return Check("colours", True, "256")
    fix = (
        "unset TEXTUAL_COLOR_SYSTEM"
        if chosen != "auto"
        else "set -g default-terminal tmux-256color in ~/.tmux.conf"
        if env.get("TMUX")
        else SET_TERM
    )
    return Check("colours", False, f"16 or fewer (TERM={term or 'not set'}): a reduced palette", fix)


def clipboard_check(env: dict[str, str]) -> Check:
    """Whether `y` (OSC 52) is likely to reach the clipboard: tmux passes it only with
    `set-clipboard on`, GNU screen and macOS Terminal not at all."""
    if env.get("TMUX"):
        setting = _tmux_clipboard(env)
        if setting == "on":
            return Check("clipboard", True, "tmux passes OSC 52 on (set-clipboard on)")
        return Check(
            "clipboard",
            False,
            f"tmux set-clipboard is {setting}: `y` copies nothing",
            "tmux set -g set-clipboard on (and add `set -g set-clipboard on` to ~/.tmux.conf)",
        )
    if env.get("STY"):
        return Check(
            "clipboard",
            False,
            "GNU screen drops OSC 52: `y` copies nothing",
            "use tmux with set-clipboard on",
        )
    if env.get("TERM_PROGRAM") == "Apple_Terminal":
        return Check(
            "clipboard", False, "macOS Terminal ignores OSC 52: `y` copies nothing", "use iTerm2 or another"
        )
    over = " over SSH" if env.get("SSH_TTY") or env.get("SSH_CONNECTION") else ""
    return Check("clipboard", True, f"likely{over} (OSC 52: most terminals accept it)")


def _tmux_clipboard(env: dict[str, str]) -> str:
    """`set-clipboard` of the tmux server that `$TMUX` names."""
    tmux = shutil.which("tmux", path=env.get("PATH"))
    if tmux is None:
        return "unknown (no tmux command)"
    try:
        done = subprocess.run(
            [tmux, "show", "-gv", "set-clipboard"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    return done.stdout.strip() or "unknown"


def folder_checks(db: str | None) -> list[Check]:
    """What the program writes in the user's own home: the cache, saved views, the error log."""
    from kirklees_tui.exits import log_file
    from kirklees_tui.query.views import views_file
    from kirklees_tui.store.cache import ENV_CACHE, cache_file

    checks = []
    cache = cache_file(choose_db(db))
    if cache is None:
        checks.append(Check("cache", True, f"off ({ENV_CACHE}=off): every open reads the JSON"))
    else:
        checks.append(_folder("cache", cache.parent, f"{ENV_CACHE}=off, or a folder you can write"))
    checks.append(_folder("views", views_file().parent, "set KIRKLEES_TUI_DATA to a folder you can write"))
    checks.append(_folder("error log", log_file().parent, "set KIRKLEES_TUI_STATE to a folder you can write"))
    return checks


def _folder(name: str, folder: Path, fix: str) -> Check:
    """Whether `folder` could be written by this user (made if missing), judged by the
    nearest folder that exists, without writing anything."""
    probe = folder
    while not os.path.lexists(probe) and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        return Check(name, False, f"{folder}: {probe} is not a folder", fix)
    if not os.access(probe, os.W_OK | os.X_OK):
        return Check(name, False, f"{folder}: {probe} is not writable by you", fix)
    return Check(name, True, f"{folder} (writable)" if probe == folder else f"{folder} (can be made)")


def serve_check() -> Check:
    """The `serve` extra: not needed in a terminal, so its absence is said but not a problem."""
    from importlib.util import find_spec

    if find_spec("textual_serve") is None:
        return Check(
            "serve",
            True,
            "extra not installed (only `kirklees-tui serve` needs it: "
            "pipx inject kirklees-tui textual-serve)",
        )
    return Check("serve", True, "extra installed (`kirklees-tui serve` works)")
