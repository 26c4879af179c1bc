"""Where the store and the stylesheet are: the user's choice, else the shipped copies.

Which store: `--db`, else `$KIRKLEES_TUI_DB`, else `./db.json` when present, else the copy
shipped in the package. In a wheel the shipped files sit inside the package; in a checkout
(editable install) they sit at the top of the repository.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

__all__ = ["ENV_DB", "choose_db", "is_shipped", "shipped"]

ENV_DB: Final = "KIRKLEES_TUI_DB"
_PACKAGE: Final = Path(__file__).resolve().parents[1]
"""The installed package (`kirklees_tui/`), where a wheel keeps the shipped files."""


def shipped(name: str) -> Path:
    """A file shipped with the program: inside the package, else at the checkout's top."""
    inside = _PACKAGE / name
    return inside if inside.exists() else _PACKAGE.parent / name


def choose_db(option: str | Path | None) -> Path:
    """The store to open, by the documented order of precedence."""
    if option:
        return Path(option)
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB])
    local = Path("db.json")
    return local if local.is_file() else shipped("db.json")


def is_shipped(path: Path) -> bool:
    """True for a file inside the installed package, which nothing may write."""
    return path.resolve().is_relative_to(_PACKAGE)
