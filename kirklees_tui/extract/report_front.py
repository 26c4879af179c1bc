"""The visit a report is about, read from the report's own front page.

An inspection report's first page names the council, the kind of inspection (by its title),
when the inspectors were on site, who led them and the grade given for each judgement area,
in wording each framework keeps from report to report:

- 2014-2018, the single inspection framework (SIF): the council alone, then "Inspection of
  services for children in need of help and protection, children looked after and care
  leavers" ("Re-inspection of …" when it is one), "Inspection date: …", "Report published:
  …", "Children's services in X are inadequate" (the overall grade) and numbered areas.
- 2018 onwards, inspections of local authority children's services (ILACS): "Inspection of
  X local authority children's services" (or "X Council / Inspection of children's social
  care services"), "Inspection dates: …", "Lead inspector: …" and a table of judgement and
  grade ending in "Overall effectiveness". A short inspection is one week on site, a
  standard one two: the span of the dates tells them apart (seven days or fewer: short).
- 2026 onwards: the same table without an overall effectiveness row.
- Focused visits, monitoring visits and joint targeted area inspections say so in their title.

Nothing is read from the file's name. The SIF's lead inspector is named in "The inspection
team" near the end rather than on the front page; that line is read where the front page has
none. Grades take the project's names (`model.JUDGEMENTS`): the SIF's "Requires improvement"
is "Requires improvement to be good".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from kirklees_tui.extract.authorities import authority_name
from kirklees_tui.extract.dates import PartialDate, find_dates
from kirklees_tui.extract.judgements import GRADE, ROWS, grade_of
from kirklees_tui.extract.pdf import ReportText

__all__ = ["ReportFront", "ReportKind", "front_matter_end", "read_front_page"]

ReportKind = Literal[
    "SIF", "ILACS standard", "ILACS short", "ILACS 2026", "focused visit", "monitoring visit", "JTAI"
]
_OVERALL_SIF: Final = re.compile(
    rf"(?i)\bchildren[’']s\s+services\s+in\s+.{{2,60}}?\s+(?:are|is|require|requires)\s+{GRADE}"
)


@dataclass(frozen=True, slots=True)
class ReportFront:
    """What a report's front page says about its visit; None where it says nothing."""

    authority: str | None
    """The council's place name, as `authorities.authority_name` gives it."""
    kind: ReportKind | None
    """The framework and kind of inspection, by the report's title (None: not recognised)."""
    reinspection: bool
    """A SIF re-inspection of a council found inadequate."""
    duration: Literal["standard", "short"] | None
    """An ILACS inspection's length (two weeks on site or one); None for other kinds."""
    start: PartialDate | None
    """The inspection's first day on site."""
    end: PartialDate | None
    """Its last day on site."""
    published: PartialDate | None
    """The publication date, where the front page gives it (SIF reports do)."""
    lead_inspectors: tuple[str, ...]
    """The lead inspector (two where the report names two), titles ("HMI") left off."""
    judgements: tuple[tuple[str, str], ...]
    """(area, grade) for each judgement area graded, in the order of the page; overall
    effectiveness included where given."""

    @property
    def overall(self) -> str | None:
        """The overall effectiveness grade, or None (the 2026 format gives none)."""
        return self.grade("Overall effectiveness")

    def grade(self, area: str) -> str | None:
        return next((grade for named, grade in self.judgements if named == area), None)

    @property
    def visit_kind(self) -> str | None:
        """The store's kind of visit (`model.VISIT_KINDS`)."""
        if self.kind in ("focused visit", "monitoring visit", "JTAI"):
            return self.kind
        if self.kind is None:
            return None
        return "re-inspection" if self.reinspection else "full inspection"


_TITLE: Final = re.compile(
    r"(?i)\b(?P<kind>re-inspection|inspection|focused\s+visit|monitoring\s+visit)\s+(?:of|to|in)"
    r"\s+(?:the\s+)?(?P<place>(?-i:[A-Z])[^.:\n]{1,60}?)\s+(?:local\s+authority\s+)?"
    r"children[’']s\s+services"
)
# "Joint targeted area inspection of the multi-agency response to … in Kirklees"
_JTAI: Final = re.compile(
    r"(?im)\bjoint\s+targeted\s+area\s+inspection\b[^\n]*?\bin\s+"
    r"(?P<place>(?-i:[A-Z])[^.:\n]{1,60}?)\s*$"
)
_SIF: Final = re.compile(
    r"(?i)\b(?P<re>re-)?inspection\s+of\s+services\s+for\s+children\s+in\s+"
    r"need\s+of\s+help\s+and\s+protection"
)
_OWN_TITLE: Final = re.compile(r"(?i)\binspection\s+of\s+children[’']s\s+social\s+care\s+services")
_DATES: Final = re.compile(r"(?i)\binspection\s+dates?\s*:\s*(?P<dates>[^\n]{6,80})")
_PUBLISHED: Final = re.compile(r"(?i)\breport\s+published\s*:\s*(?P<date>[^:]{6,30}?\d{4})")
_LEAD: Final = re.compile(
    r"(?i)\blead\s+inspectors?\s*:\s*(?P<names>[^\n]{3,200}?)"
    r"(?=\s*(?:\n|$|judgement\s+grade|deputy\s+lead|team\s+inspectors))"
)
_INSPECTOR_TITLE: Final = re.compile(
    r"(?i),?\s*(?:(?:His|Her)\s+Majesty[’']s\s+Inspector|HMI|SHMI|\((?:OI|HMI)\)|Ofsted\s+"
    r"Inspector)\b\s*,?"
)
_FAR: Final = PartialDate(9999)


