"""Judgement areas and grades: what Ofsted judges, by the names the project uses.

Each framework words its areas its own way ("Children looked after and achieving
permanence" in 2014-2018, "The experiences and progress of children in care" since), and
grades have changed names ("Requires improvement" became "Requires improvement to be good").
Front pages, section headings and the national record all come to these names, so a report,
its findings and the record's row speak of the same areas and grades.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["AREAS", "AREA_WORDING", "GRADE", "ROWS", "area_of", "grade_of"]

AREAS: Final = (
    "Overall effectiveness",
    "Impact of leaders",
    "Help and protection",
    "Children in care and care leavers",
    "Children in care",
    "Care leavers",
    "Children looked after and achieving permanence",
    "Adoption performance",
    "Leadership, management and governance",
    "Local Safeguarding Children Board",
)
"""Judgement areas of every framework, by the names used for findings' sections too."""

# Each area's wording, most specific first: "children in care and care leavers" before either.
AREA_WORDING: Final[tuple[tuple[str, str], ...]] = (
    ("Overall effectiveness", r"overall\s+effectiveness|the\s+overall\s+judgement\s+is"),
    (
        "Impact of leaders",
        r"impact\s+of\s+leaders(?:\s+on\s+social\s+work\s+practice(?:\s+with"
        r"\s+children\s+and\s+families)?)?",
    ),
    ("Leadership, management and governance", r"leadership,?\s+management\s+and\s+governance"),
    ("Help and protection", r"children\s+who\s+need\s+help\s+and\s+protection"),
    ("Children in care and care leavers", r"children\s+in\s+care\s+and\s+care\s+leavers"),
    (
        "Children looked after and achieving permanence",
        r"children\s+looked\s+after(?:\s+and\s+achieving\s+permanence)?",
    ),
    ("Adoption performance", r"adoption(?:\s+performance)?"),
    ("Care leavers", r"care\s+leavers"),
    ("Children in care", r"children\s+in\s+care"),
    (
        "Local Safeguarding Children Board",
        r"local\s+safeguarding\s+children\s+board(?:\s+\(LSCB\))?(?:\s+is)?",
    ),
)
GRADE: Final = (
    r"(?P<grade>outstanding|good|inadequate|requires?\s+improvement(?:\s+to\s+be"
    r"\s+good)?)\b"
)
ROWS: Final = tuple(
    (area, re.compile(rf"(?i)\b(?:{wording})\.?\s*[:–-]?\s*{GRADE}")) for area, wording in AREA_WORDING
)


def area_of(heading: str) -> str | None:
    """The judgement area a heading or table row names, or None."""
    for area, wording in AREA_WORDING:
        if re.search(rf"(?i)\b(?:{wording})", heading):
            return area
    return None


def grade_of(words: str) -> str | None:
    """A grade as the project names it: "requires improvement" -> "Requires improvement to be
    good"; None when `words` is no grade."""
    folded = " ".join(words.casefold().split())
    if folded.startswith(("requires improvement", "require improvement")):
        return "Requires improvement to be good"
    return {"outstanding": "Outstanding", "good": "Good", "inadequate": "Inadequate"}.get(folded)
