"""Themes: load the editable patterns file and tag text with the themes it matches.

A pattern is a word or phrase, matched whole-word and case-insensitively; a trailing `*`
matches any ending; a leading `!` makes it an exception: words it matches do not tag the
theme ("!requir* improvement" keeps a grade out of pace-of-improvement).

`why` gives the words that made each theme match, so a reader can see why a record carries a
theme; it is recomputed for the record on screen rather than stored for every record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

from kirklees_tui.store.model import Theme

__all__ = ["DEFAULT_THEMES", "ThemeTagger", "load_themes"]

DEFAULT_THEMES: Final = Path(__file__).with_name("themes.toml")
_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def load_themes(path: Path = DEFAULT_THEMES) -> list[Theme]:
    """Themes from a TOML file of `[[theme]]` tables; ValueError names what is wrong."""
    import tomllib  # only the builder reads the file; the browser's themes are in the store

    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: {error}") from None
    themes: list[Theme] = []
    for index, raw in enumerate(data.get("theme", []), 1):
        where = f"{path}: theme {index}"
        theme_id = raw.get("id")
        if not isinstance(theme_id, str) or not _ID.fullmatch(theme_id):
            raise ValueError(f"{where}: id must be a lower-case slug, got {theme_id!r}")
        patterns = raw.get("patterns", [])
        if not patterns or not all(isinstance(p, str) and p.strip() for p in patterns):
            raise ValueError(f"{where}: patterns must be a list of words")
        themes.append(
            Theme(theme_id, str(raw.get("label", theme_id)), str(raw.get("description", "")), tuple(patterns))
        )
    if len({t.id for t in themes}) != len(themes):
        raise ValueError(f"{path}: theme ids must be unique")
    return themes


@lru_cache(maxsize=4096)
def _compile(pattern: str) -> re.Pattern[str]:
    stem = pattern.rstrip("*")
    body = re.escape(stem).replace(r"\ ", r"\s+").replace("’", "['’]")
    tail = r"\w*" if pattern.endswith("*") else r"\b"
    head = r"\b" if stem[:1].isalnum() else ""
    return re.compile(head + body + tail, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ThemeTagger:
    """Tags text with every theme whose patterns occur in it."""

    themes: tuple[Theme, ...]

    def __post_init__(self) -> None:
        # Every pattern compiled now, where the tagger is made (the browser makes its tagger
        # with the catalog, in the loader thread): the first record shown then costs no
        # compiling, which at ninety-odd patterns was 10 ms of the first screen.
        for theme in self.themes:
            for pattern in theme.patterns:
                _compile(pattern.removeprefix("!"))

    def tag(self, text: str) -> tuple[str, ...]:
        """The ids of the themes the text matches, in theme order."""
        return tuple(theme_id for theme_id, words in self.why(text).items() if words)

    def why(self, text: str) -> dict[str, list[str]]:
        """For each theme, the distinct words of `text` that made it match; words that one
        of the theme's exceptions ("!requir* improvement") matches make none."""
        found: dict[str, list[str]] = {}
        for theme in self.themes:
            spared = [
                (m.start(), m.end())
                for p in theme.patterns
                if p.startswith("!")
                for m in _compile(p[1:]).finditer(text)
            ]
            found[theme.id] = list(
                dict.fromkeys(
                    m.group().lower()
                    for p in theme.patterns
                    if not p.startswith("!")
                    for m in _compile(p).finditer(text)
                    if not any(a <= m.start() < b for a, b in spared)
                )
            )
        return found
