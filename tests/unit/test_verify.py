"""Quotations checked against reports: what folds (and what never does), and the statuses
of real quotations of Kirklees' 2016 report."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kirklees_tui.extract.folding import quote_tokens, text_tokens
from kirklees_tui.extract.pdf import ReportText
from kirklees_tui.extract.verify import Edit, check_quotation
from tests.conftest import REPORTS, needs

TEXT = (
    "Services for children in Testshire are good.\n\n"
    "There is too much focus on the parents’ needs — rather than on the children’s "
    "experience of care.\n\n"
    "Multi-agency working is strong, and well-trained staff know children well. Leaders "
    "understand “what good looks like” for every child in the borough."
)


def _report(text: str = TEXT) -> ReportText:
    paragraphs, start = [], 0
    for body in text.split("\n\n"):
        paragraphs.append((start, start + len(body)))
        start += len(body) + 2
    if len(paragraphs) == 1:
        return ReportText(text, ((0, len(text)),), tuple(paragraphs))
    middle = paragraphs[1][0]  # the second paragraph starts page 2
    return ReportText(text, ((0, middle), (middle, len(text))), tuple(paragraphs))


REPORT = [("testshire-report", _report())]


@pytest.mark.parametrize(
    "quote",
    [
        "There is too much focus on the parents’ needs",  # verbatim
        "there is too much focus on the parents' needs",  # straight apostrophe
        "THERE IS too much focus",  # case
        "too\u00a0much\u00a0focus on the parents",  # no-break spaces
        "too much\r\nfocus on\nthe parents",  # CRLF and LF
        "parents’ needs - rather than on the children's experience",  # dash, apostrophe
        "parents’ needs -- rather than on the children’s exper-\nience",  # hyphenation at a line end
        "Multi-\nagency working is strong",  # a compound split at a line end
        "well-trained staff know children well",  # a compound whole
        "well trained staff know children well",  # a compound spaced
        'Leaders understand "what good looks like"',  # straight for curly marks
        "[T]here is too much focus on [them] rather than on the children’s experience",  # brackets
        "too much focus … on the children’s experience of care",  # an ellipsis
        "Services for children ... are good",  # three dots
    ],
)
def test_what_folds(quote: str) -> None:
    check = check_quotation(quote, REPORT)
    assert (check.status, check.difference) == ("verified", "")
    assert check.report_words == TEXT[check.start : check.end]


@pytest.mark.parametrize(
    ("quote", "status", "edits"),
    [
        (
            "There is too much focus on the parents’ needs, rather than the children’s experience",
            "altered",
            (Edit("dropped", "on", ""),),
        ),
        ("There is far too much focus on the parents’ needs", "altered", (Edit("added", "", "far"),)),
        ("There is too little focus on the parents’ needs", "altered", (Edit("changed", "much", "little"),)),
        (
            "Services for children in Testshire are outstanding.",
            "altered",
            (Edit("changed", "good", "outstanding"),),
        ),
        ("There is too little attention paid to what the parents need", "not found", ()),
        ("The council has transformed its services beyond recognition.", "not found", ()),
    ],
)
def test_what_never_folds(quote: str, status: str, edits: tuple[Edit, ...]) -> None:
    check = check_quotation(quote, REPORT)
    assert (check.status, check.edits) == (status, edits)


def test_a_check_names_its_report_and_page() -> None:
    other = ("other", _report("Nothing here is about Testshire at all, as it happens."))
    check = check_quotation("rather than on the children’s experience", [other, *REPORT])
    assert (check.status, check.source_id, check.page) == ("verified", "testshire-report", 2)
    assert check_quotation("rather than", []).status == "no report"
    assert check_quotation("… [them] …", REPORT).status == "not found"


def test_tokens_keep_their_offsets() -> None:
    quote = "[T]here is child[ren]’s … exper-\nience [them]"
    tokens = quote_tokens(quote, {"experience"})
    assert [(t.word, quote[t.start : t.end], t.gap) for t in tokens] == [
        ("there", "[T]here", 0),
        ("is", "is", 0),
        ("children's", "child[ren]’s", 0),
        ("", "…", 60),
        ("experience", "exper-\nience", 0),
        ("", "[them]", 4),
    ]
    assert [t.word for t in text_tokens("multi-\nagency and exper-\nience experience")] == [
        "multi",
        "agency",
        "and",
        "experience",
        "experience",
    ]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_run_of_the_report_is_verified(data: st.DataObject) -> None:
    tokens = text_tokens(TEXT)
    first = data.draw(st.integers(0, len(tokens) - 3))
    last = data.draw(st.integers(first + 2, min(len(tokens) - 1, first + 25)))
    quote = TEXT[tokens[first].start : tokens[last].end]
    check = check_quotation(quote, REPORT)
    assert check.status == "verified"
    assert (check.start, check.end) == (tokens[first].start, tokens[last].end)


@needs(REPORTS)
def test_the_seed_quotation_of_the_2016_report(reports: dict[str, ReportText]) -> None:
    kirklees = [
        (name, reports[name])
        for name in ("kirklees_2016-11-25.pdf", "kirklees_2019-08-05.pdf", "kirklees_2024-08-28.pdf")
    ]
    check = check_quotation(
        "There is too much focus on the parents, rather than the experience of children.", kirklees
    )
    assert (check.status, check.source_id, check.page, check.difference) == (
        "altered",
        "kirklees_2016-11-25.pdf",
        3,
        "dropped “on”",
    )
    assert check.report_words == (
        "there is too much focus on the parents, rather than on the experience of children"
    )
    verbatim = check_quotation(
        "Multi-agency meetings are not taking place and there is too much focus on the parents, "
        "rather than on the experience of children.",
        kirklees,
    )
    assert (verbatim.status, verbatim.page, verbatim.edits) == ("verified", 3, ())
    made_up = check_quotation(
        "Kirklees has the finest children's services in the country and needs no help.", kirklees
    )
    assert (made_up.status, made_up.source_id, made_up.start) == ("not found", None, None)
    # two articles quote the executive summary without its "and": the report has it
    check = check_quotation(
        "Services for vulnerable children in Kirklees are inadequate, due to serious widespread "
        "failures which result in some children not being protected or having their needs met.",
        kirklees,
    )
    assert (check.status, check.page, check.edits) == ("altered", 2, (Edit("dropped", "and", ""),))


@needs(REPORTS)
def test_every_report_is_searched(reports: dict[str, ReportText]) -> None:
    everything = list(reports.items())
    check = check_quotation(
        "Investment in the Foster with Us hub has increased foster carer approvals", everything
    )
    assert (check.status, check.source_id) == ("verified", "blackpool_2026-07-28.pdf")
