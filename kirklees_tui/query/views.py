"""Saved views: a filter kept under a name, in the user's own data folder.

A view belongs to the person who saved it, never to a shared store: it lives in platformdirs'
user data folder (`$KIRKLEES_TUI_DATA` names another), written whole by the one writer
(`atomic.write_file`). `v` saves the browser's filter, `--view NAME` and the palette recall
it, and `V` shows the command line that lists the same records.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Final

from kirklees_tui.query.filter import STANCE_CHOICES, Filter

__all__ = ["ViewError", "delete_view", "load_view", "save_view", "view_names", "views_file"]

_NAME: Final = re.compile(r"[\w][\w .-]{0,39}")
MAX_VIEWS: Final = 200


class ViewError(ValueError):
    """A view that cannot be saved or read; the message says which and why."""


def views_file() -> Path:
    """Where this user's views are kept."""
    chosen = os.environ.get("KIRKLEES_TUI_DATA")
    if chosen:
        return Path(chosen) / "views.json"
    from platformdirs import user_data_path

    return user_data_path("kirklees-tui", appauthor=False) / "views.json"


def _read() -> dict[str, dict[str, Any]]:
    path = views_file()
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise ViewError(f"{path}: cannot read saved views: {error}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ViewError(f"{path}: not a file of saved views")
    return data


def _as_dict(flt: Filter) -> dict[str, Any]:
    return {
        "themes": sorted(flt.themes),
        "match": flt.match,
        "exclude": sorted(flt.exclude),
        "words": flt.words,
        "visit": flt.visit,
        "speaker": flt.speaker,
        "stance": flt.stance,
        "authority": flt.authority,
    }


def _as_filter(name: str, raw: dict[str, Any]) -> Filter:
    def text(key: str) -> str | None:
        value = raw.get(key)
        return value if isinstance(value, str) and value else None

    themes = raw.get("themes", [])
    exclude = raw.get("exclude", [])
    if not all(isinstance(t, str) for t in [*themes, *exclude]):
        raise ViewError(f"view {name!r}: its themes are not a list of ids")
    stance = text("stance")
    return Filter(
        frozenset(themes),
        "all" if raw.get("match") == "all" else "any",
        frozenset(exclude),
        text("words") or "",
        text("visit"),
        text("speaker"),
        stance if stance in STANCE_CHOICES else None,
        text("authority"),
    )


def view_names() -> list[str]:
    """The names of this user's views, sorted."""
    return sorted(_read())


def load_view(name: str) -> Filter:
    """The filter saved as `name`; ViewError if there is none."""
    views = _read()
    if name not in views:
        known = ", ".join(sorted(views)) or "none saved yet"
        raise ViewError(f"no view {name!r} (views: {known})")
    return _as_filter(name, views[name])


def _write(views: dict[str, dict[str, Any]]) -> Path:
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.write import write_file

    path = views_file()
    data = json.dumps(views, indent=2, sort_keys=True, ensure_ascii=False).encode() + b"\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_file(path, data, replace=path.exists(), what="views file")
    except (StoreError, OSError) as error:
        raise ViewError(str(error)) from None
    return path


def save_view(name: str, flt: Filter) -> Path:
    """Keep `flt` as `name` (replacing a view of that name); the file written."""
    name = " ".join(name.split())
    if not _NAME.fullmatch(name):
        raise ViewError("a view's name is 1-40 letters, digits, spaces, dots or dashes")
    views = _read()
    if name not in views and len(views) >= MAX_VIEWS:
        raise ViewError(f"{MAX_VIEWS} views are saved already; delete one first")
    views[name] = _as_dict(flt)
    return _write(views)


def delete_view(name: str) -> None:
    """Forget the view `name`; ViewError if there is none."""
    views = _read()
    if name not in views:
        raise ViewError(f"no view {name!r}")
    del views[name]
    _write(views)
