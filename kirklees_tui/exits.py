"""How the program ends when something goes wrong: one line on stderr, never a traceback.

An expected problem (a missing store, a bad option, a refused write) is `fail`: one cleaned
line and exit status 2. An unexpected error (a bug), in a command or on a screen, is `report`:
its traceback is added to `errors.log` in the user's state directory (platformdirs'
`user_state_dir`; `$KIRKLEES_TUI_STATE` overrides it), and one line naming that file is printed,
with exit status 70 (EX_SOFTWARE). The log keeps the newest entries, up to `MAX_LOG_BYTES`.
`fail` is on the browser's path to its first frame, so what only `report` needs is imported
when something failed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Final, NoReturn

from kirklees_tui import __version__

__all__ = ["ENV_STATE", "EXIT_STATUS", "MAX_LOG_BYTES", "describe", "fail", "log_file", "report"]

ENV_STATE: Final = "KIRKLEES_TUI_STATE"
"""A directory for the error log, instead of the user's state directory."""
EXIT_STATUS: Final = 70
MAX_LOG_BYTES: Final = 256 * 1024


def fail(message: str, status: int = 2) -> NoReturn:
    """Print one clear line on stderr and exit. The line may name files or stored text, so
    it is cleaned as the browser cleans text."""
    from kirklees_tui.sanitize import clean

    sys.stderr.write(f"kirklees-tui: {clean(message)}\n")
    sys.exit(status)


def log_file() -> Path:
    """Where errors are logged: the user's state directory, resolved once."""
    choice = os.environ.get(ENV_STATE, "")
    if choice:
        return Path(choice) / "errors.log"
    from platformdirs import user_state_path

    return user_state_path("kirklees-tui", appauthor=False) / "errors.log"


def describe(error: BaseException) -> tuple[str, str]:
    """An exception's one-line summary and its full traceback."""
    import traceback

    summary = f"{type(error).__name__}: {error}".splitlines()[0] if str(error) else type(error).__name__
    return summary, "".join(traceback.format_exception(error))


def _record(details: str) -> Path:
    """Add an entry to the log, through the one writer; the oldest entries go past the limit."""
    import datetime

    from kirklees_tui.store.write import write_file

    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = path.parent.resolve() / path.name
    try:
        old = path.read_bytes()[-MAX_LOG_BYTES:]
    except FileNotFoundError:
        old = b""
    when = datetime.datetime.now().isoformat(" ", "seconds")
    entry = f"--- {when} kirklees-tui {__version__}: {' '.join(sys.argv[1:])}\n{details}\n"
    write_file(path, old + entry.encode("utf-8", "replace"), replace=True)
    return path


def report(summary: str, details: str) -> NoReturn:
    """Log `details` and leave with one line and status 70."""
    from kirklees_tui.store.errors import StoreError

    try:
        where = f"the details are in {_record(details)}"
    except (OSError, StoreError) as error:
        where = f"the details could not be logged ({error})"
    fail(f"unexpected error ({summary}); {where}", EXIT_STATUS)
