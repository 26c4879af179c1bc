"""What the user has asked to see: themes (any or all), exclusions, words, a visit, a speaker,
a stance and a council; and its history, so any change can be undone.

Its own small module so the app can hold a filter before the catalog (and the record model it
imports) is loaded: nothing here costs start-up time.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Final, Literal

from kirklees_tui.query.fold import fold

__all__ = ["PARTS", "STANCE_CHOICES", "Filter", "FilterHistory"]

STANCE_CHOICES: Final = ("concern", "progress", "strength")
"""The stances a filter can ask for; None asks for all of them."""
PARTS: Final = ("search", "speaker", "visit", "stance", "council", "themes")
"""The parts of a filter, in the order `escape` clears them."""


@dataclass(frozen=True, slots=True)
class Filter:
    """What the user has asked for; the empty filter selects everything."""

    themes: frozenset[str] = frozenset()
    match: Literal["any", "all"] = "any"
    exclude: frozenset[str] = frozenset()
    words: str = ""
    visit: str | None = None
    speaker: str | None = None
    stance: str | None = None
    """`concern`, `progress` or `strength`; None for all three."""
    authority: str | None = None
    """The council whose visits and records are shown; None for every council."""

    def toggled(self, theme: str) -> Filter:
        """The same filter with `theme` switched on or off (and no longer excluded)."""
        themes = self.themes ^ {theme}
        return replace(self, themes=themes, exclude=self.exclude - {theme})

    def excluding(self, theme: str) -> Filter:
        """The same filter with `theme` excluded, or no longer excluded."""
        return replace(self, exclude=self.exclude ^ {theme}, themes=self.themes - {theme})

    def next_stance(self) -> Filter:
        """All, then concerns, progress, strengths, then all again."""
        order: list[str | None] = [None, *STANCE_CHOICES]
        return replace(self, stance=order[(order.index(self.stance) + 1) % len(order)])

    @property
    def terms(self) -> tuple[str, ...]:
        """The search words folded as the texts are (quotes, dashes, spaces, case)."""
        return tuple(fold(self.words).split())

    @property
    def is_empty(self) -> bool:
        return self == Filter(match=self.match)

    def parts(self) -> tuple[str, ...]:
        """The parts of `PARTS` this filter sets, in that order."""
        present = {
            "search": bool(self.words.strip()),
            "speaker": self.speaker is not None,
            "visit": self.visit is not None,
            "stance": self.stance is not None,
            "council": self.authority is not None,
            "themes": bool(self.themes or self.exclude),
        }
        return tuple(p for p in PARTS if present[p])

    def without(self, part: str) -> Filter:
        """The same filter with one part cleared."""
        cleared = {
            "search": {"words": ""},
            "speaker": {"speaker": None},
            "visit": {"visit": None},
            "stance": {"stance": None},
            "council": {"authority": None},
            "themes": {"themes": frozenset(), "exclude": frozenset()},
        }[part]
        return replace(self, **cleared)  # type: ignore[arg-type]

    def describe(self) -> str:
        """The filter in words, for the status line and exports."""
        parts: list[str] = []
        if self.authority:
            parts.append(self.authority)
        if self.stance:
            parts.append(
                {"concern": "concerns", "progress": "progress", "strength": "strengths"}[self.stance]
            )
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

    def command(self, records: str = "findings", fmt: str = "md", sort: str = "date") -> str:
        """The `kirklees-tui export` command line that lists what this filter shows."""
        words = ["kirklees-tui", "export"]
        for theme in sorted(self.themes):
            words += ["--theme", theme]
        if self.match == "all" and len(self.themes) > 1:
            words += ["--match", "all"]
        for theme in sorted(self.exclude):
            words += ["--exclude", theme]
        for option, value in (
            ("--stance", self.stance),
            ("--authority", self.authority),
            ("--visit", self.visit),
            ("--speaker", self.speaker),
            ("--search", " ".join(self.words.split()) or None),
        ):
            if value:
                words += [option, value]
        if records != "findings":
            words += ["--records", records]
        if sort != "date":
            words += ["--sort", sort]
        words += ["--format", fmt]
        import shlex  # only when a user asks for the command line

        return shlex.join(words)


@dataclass(slots=True)
class FilterHistory:
    """The filters a user has had, so `undo` can step back through them."""

    past: list[Filter] = field(default_factory=list)
    limit: int = 100

    def record(self, before: Filter, after: Filter) -> None:
        """Remember `before` when the filter changes to `after`."""
        if before != after:
            self.past.append(before)
            del self.past[: -self.limit]

    def undo(self) -> Filter | None:
        """The filter before the last change, or None when there is nothing to undo."""
        return self.past.pop() if self.past else None
