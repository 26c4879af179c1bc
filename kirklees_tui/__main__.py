"""The entry point: `kirklees-tui` (the console script) and `python -m kirklees_tui`.

With no arguments, the everyday case, it opens the browser without loading click: click and
the command definitions cost about 7 ms before the first frame, whose budget is 1.1x a bare
Textual app's (issue 4). Anything else goes to the click command line (`cli/`), whose
default command opens the same browser; so does a shell asking for completions (click's
`_KIRKLEES_TUI_COMPLETE`, set with no arguments). Whatever fails unexpectedly, in a command or on a
screen, ends as one line naming a log file with the traceback (`exits.py`).
"""

from __future__ import annotations

import os
import sys

__all__ = ["COMPLETE_ENV", "main"]

COMPLETE_ENV = "_KIRKLEES_TUI_COMPLETE"
"""Click's shell-completion variable for the `kirklees-tui` program name."""


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user."""
    from kirklees_tui.exits import fail

    try:
        if len(sys.argv) <= 1 and COMPLETE_ENV not in os.environ:
            from kirklees_tui.ui.launch import open_browser

            open_browser()
            return
        from kirklees_tui.cli import cli

        cli(prog_name="kirklees-tui")
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as error:
        from kirklees_tui.exits import describe, report

        report(*describe(error))


if __name__ == "__main__":
    main()
