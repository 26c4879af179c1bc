"""A council's name as the store names authorities: its place, "Stoke-on-Trent", "Kirklees".

Reports name a council as it styles itself ("Kirklees Metropolitan Borough Council", "Council
of the Isles of Scilly", "Telford and Wrekin Council"), the national record in lower case
("telford & wrekin", "stoke-on-trent"). Both come to one place name by the same rule, never by
a list of councils:

1. "&" is "and"; the council's style is dropped: a trailing "(Metropolitan) Borough, County,
   City or District Council", a leading "London Borough of", "Royal Borough of", "Council of
   the", "City of", a trailing ", City of".
2. Every word, and every part of a hyphenated word, is capitalised, except the small words
   that join a place's parts (and, of, on, upon, with, under, le, in, the, by), which are lower
   case unless they open the name: "stoke-on-trent" -> "Stoke-on-Trent", "isles of scilly" ->
   "Isles of Scilly", "bournemouth, christchurch & poole" -> "Bournemouth, Christchurch and
   Poole". A word already mixed case ("McX") is kept as written.
"""

from __future__ import annotations

import re
from typing import Final

from kirklees_tui.sanitize import one_line

__all__ = ["CONNECTORS", "authority_name"]

CONNECTORS: Final = frozenset("and of on upon with under le in the by".split())
"""Small words that join a place name's parts and stay lower case inside it."""

_STYLE_AFTER: Final = re.compile(
    r"(?i)\s+(?:(?:metropolitan\s+)?(?:borough|district|county|city)\s+)?council$"
)
_STYLE_BEFORE: Final = re.compile(
    r"(?i)^(?:the\s+)?(?:(?:london|royal)\s+borough\s+of|council\s+of\s+the|city\s+of)\s+"
)
_STYLE_COMMA: Final = re.compile(r"(?i),\s*(?:city|county)\s+of$")


def _capitalised(part: str, first: bool) -> str:
    if not part or (not first and part.casefold() in CONNECTORS):
        return part.casefold()
    if part[1:] != part[1:].lower() and part[1:] != part[1:].upper():
        return part  # already mixed case: "McX"
    return part[0].upper() + part[1:].lower()


def authority_name(raw: str) -> str:
    """The place name of a council written any of the ways reports and records write it."""
    name = " ".join(one_line(raw).replace("&", " and ").split()).strip(" ,.;:")  # untrusted text
    for pattern in (_STYLE_AFTER, _STYLE_BEFORE, _STYLE_COMMA):
        name = pattern.sub("", name).strip(" ,")
    words = []
    for index, word in enumerate(name.split(" ")):
        parts = word.split("-")
        words.append(
            "-".join(_capitalised(part, index == 0 and number == 0) for number, part in enumerate(parts))
        )
    return " ".join(words)
