"""How a finding's stance reads without colour: one mark each, everywhere it is shown.

The lists and the detail on screen, the grid's cells and legend, and the timeline report all
take the marks from here, so a stance never reads one way on screen and another in a report.
"""

from __future__ import annotations

from typing import Final

from kirklees_tui.store.model import STANCES, Stance

__all__ = ["STANCE_MARKS", "stance_legend", "stance_words"]

STANCE_MARKS: Final[dict[Stance, str]] = {"concern": "▼", "progress": "▲", "strength": "★"}


def stance_words(stance: Stance) -> str:
    """The mark and the word: `▼ concern`."""
    return f"{STANCE_MARKS[stance]} {stance}"


def stance_legend(separator: str) -> str:
    """Every stance's mark and word, in order: `▼ concern, ▲ progress, ★ strength`."""
    return separator.join(map(stance_words, STANCES))
