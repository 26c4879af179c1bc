"""Starting the browser: the checks made before it takes the screen, then the app.

Imported before Textual, and imports it only once the verifier process has been forked
(`store/verifier.py`): the fork must happen while this process has no threads. Whatever fails
unexpectedly on a screen ends as one line naming a log file with the traceback (`exits.py`).
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from kirklees_tui.exits import fail
from kirklees_tui.store.paths import choose_db

if TYPE_CHECKING:
    from kirklees_tui.query.filter import Filter

__all__ = ["NOT_A_TERMINAL", "WEB_DRIVER", "open_browser", "served"]

NOT_A_TERMINAL = "not a terminal; to print records use `kirklees-tui export`"
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""What textual-serve sets `TEXTUAL_DRIVER` to for each session it starts (`kirklees-tui serve`)."""


def served() -> bool:
    """True in a session `kirklees-tui serve` started for a web browser: Textual's web driver
    speaks its own protocol over the pipes textual-serve gives it, so no terminal is needed."""
    return os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def open_browser(
    db: str | None = None,
    themes: tuple[str, ...] = (),
    search: str = "",
    speaker: str | None = None,
    mouse: bool = True,
    stance: str | None = None,
    authority: str | None = None,
    base: Filter | None = None,
) -> None:
    """Run the app on the chosen store; exit 2 with one line when it cannot be used."""
    terminal = sys.stdout.isatty() and sys.stdin.isatty() and os.environ.get("TERM", "dumb") != "dumb"
    if not (terminal or served()):
        fail(NOT_A_TERMINAL)  # a dumb terminal would be sent the full screen's escapes
    _check_colour_system()
    path = choose_db(db)
    if not path.is_file():  # say so before the screen is taken over
        fail(f"{path}: no such store" if not path.exists() else f"{path}: not a regular file")
    from kirklees_tui.store.verifier import Verifier

    verifier = Verifier.start(path)  # now, while this process has no threads to fork with
    try:
        from kirklees_tui.query.filter import Filter  # not the catalog's: the first frame waits for it
        from kirklees_tui.ui.app import KirkleesApp

        start = base or Filter()  # a saved view, with the options given over it
        app = KirkleesApp(
            path,
            replace(
                start,
                themes=start.themes | frozenset(themes),
                words=search or start.words,
                speaker=speaker or start.speaker,
                stance=stance or start.stance,
                authority=authority or start.authority,
            ),
            verifier,
        )
        app.run(mouse=mouse)
    finally:
        if verifier is not None:
            verifier.stop()
    if app.crash is not None:
        from kirklees_tui.exits import report

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

        sys.stderr.write(
            f"kirklees-tui: TEXTUAL_COLOR_SYSTEM={clean(choice)!r} is not one of "
            f"{', '.join(known)}; using auto\n"
        )
        os.environ["TEXTUAL_COLOR_SYSTEM"] = "auto"
