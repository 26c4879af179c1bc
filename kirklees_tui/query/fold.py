"""Folding text for search: what a keyboard user types matches what an article printed.

Straight and curly quotes and apostrophes, hyphens and dashes, ordinary and no-break spaces,
and letter case all fold to one form each. The fold keeps every character in its place (one
character in, one out), so a match found in folded text is the span to highlight in the text
as printed. Search stays literal: no pattern is read from what the user types.
"""

from __future__ import annotations

from typing import Final

__all__ = ["APOSTROPHES", "fold", "spans"]

APOSTROPHES: Final = "'’‘‚‛′`´ʼ"
"""Every mark that prints as an apostrophe or single quote; each folds to `'`."""

_SAME: Final = str.maketrans(
    {
        **dict.fromkeys(APOSTROPHES, "'"),
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "−": "-",
        "―": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\t": " ",
    }
)


def fold(text: str) -> str:
    """`text` with quotes, dashes, spaces and case folded, character for character."""
    plain = text.translate(_SAME)
    folded = plain.lower()
    if len(folded) != len(plain):  # a letter whose lower case is longer ("İ"): keep it
        folded = "".join(low if len(low := c.lower()) == 1 else c for c in plain)
    return folded


def spans(text: str, terms: tuple[str, ...] | list[str]) -> list[tuple[int, int]]:
    """Where each folded term occurs in `text`, as (start, end) offsets into `text` itself."""
    folded = fold(text)
    found: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        at = folded.find(term)
        while at >= 0:
            found.append((at, at + len(term)))
            at = folded.find(term, at + len(term))
    return sorted(found)
