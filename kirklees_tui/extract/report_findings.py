"""A report's findings: its own evaluative sentences, each under its judgement area.

Every sentence of an inspection report is the inspectorate's, so no speaker is read; what
makes a sentence a finding is that it judges something (a word of concern, progress or
strength, `stance.EVALUATIVE`, or a grade) and that it sits in the report's evaluation rather
than its furniture. Sections are read from the report's headings, in order:

- a heading naming a judgement area ("The experiences and progress of children in care:
  good", "Adoption performance", "The Local Safeguarding Children Board") opens that area;
  "Executive summary", "Summary", "Inspection findings" and other headings keep the area open
  and name the section; the front page's prose (after its table of judgements) and an
  executive summary before any area speak to overall effectiveness.
- boilerplate headings close the evaluation until the next area or content heading: contents
  (and its entries, headings ending in a page number), information about the inspection and
  the area, the inspection team, recommendations and what needs to improve (directions, not
  findings), the summary for children and young people (a retelling in the second person),
  what the judgements mean (the framework's grade descriptors).
- the back page (Ofsted's address, the licence, "Any complaints …") ends the report.

Footnotes are never findings. A paragraph's number or bullet is no part of its sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from kirklees_tui.extract.judgements import area_of
from kirklees_tui.extract.lexicon import GRADE_LABEL
from kirklees_tui.extract.pdf import ReportText
from kirklees_tui.extract.report_front import front_matter_end
from kirklees_tui.extract.stance import EVALUATIVE, stance_of
from kirklees_tui.extract.text import Span, sentences
from kirklees_tui.store.model import Stance

__all__ = ["ReportFinding", "report_findings"]


@dataclass(frozen=True, slots=True)
class ReportFinding:
    """One evaluative sentence of a report: `report.text[start:end]`."""

    start: int
    """Offset of the sentence's first character in the report's text."""
    end: int
    """Offset just past its last character."""
    page: int
    """1-based page the sentence starts on."""
    section: str
    """The heading it sits under, on one line ("Inspection findings"; "Summary" for the front
    page's prose)."""
    area: str | None
    """The judgement area (`judgements.AREAS`) of its section; None outside any."""
    stance: Stance
    """Concern, progress or strength, by `stance.stance_of`."""


_BOILERPLATE: Final = re.compile(
    r"(?i)^(?:contents|information\s+about\s+this\s+(?:inspection|local\s+authority)|the\s+local"
    r"\s+authority$|local\s+leadership|children\s+(?:living|looked\s+after)\s+in\s+this\s+area|"
    r"child\s+protection\s+in\s+this\s+area|previous\s+ofsted\s+inspections|the\s+inspection\s+"
    r"team|recommendations|what\s+(?:needs\s+to\s+improve|does\s+the\s+local\s+authority\s+need"
    r")|areas?\s+for\s+(?:improvement|priority\s+action)|priority\s+and\s+immediate\s+action|"
    r"summary\s+for\s+children|what\s+the\s+inspection\s+judge?ments\s+mean|judgement\s+grade)"
)
_CONTENTS_ENTRY: Final = re.compile(r"\s\d{1,3}$")
_BACK_PAGE: Final = re.compile(
    r"(?i)^(?:the\s+office\s+for\s+standards\s+in\s+education|any\s+complaints\s+about\s+the\s+"
    r"inspection|if\s+you\s+would\s+like\s+a\s+copy\s+of\s+this\s+document|©\s*crown\s+copyright)"
)
_MARKER: Final = re.compile(r"(?:\d{1,3}(?:\.\d{1,2})*\.?|[•◼▪●◦■□➢✓\-–*\ue000-\uf8ff])\s+")
_MIN_WORDS: Final = 5


@dataclass(slots=True)
class _Section:
    name: str = ""
    area: str | None = None
    open: bool = False
    """Inside the evaluation, where sentences can be findings."""
    contents: bool = False


def _heading(section: _Section, words: str) -> None:
    """Move `section` on past a heading."""
    area = area_of(words)
    if section.contents and _CONTENTS_ENTRY.search(words):
        return  # a line of the table of contents
    section.contents = bool(re.match(r"(?i)contents\b", words))
    if _BOILERPLATE.match(words) or section.contents:
        section.open = False
        section.name = words
        return
    if area is not None:
        section.area = area
    elif section.area is None and re.match(r"(?i)(?:executive\s+)?summary|this\s+local", words):
        section.area = "Overall effectiveness"
    section.name = words
    section.open = True


def _is_finding(words: str) -> bool:
    return len(words.split()) >= _MIN_WORDS and bool(
        EVALUATIVE.search(words) or GRADE_LABEL.search(words.casefold())
    )


def report_findings(report: ReportText) -> list[ReportFinding]:
    """The report's findings in reading order (see the module's docstring)."""
    text = report.text
    headings, notes = set(report.headings), set(report.notes)
    section = _Section()
    found: list[ReportFinding] = []
    first = front_matter_end(report)
    if first < len(report.paragraphs) and report.page_of(report.paragraphs[first][0]) == 1:
        section = _Section("Summary", "Overall effectiveness", True)  # the front page's prose
    for index in range(first, len(report.paragraphs)):
        start, end = report.paragraphs[index]
        words = " ".join(text[start:end].split())
        if _BACK_PAGE.match(words):
            break
        if index in headings:
            _heading(section, words)
            continue
        if index in notes or not section.open:
            continue
        marker = _MARKER.match(text, start, end)
        body = Span(marker.end() if marker else start, end)
        for sentence in sentences(text, body):
            said = sentence.of(text)
            if _is_finding(said):
                found.append(
                    ReportFinding(
                        sentence.start,
                        sentence.end,
                        report.page_of(sentence.start),
                        section.name,
                        section.area,
                        stance_of(said),
                    )
                )
    return found
