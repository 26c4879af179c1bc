"""What an unexpected error becomes: one line naming a log file that holds its traceback.

No traceback ever reaches a user's terminal. The command line's entry point and the browser
hand any exception they did not expect to `report`, which adds the traceback to `errors.log`
in the user's state directory (platformdirs' `user_state_dir`; `$KIRKLEES_TUI_STATE`
overrides it), prints one line naming that file, and exits with status 70 (EX_SOFTWARE).
The log keeps the newest entries, up to `MAX_LOG_BYTES`. Imported only when something failed.
"""

from __future__ import annotations

import datetime
import os
import sys
import traceback
from pathlib import Path
from typing import Final, NoReturn

from kirklees_tui import __version__
from kirklees_tui.launch import fail

__all__ = ["ENV_STATE", "EXIT_STATUS", "MAX_LOG_BYTES", "describe", "log_file", "report"]

ENV_STATE: Final = "KIRKLEES_TUI_STATE"
"""A directory for the error log, instead of the user's state directory."""
EXIT_STATUS: Final = 70
MAX_LOG_BYTES: Final = 256 * 1024


def log_file() -> Path:
    """Where errors are logged: the user's state directory, resolved once."""
    choice = os.environ.get(ENV_STATE, "")
    if choice:
        return Path(choice) / "errors.log"
    from platformdirs import user_state_path

    return user_state_path("kirklees-tui", appauthor=False) / "errors.log"


def describe(error: BaseException) -> tuple[str, str]:
    """An exception's one-line summary and its full traceback."""
    summary = f"{type(error).__name__}: {error}".splitlines()[0] if str(error) else type(error).__name__
    return summary, "".join(traceback.format_exception(error))


def _record(details: str) -> Path:
    """Add an entry to the log, through the one writer; the oldest entries go past the limit."""
    from kirklees_tui.atomic import write_file

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
    from kirklees_tui.model import StoreError

    try:
        where = f"the details are in {_record(details)}"
    except (OSError, StoreError) as error:
        where = f"the details could not be logged ({error})"
    fail(f"unexpected error ({summary}); {where}", EXIT_STATUS)
