"""Starting the program: the browser's checks before it takes the screen, and the entry point.

`kirklees-tui` with no arguments, the everyday case, opens the browser without loading click:
click and the command definitions cost about 7 ms before the first frame, whose budget is 1.1x
a bare Textual app's (issue 4). Anything else goes to the click command line (cli.py), whose
default command calls the same `open_browser`.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from kirklees_tui.paths import choose_db

__all__ = ["fail", "main", "open_browser"]


def fail(message: str, status: int = 2) -> NoReturn:
    """Print one clear line on stderr and exit. The line may name files or stored text, so
    it is cleaned as the browser cleans text."""
    from kirklees_tui.sanitize import clean

    sys.stderr.write(f"kirklees-tui: {clean(message)}\n")
    sys.exit(status)


def open_browser(db: str | None = None, themes: tuple[str, ...] = (), search: str = "",
                 speaker: str | None = None, mouse: bool = True) -> None:
    """Run the app on the chosen store; exit 2 with one line when it cannot be used."""
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        fail("not a terminal; to print records use `kirklees-tui export`")
    path = choose_db(db)
    if not path.is_file():  # say so before the screen is taken over
        fail(f"{path}: no such store" if not path.exists() else f"{path}: not a regular file")
    from kirklees_tui.verifier import Verifier

    verifier = Verifier.start(path)  # now, while this process has no threads to fork with
    try:
        from kirklees_tui.app import KirkleesApp
        from kirklees_tui.filter import Filter  # not the catalog's: the first frame waits for it

        app = KirkleesApp(path, Filter(frozenset(themes), words=search, speaker=speaker),
                          verifier)
        app.run(mouse=mouse)
    finally:
        if verifier is not None:
            verifier.stop()
    if app.error:
        fail(app.error)


def main() -> None:
    """Console-script entry point."""
    if len(sys.argv) <= 1:
        open_browser()
        return
    from kirklees_tui.cli import cli

    cli(prog_name="kirklees-tui")
