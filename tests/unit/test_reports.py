"""Front pages and findings of Ofsted's real reports, against the national record.

Where the national record has a value (authority, dates, lead inspector, framework, grades)
the front page must give the same; where it has none (the 2014-2018 reports it cannot read,
a lead inspector it missed) the expected reading of the front page is stated here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from kirklees_tui.extract.dates import PartialDate
from kirklees_tui.extract.judgements import AREAS, area_of, grade_of
from kirklees_tui.extract.national_record import RecordRow
from kirklees_tui.extract.pdf import ReportText
from kirklees_tui.extract.report_findings import report_findings
from kirklees_tui.extract.report_front import ReportFront, read_front_page
from kirklees_tui.extract.stance import stance_of
from tests.conftest import REPORTS, needs

NAMES = (
    "blackpool_2026-07-28.pdf",
    "cheshire-east_2020-01-09.pdf",
    "halton_2024-07-12.pdf",
    "isles-of-scilly_2023-08-25.pdf",
    "kirklees_2016-11-25.pdf",
    "kirklees_2019-08-05.pdf",
    "kirklees_2024-08-28.pdf",
    "sandwell_2018-01-29.pdf",
    "sefton_2022-05-09.pdf",
    "shropshire_2017-11-24.pdf",
    "staffordshire_2014-03-21.pdf",
    "stoke-on-trent_2022-11-25.pdf",
    "surrey_2025-05-09.pdf",
    "telford-wrekin_2020-03-02.pdf",
    "torbay_2018-08-24.pdf",
    "warrington_2024-07-30.pdf",
    "westminster_2025-01-13.pdf",
)
RI = "Requires improvement to be good"
# The front page's reading where the record has nothing: the SIF reports' grades, dates and
# lead inspector (named in "The inspection team"), a lead inspector the record missed.
SIF_AREAS = (
    "Overall effectiveness",
    "Help and protection",
    "Children looked after and achieving permanence",
    "Adoption performance",
    "Care leavers",
    "Leadership, management and governance",
)
STATED: dict[str, dict[str, Any]] = {
    "kirklees_2016-11-25.pdf": dict(
        kind="SIF",
        reinspection=False,
        start="2016-09-12",
        end="2016-10-06",
        published="2016-11-25",
        lead_inspectors=("Neil Penswick",),
        judgements=dict(
            zip(SIF_AREAS, ("Inadequate", "Inadequate", "Inadequate", RI, RI, "Inadequate"), strict=True)
        ),
    ),
    "sandwell_2018-01-29.pdf": dict(
        kind="SIF",
        reinspection=True,
        start="2017-11-06",
        end="2017-11-30",
        published="2018-01-29",
        lead_inspectors=("Karen Wareing",),
        judgements=dict(
            zip(
                SIF_AREAS,
                ("Inadequate", "Inadequate", "Inadequate", "Inadequate", RI, "Inadequate"),
                strict=True,
            )
        ),
    ),
    "shropshire_2017-11-24.pdf": dict(
        kind="SIF",
        reinspection=False,
        start="2017-09-11",
        end="2017-10-05",
        published="2017-11-24",
        lead_inspectors=("Louise Warren",),
        judgements=dict(zip(SIF_AREAS, ("Good", "Good", RI, "Good", RI, "Good"), strict=True)),
    ),
    "staffordshire_2014-03-21.pdf": dict(
        kind="SIF",
        reinspection=False,
        start="2014-01-14",
        end="2014-02-05",
        published=None,
        lead_inspectors=("Mary Candlin",),
        judgements={**dict.fromkeys(SIF_AREAS, "Good"), "Local Safeguarding Children Board": "Good"},
    ),
    "torbay_2018-08-24.pdf": dict(
        kind="SIF",
        reinspection=True,
        start="2018-06-11",
        end="2018-07-05",
        published="2018-08-24",
        lead_inspectors=("Karen Wareing",),
        judgements=dict(
            zip(SIF_AREAS, ("Inadequate", "Inadequate", RI, "Good", RI, "Inadequate"), strict=True)
        ),
    ),
    "stoke-on-trent_2022-11-25.pdf": dict(lead_inspectors=("Rebecca Quested", "Matthew Reed")),
}

pytestmark = needs(REPORTS)


def _row(name: str, front: ReportFront, record: list[RecordRow]) -> RecordRow:
    """The record's row for a report: the file's publication date (the folder's naming, a
    test's key only) and the authority the front page names, which must agree."""
    published = name.rsplit("_", 1)[1].removesuffix(".pdf")
    rows = [r for r in record if r.published == published and r.authority == front.authority]
    assert len(rows) == 1, f"no one row for {front.authority} published {published}"
    return rows[0]


def _expected(row: RecordRow, stated: dict[str, Any]) -> dict[str, Any]:
    """What the front page must say: the record's value, else the stated reading."""
    expected: dict[str, Any] = {}
    if row.framework:
        graded_overall = row.grade("Overall effectiveness") is not None
        expected["kind"] = f"ILACS {row.framework}" if graded_overall else "ILACS 2026"
        expected["duration"] = row.framework
        expected["reinspection"] = False
    if row.start and row.end:
        expected["start"], expected["end"] = row.start, row.end
    if row.lead_inspector:
        expected["lead_inspectors"] = (row.lead_inspector,)
    if row.judgements:
        expected["judgements"] = dict(row.judgements)
    return {**expected, **stated}


@pytest.mark.parametrize("name", NAMES)
def test_front_page_agrees_with_the_record(
    name: str, reports: dict[str, ReportText], record: list[RecordRow]
) -> None:
    front = read_front_page(reports[name])
    row = _row(name, front, record)
    expected = _expected(row, STATED.get(name, {}))
    assert set(expected) >= {"start", "end", "lead_inspectors", "judgements", "kind"}
    read = {
        "kind": front.kind,
        "duration": front.duration,
        "reinspection": front.reinspection,
        "start": front.start.iso() if front.start else None,
        "end": front.end.iso() if front.end else None,
        "published": front.published.iso() if front.published else None,
        "lead_inspectors": front.lead_inspectors,
        "judgements": dict(front.judgements),
    }
    assert {key: read[key] for key in expected} == expected
    if front.published is not None:
        assert front.published.iso() == row.published


def test_front_pages_cover_every_kind_and_grade(reports: dict[str, ReportText]) -> None:
    fronts = [read_front_page(reports[name]) for name in NAMES]
    assert {f.kind for f in fronts} == {"SIF", "ILACS standard", "ILACS short", "ILACS 2026"}
    assert {f.overall for f in fronts} == {"Outstanding", "Good", RI, "Inadequate", None}
    assert {f.visit_kind for f in fronts} == {"full inspection", "re-inspection"}
    assert all(area in AREAS for f in fronts for area, _ in f.judgements)


@pytest.mark.parametrize(
    ("words", "area"),
    [
        (
            "The experiences and progress of children in care and care leavers: good",
            "Children in care and care leavers",
        ),
        ("The experiences and progress of care leavers: outstanding", "Care leavers"),
        ("The experiences and progress of children in care: outstanding", "Children in care"),
        ("The impact of leaders on social work practice with children and families", "Impact of leaders"),
        ("The graded judgement for adoption performance is that it is good", "Adoption performance"),
        ("Inspection findings", None),
    ],
)
def test_area_of_a_heading(words: str, area: str | None) -> None:
    assert area_of(words) == area


@pytest.mark.parametrize(
    ("words", "grade"),
    [
        ("Requires improvement", RI),
        ("requires  improvement to be good", RI),
        ("good", "Good"),
        ("INADEQUATE", "Inadequate"),
        ("Outstanding", "Outstanding"),
        ("adequate", None),
        ("to requires improvement", None),
    ],
)
def test_grade_names(words: str, grade: str | None) -> None:
    assert grade_of(words) == grade


# --- findings ---------------------------------------------------------------------------

_FURNITURE = re.compile(
    r"(?i)Ofsted produces this report|Open Government Licence|Piccadilly Gate|\(the national average|"
    r"Lead inspector|enquiries@ofsted|Crown copyright|Judgement Grade|"
    r"\byou\s+(?:are|do|get|need|live|will|can|have)\b"
)  # the summary for children


@pytest.mark.parametrize("name", NAMES)
def test_findings_under_every_judgement_area_none_from_furniture(
    name: str, reports: dict[str, ReportText]
) -> None:
    report = reports[name]
    findings = report_findings(report)
    areas = {finding.area for finding in findings}
    assert {area for area, _ in read_front_page(report).judgements} <= areas
    notes = [report.paragraphs[index] for index in report.notes]
    for finding in findings:
        words = report.text[finding.start : finding.end]
        assert not _FURNITURE.search(words), words
        assert not any(start <= finding.start < end for start, end in notes)
        assert finding.page == report.page_of(finding.start) >= 1
        assert finding.stance == stance_of(words)
        assert words == words.strip() and not re.match(r"\d+\.\s", words)


def test_the_2016_report_finds_too_much_focus_on_the_parents(reports: dict[str, ReportText]) -> None:
    report = reports["kirklees_2016-11-25.pdf"]
    found = [
        f for f in report_findings(report) if "too much focus on the parents" in report.text[f.start : f.end]
    ]
    assert [(f.page, f.section, f.area, f.stance) for f in found] == [
        (3, "Executive summary", "Overall effectiveness", "concern")
    ]
    assert report.text[found[0].start : found[0].end] == (
        "Multi-agency meetings are not taking place and there is too much focus on the "
        "parents, rather than on the experience of children."
    )


def _report(*paragraphs: str, headings: tuple[int, ...] = (), notes: tuple[int, ...] = ()) -> ReportText:
    text = "\n\n".join(paragraphs)
    spans, start = [], 0
    for paragraph in paragraphs:
        spans.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    return ReportText(text, ((0, len(text)),), tuple(spans), headings, notes)


def test_findings_follow_headings_and_skip_boilerplate() -> None:
    report = _report(
        "Inspection of Testshire local authority children’s services",
        "A" * 300,  # the front page's first prose: overall effectiveness from here
        "What needs to improve?",
        "The quality of plans is poor and must improve quickly.",
        "The experiences and progress of children in care: good",
        "12. Children in care live in stable homes. It is a Tuesday today.",
        "Social workers know children well, and their visits are timely and purposeful.",
        "Information about this inspection",
        "Inspectors found the council's records were poor and out of date.",
        "Leadership, management and governance",
        "Leaders have a clear and accurate understanding of weaknesses in practice.",
        "The Office for Standards in Education, Children’s Services and Skills (Ofsted) is strong.",
        "Leaders are strong and effective in all that they do.",
        headings=(0, 2, 4, 7, 9),
        notes=(6,),
    )
    found = [(report.text[f.start : f.end], f.section, f.area) for f in report_findings(report)]
    assert found == [
        (
            "Children in care live in stable homes.",
            "The experiences and progress of children in care: good",
            "Children in care",
        ),
        (
            "Leaders have a clear and accurate understanding of weaknesses in practice.",
            "Leadership, management and governance",
            "Leadership, management and governance",
        ),
    ]


LETTER = (
    "This letter summarises the findings of the {kind} to Testshire children’s services on 2 "
    "and 3 October 2019. The visit was carried out by two of Her Majesty’s Inspectors, who "
    "looked at the local authority’s arrangements for children in need and children subject to "
    "a child protection plan, and at the quality of management oversight of that work."
)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Focused visit to Testshire local authority children’s services", "focused visit"),
        ("Monitoring visit to Testshire children’s services", "monitoring visit"),
        (
            "Joint targeted area inspection of the multi-agency response to children at risk of "
            "exploitation in Testshire",
            "JTAI",
        ),
    ],
)
def test_letters_name_their_kind_council_and_dates(title: str, kind: str) -> None:
    front = read_front_page(_report(title, "Dear Ms Smith", LETTER.format(kind=kind)))
    assert (front.authority, front.kind, front.visit_kind, front.judgements) == ("Testshire", kind, kind, ())
    assert (front.start, front.end) == (PartialDate(2019, 10, 2), PartialDate(2019, 10, 3))


def test_a_letter_headed_by_its_own_date_is_dated_by_its_visit() -> None:
    """Letters are dated above their title; the visit is the date a sentence says the visit
    took place on, and the letter's own date is its publication."""
    front = read_front_page(
        _report("12 November 2019", "Monitoring visit to Testshire children’s services", "Dear Ms Smith",
                LETTER.format(kind="monitoring visit"))
    )  # fmt: skip
    assert (front.start, front.end) == (PartialDate(2019, 10, 2), PartialDate(2019, 10, 3))
    assert front.published == PartialDate(2019, 11, 12)
