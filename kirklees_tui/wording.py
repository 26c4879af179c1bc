"""Counts in words a person reads: "1 finding", "2 findings", never "1 findings"."""

from __future__ import annotations

__all__ = ["counted"]

_IRREGULAR = {"person": "people", "child": "children"}


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, the noun plural unless the number is one."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {plural or _IRREGULAR.get(noun) or noun + 's'}"
