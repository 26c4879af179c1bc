"""Dates read from an article's words, resolved against the day it was published.

"in October" means the last October on or before publication, "last December" the last one
before it, "last year" the year before; "June 10 and 21" is a range. Each result keeps its words,
which become the `basis` a reader can check.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Final

__all__ = ["DateRef", "PartialDate", "find_dates", "parse_partial"]

MONTHS: Final = (
    "January February March April May June July August September October November December"
).split()
_MONTH: Final = "|".join(MONTHS)
_ORDINAL: Final = r"(?:st|nd|rd|th)?"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def key(self) -> tuple[int, int, int]:
        """For ordering: unknown parts sort first."""
        return (self.year, self.month or 0, self.day or 0)

    def not_after(self, other: PartialDate) -> bool:
        """True unless this date is known to fall after `other`."""
        if self.year != other.year:
            return self.year < other.year
        if self.month is None or other.month is None or self.month != other.month:
            return self.month is None or other.month is None or self.month < other.month
        return self.day is None or other.day is None or self.day <= other.day

    def is_real(self) -> bool:
        """A day that exists in its month ("2017-02-30" does not)."""
        try:
            datetime.date(self.year, self.month or 1, self.day or 1)
        except ValueError:
            return False
        return True

    def months(self) -> int:
        """Months since year 0, for distances; an unknown month counts as mid-year."""
        return self.year * 12 + (self.month or 6)


def parse_partial(value: str) -> PartialDate:
    """`2016-11-25`, `2017-08` or `2018`; raises ValueError otherwise."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not match:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"not a month: {value!r}")
    date = PartialDate(year, month, day)
    if not date.is_real():
        raise ValueError(f"not a real date: {value!r}")
    return date


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date the text mentions: where, what it resolves to, and the words."""

    start: int
    end: int
    first: PartialDate
    last: PartialDate
    words: str


_SEP: Final = r"\s*(?:and|to|-|–|—|until)\s*"
_PATTERNS: Final = (
    # 9 October to 2 November 2017 / 24 February 2015 – 18 March 2015 / September 26 – October 20
    (
        "dm-dmy",
        re.compile(
            rf"\b(\d{{1,2}}){_ORDINAL}\s+({_MONTH})(?:\s+(\d{{4}}))?{_SEP}"
            rf"(\d{{1,2}}){_ORDINAL}\s+({_MONTH})(?:,?\s+(\d{{4}}))?\b"
        ),
    ),
    (
        "md-md",
        re.compile(
            rf"\b({_MONTH})\s+(\d{{1,2}}){_ORDINAL}{_SEP}({_MONTH})\s+"
            rf"(\d{{1,2}}){_ORDINAL}(?:,?\s+(\d{{4}}))?\b"
        ),
    ),
    # 11 and 20 March 2013 / 8-12 July / 2 and 3 October
    (
        "dd-m",
        re.compile(
            rf"\b(\d{{1,2}}){_ORDINAL}{_SEP}(\d{{1,2}}){_ORDINAL}\s+({_MONTH})"
            rf"(?:,?\s+(\d{{4}}))?\b"
        ),
    ),
    # 10 June 2019 / June 10 and 21, 2019 / June 10, 2019 / January 14-24
    ("dmy", re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+({_MONTH})\s+(\d{{4}})\b")),
    (
        "mdy",
        re.compile(
            rf"\b({_MONTH})\s+(\d{{1,2}}){_ORDINAL}(?:{_SEP}(\d{{1,2}}){_ORDINAL})?,?"
            rf"\s+(\d{{4}})\b"
        ),
    ),
    ("my", re.compile(rf"\b(?:(early|late|mid-?)\s*)?({_MONTH})\s+(?:of\s+)?(\d{{4}})\b")),
    ("md", re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}){_ORDINAL}(?:{_SEP}(\d{{1,2}}){_ORDINAL})?\b")),
    ("dm", re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+({_MONTH})\b")),
    ("m", re.compile(rf"\b(?:(last|this|next|early|late|mid-?)\s+)?({_MONTH})\b(?!\s+\d)")),
    ("y", re.compile(r"\b(?:(early|late|mid-?)[\s-]*)?((?:19|20)\d{2})\b(?![-/]\d)")),
    ("rel", re.compile(r"(?i)\b(last|this|next|earlier this|later this) (year|month)\b")),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
)


def _month_number(name: str) -> int:
    return MONTHS.index(name) + 1


def _resolve_month(month: int, published: PartialDate, relation: str | None) -> int:
    """The year of a month named without one."""
    if published.month is None:
        return published.year - (1 if relation == "last" and month >= 12 else 0)
    if relation == "next":
        return published.year + (1 if month <= published.month else 0)
    if relation == "last":
        return published.year - (1 if month >= published.month else 0)
    return published.year - (1 if month > published.month else 0)


def find_dates(text: str, start: int, end: int, published: PartialDate) -> list[DateRef]:
    """Every date mentioned in `text[start:end]`, resolved, without overlaps."""
    found: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            resolved = _resolve(kind, match, published)
            if resolved is None or not (resolved[0].is_real() and resolved[1].is_real()):
                continue  # "June 45", "February 30": no date at all
            first, last = resolved
            found.append(DateRef(match.start(), match.end(), first, last, match.group()))
            taken.append((match.start(), match.end()))
    found.sort(key=lambda d: d.start)
    return found


def _resolve(
    kind: str, match: re.Match[str], published: PartialDate
) -> tuple[PartialDate, PartialDate] | None:
    g = match.groups()
    if kind in ("dm-dmy", "md-md", "dd-m"):
        return _resolve_range(kind, g, published)
    if kind == "dmy":
        date = PartialDate(int(g[2]), _month_number(g[1]), int(g[0]))
        return date, date
    if kind == "mdy":
        month, year = _month_number(g[0]), int(g[3])
        return PartialDate(year, month, int(g[1])), PartialDate(year, month, int(g[2] or g[1]))
    if kind == "my":
        date = PartialDate(int(g[2]), _month_number(g[1]))
        return date, date
    if kind in ("md", "dm"):
        month_name, day, last_day = (g[0], g[1], g[2]) if kind == "md" else (g[1], g[0], None)
        month = _month_number(month_name)
        year = _resolve_month(month, published, None)
        return PartialDate(year, month, int(day)), PartialDate(year, month, int(last_day or day))
    if kind == "m":
        if (
            g[1] == "May"
            and not g[0]
            and not re.search(r"\b(?:in|since|from|until|by)\s+$", match.string[: match.start()])
        ):
            return None  # the modal verb, not the month
        month = _month_number(g[1])
        date = PartialDate(_resolve_month(month, published, g[0]), month)
        return date, date
    if kind == "y":
        year = int(g[1])
        if not 1990 <= year <= published.year + 1:
            return None
        return PartialDate(year), PartialDate(year)
    if kind == "rel":
        step = {"last": -1, "next": 1}.get(g[0].lower(), 0)
        if g[1].lower() == "year":
            date = PartialDate(published.year + step)
        elif published.month is None:
            return None
        else:
            total = published.year * 12 + published.month - 1 + step
            date = PartialDate(total // 12, total % 12 + 1)
        return date, date
    year, month, day = (int(x) for x in g)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = PartialDate(year, month, day)
    return date, date


def _resolve_range(
    kind: str, g: tuple[str | None, ...], published: PartialDate
) -> tuple[PartialDate, PartialDate] | None:
    """ "9 October to 2 November 2017", "September 26 – October 20", "11 and 20 March 2013";
    a range with no year ends in the last such month on or before publication."""
    if kind == "dm-dmy":
        d1, m1, y1, d2, m2, y2 = g
    elif kind == "md-md":
        m1, d1, m2, d2, y2 = g
        y1 = None
    else:
        d1, d2, m2, y2 = g
        m1, y1 = m2, None
    assert d1 and m1 and d2 and m2
    month1, month2 = _month_number(m1), _month_number(m2)
    end_year = int(y2) if y2 else _resolve_month(month2, published, None)
    start_year = int(y1) if y1 else end_year - (1 if month1 > month2 else 0)
    day1, day2 = int(d1), int(d2)
    first = PartialDate(start_year, month1, day1)
    last = PartialDate(end_year, month2, day2)
    if not (1 <= day1 <= 31 and 1 <= day2 <= 31) or last.key < first.key:
        return None
    return first, last