_PROSE: Final = 250
"""A paragraph longer than this (in characters) is prose, not a title, a date or a table row."""


def front_matter_end(report: ReportText) -> int:
    """The index of the first paragraph after the front matter: the first page's title,
    dates, inspectors and table of judgements end at its first paragraph of prose, or with
    the page."""
    end = report.pages[0][1] if report.pages else 0
    for index, (first, last) in enumerate(report.paragraphs):
        if first >= end or (index not in report.notes and last - first > _PROSE):
            return index
    return len(report.paragraphs)


def _front_matter(report: ReportText) -> str:
    """The front matter, footnotes left out, one line per paragraph."""
    notes = set(report.notes)
    return "\n".join(
        " ".join(report.text[first:last].split())
        for index, (first, last) in enumerate(report.paragraphs[: front_matter_end(report)])
        if index not in notes
    )


def _authority(front: str) -> str | None:
    titled = _TITLE.search(front) or _JTAI.search(front)
    if titled:
        return authority_name(titled.group("place"))
    for line in front.splitlines():  # the council alone, above the title
        place = re.split(r"(?i)\s+(?:re-)?inspection\s+of\b", line)[0].strip()
        if place and not re.match(r"(?i)(?:re-)?inspection\b", place) and len(place) < 80:
            return authority_name(place)
    return None


def _kind(
    front: str, judgements: tuple[tuple[str, str], ...], days: int | None
) -> tuple[ReportKind | None, bool]:
    sif = _SIF.search(front)
    if sif:
        return "SIF", bool(sif.group("re"))
    if _JTAI.search(front):
        return "JTAI", False
    titled = _TITLE.search(front)
    named = " ".join(titled.group("kind").casefold().split()) if titled else ""
    if named == "focused visit":
        return "focused visit", False
    if named == "monitoring visit":
        return "monitoring visit", False
    if titled or _OWN_TITLE.search(front):
        if judgements and not any(area == "Overall effectiveness" for area, _ in judgements):
            return "ILACS 2026", False
        return ("ILACS short" if days is not None and days <= 7 else "ILACS standard"), False
    return None, False


def _judgements(front: str) -> tuple[tuple[str, str], ...]:
    found: list[tuple[int, int, str, str]] = []
    for area, pattern in ROWS:
        for match in pattern.finditer(front):
            if any(s < match.end() and match.start() < e for s, e, _, _ in found):
                continue
            grade = grade_of(match.group("grade"))
            if grade:
                found.append((match.start(), match.end(), area, grade))
    sif = _OVERALL_SIF.search(front)
    if sif and not any(area == "Overall effectiveness" for *_, area, _ in found):
        grade = grade_of(sif.group("grade"))
        if grade:
            found.append((sif.start(), sif.end(), "Overall effectiveness", grade))
    found.sort()
    return tuple((area, grade) for _, _, area, grade in found)


def _inspectors(text: str) -> tuple[str, ...]:
    match = _LEAD.search(text)
    if not match:
        return ()
    names = _INSPECTOR_TITLE.sub(",", match.group("names"))
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", names)
    return tuple(" ".join(part.split()) for part in parts if part.strip(" ,"))


_VISITED: Final = re.compile(r"(?i)\b(?:visit|visited|inspection|inspected|on\s+site)\b")


def _sentence_before(text: str, at: int) -> str:
    """The words of `text` from the start of the sentence holding offset `at` up to it."""
    begun = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at))
    return text[begun + 1 : at]


def _span_days(start: PartialDate, end: PartialDate) -> int | None:
    import datetime

    if start.day is None or end.day is None or start.month is None or end.month is None:
        return None
    first = datetime.date(start.year, start.month, start.day)
    return (datetime.date(end.year, end.month, end.day) - first).days + 1


def read_front_page(report: ReportText) -> ReportFront:
    """The visit as the report's front page gives it (see the module's docstring)."""
    front = _front_matter(report)
    start = end = published = None
    dated = _DATES.search(front)
    if dated:
        found = find_dates(dated.group("dates"), 0, len(dated.group("dates")), _FAR)
    else:  # a letter dates its visit in its first lines: "… visit to X on 2 and 3 October 2019"
        dated_days = [d for d in find_dates(report.text, *report.pages[0], _FAR) if d.first.day]
        # The letter's own date may head it: the visit's is the one its sentence says a visit
        # or inspection took place on; a date before that one is the letter's, its publication.
        visited = [d for d in dated_days if _VISITED.search(_sentence_before(report.text, d.start))]
        found = visited or dated_days
        if visited and dated_days[0] is not visited[0]:
            published = dated_days[0].first
    if found:
        start, end = found[0].first, found[0].last
    stated = _PUBLISHED.search(front)
    if stated and published is None:
        dates = find_dates(stated.group("date"), 0, len(stated.group("date")), _FAR)
        published = dates[0].first if dates else None
    judgements = _judgements(front)
    days = _span_days(start, end) if start and end else None
    kind, reinspection = _kind(front, judgements, days)
    inspectors = _inspectors(front) or _inspectors(report.text)
    duration: Literal["standard", "short"] | None = None
    if kind in ("ILACS standard", "ILACS short", "ILACS 2026") and days is not None:
        duration = "short" if days <= 7 else "standard"
    return ReportFront(
        _authority(front), kind, reinspection, duration, start, end, published, inspectors, judgements
    )
