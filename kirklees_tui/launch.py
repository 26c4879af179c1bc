"""Starting the program: the browser's checks before it takes the screen, and the entry point.

`kirklees-tui` with no arguments, the everyday case, opens the browser without loading click:
click and the command definitions cost about 7 ms before the first frame, whose budget is 1.1x
a bare Textual app's (issue 4). Anything else goes to the click command line (cli.py), whose
default command calls the same `open_browser`. Whatever fails unexpectedly, in a command or
on a screen, ends as one line naming a log file with the traceback (`crash.py`).
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, NoReturn

from kirklees_tui.paths import choose_db

if TYPE_CHECKING:
    from kirklees_tui.filter import Filter

__all__ = ["NOT_A_TERMINAL", "fail", "main", "open_browser"]

NOT_A_TERMINAL = "not a terminal; to print records use `kirklees-tui export`"


def fail(message: str, status: int = 2) -> NoReturn:
    """Print one clear line on stderr and exit. The line may name files or stored text, so
    it is cleaned as the browser cleans text."""
    from kirklees_tui.sanitize import clean

    sys.stderr.write(f"kirklees-tui: {clean(message)}\n")
    sys.exit(status)


def open_browser(db: str | None = None, themes: tuple[str, ...] = (), search: str = "",
                 speaker: str | None = None, mouse: bool = True, stance: str | None = None,
                 authority: str | None = None, base: Filter | None = None) -> None:
    """Run the app on the chosen store; exit 2 with one line when it cannot be used."""
    if not (sys.stdout.isatty() and sys.stdin.isatty()) or os.environ.get("TERM", "dumb") == "dumb":
        fail(NOT_A_TERMINAL)  # a dumb terminal would be sent the full screen's escapes
    _check_colour_system()
    path = choose_db(db)
    if not path.is_file():  # say so before the screen is taken over
        fail(f"{path}: no such store" if not path.exists() else f"{path}: not a regular file")
    from kirklees_tui.verifier import Verifier

    verifier = Verifier.start(path)  # now, while this process has no threads to fork with
    try:
        from kirklees_tui.app import KirkleesApp
        from kirklees_tui.filter import Filter  # not the catalog's: the first frame waits for it

        start = base or Filter()  # a saved view, with the options given over it
        app = KirkleesApp(path, replace(start, themes=start.themes | frozenset(themes),
                                        words=search or start.words,
                                        speaker=speaker or start.speaker,
                                        stance=stance or start.stance,
                                        authority=authority or start.authority), verifier)
        app.run(mouse=mouse)
    finally:
        if verifier is not None:
            verifier.stop()
    if app.crash is not None:
        from kirklees_tui.crash import report

        report(*app.crash)
    if app.error:
        fail(app.error)


def _check_colour_system() -> None:
    """An unknown `TEXTUAL_COLOR_SYSTEM` ended in Textual's KeyError: warn, and use `auto`.
    (Rich's own list; Rich is loaded with Textual anyway. Read before Textual is imported.)"""
    choice = os.environ.get("TEXTUAL_COLOR_SYSTEM")
    if choice is None:
        return
    from rich.console import COLOR_SYSTEMS

    known = ("auto", *COLOR_SYSTEMS)
    if choice not in known:
        from kirklees_tui.sanitize import clean

        sys.stderr.write(f"kirklees-tui: TEXTUAL_COLOR_SYSTEM={clean(choice)!r} is not one of "
                         f"{', '.join(known)}; using auto\n")
        os.environ["TEXTUAL_COLOR_SYSTEM"] = "auto"


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    try:
        if len(sys.argv) <= 1:
            open_browser()
            return
        from kirklees_tui.cli import cli

        cli(prog_name="kirklees-tui")
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as error:
        from kirklees_tui.crash import describe, report

        report(*describe(error))
