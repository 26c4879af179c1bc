"""Counts in words a person reads: "1 finding", "2 findings", never "1 findings"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

__all__ = ["counted", "possessive", "sources_counted"]

_IRREGULAR = {"person": "people", "child": "children"}


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, the noun plural unless the number is one."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {plural or _IRREGULAR.get(noun) or noun + 's'}"


def sources_counted(kinds: Iterable[str]) -> str:
    """Sources by kind, "5 articles, 3 reports": a kind that has none is left out (a store of
    articles alone reads "5 articles", as it always did); "no sources" when there are none."""
    tally = Counter(kinds)
    return ", ".join(counted(tally[kind], kind) for kind in sorted(tally)) or "no sources"


def possessive(name: str) -> str:
    """`Kirklees'`, `Leeds'`, `Wirral's`: a name ending in s takes the apostrophe alone."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
