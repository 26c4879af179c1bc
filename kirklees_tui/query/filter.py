"""What the user has asked to see: themes (any or all), exclusions, words, a visit, a speaker.

Its own small module so the app can hold a filter before the catalog (and the record model it
imports) is loaded: nothing here costs start-up time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

__all__ = ["Filter"]


@dataclass(frozen=True, slots=True)
class Filter:
    """What the user has asked for; the empty filter selects everything."""

    themes: frozenset[str] = frozenset()
    match: Literal["any", "all"] = "any"
    exclude: frozenset[str] = frozenset()
    words: str = ""
    visit: str | None = None
    speaker: str | None = None

    def toggled(self, theme: str) -> Filter:
        """The same filter with `theme` switched on or off (and no longer excluded)."""
        themes = self.themes ^ {theme}
        return replace(self, themes=themes, exclude=self.exclude - {theme})

    def excluding(self, theme: str) -> Filter:
        """The same filter with `theme` excluded, or no longer excluded."""
        return replace(self, exclude=self.exclude ^ {theme}, themes=self.themes - {theme})

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(self.words.casefold().split())

    def describe(self) -> str:
        """The filter in words, for the status line and exports."""
        parts: list[str] = []
        if self.themes:
            joiner = " or " if self.match == "any" else " and "
            parts.append("themes " + joiner.join(sorted(self.themes)))
        if self.exclude:
            parts.append("not " + ", ".join(sorted(self.exclude)))
        if self.words.strip():
            parts.append(f"words “{' '.join(self.words.split())}”")
        if self.visit:
            parts.append(f"visit {self.visit}")
        if self.speaker:
            parts.append(f"speaker {self.speaker}")
        return "; ".join(parts) if parts else "everything"
