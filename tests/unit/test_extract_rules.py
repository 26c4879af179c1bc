"""The attribution rules on an article they were not written for: another council, another
layout. Complements the seed gold score with forms the seeds do not show."""

from __future__ import annotations

import pytest

from kirklees_tui.extract.people import Registry
from kirklees_tui.extract.quotes import find_quotes
from kirklees_tui.extract.speakers import attribute
from kirklees_tui.extract.text import paragraphs

ARTICLE = """Calderdale Council’s children’s services have been rated “good” by Ofsted after a visit.

“We are delighted with the outcome,” said Cllr Jane Doe, cabinet member for children.

Director of children’s services Tom Green said the council would keep improving.

He added: “There is always more to do.

“Our staff deserve the credit.”

The report says leaders have “a clear grip on practice”.

The result has been described as “a turning point” for the borough.

The findings have been described as “a fair picture” by some.

“Caseloads remain too high in some teams,” the inspectors wrote.

Ms Doe said: “We will publish our plan next month.”
"""

EXPECTED = [
    ("“good”", "Ofsted"),  # passive agent
    ("“We are delighted with the outcome,”", "Jane Doe"),  # said + titled name after
    ("“There is always more to do.\n\n“Our staff deserve the credit.”", "Tom Green"),  # He added:
    ("“a clear grip on practice”", "Ofsted"),  # the report says
    ("“a turning point”", "Ofsted"),  # passive with no agent: the document being reported
    ("“a fair picture”", None),  # ... unless what is described is the document itself
    ("“Caseloads remain too high in some teams,”", "Ofsted"),  # the inspectors wrote
    ("“We will publish our plan next month.”", "Jane Doe"),  # Ms Doe: alias of the full name
]


@pytest.fixture(scope="module")
def attributed() -> list[tuple[str, str | None, str | None]]:
    spans = paragraphs(ARTICLE)
    speech = attribute(ARTICLE, spans, find_quotes(ARTICLE, spans), Registry(), "x", "2020")
    return [
        (ARTICLE[q.start : q.end], s.name if s else None, s.role if s else None) for q, s in speech.quotes
    ]


def test_every_quotation_span_is_found(attributed: list[tuple[str, str | None, str | None]]) -> None:
    assert [span for span, _, _ in attributed] == [span for span, _ in EXPECTED]


@pytest.mark.parametrize(("index", "speaker"), [(i, s) for i, (_, s) in enumerate(EXPECTED)])
def test_speaker(
    attributed: list[tuple[str, str | None, str | None]], index: int, speaker: str | None
) -> None:
    assert attributed[index][1] == speaker


def test_roles_come_from_apposition(attributed: list[tuple[str, str | None, str | None]]) -> None:
    roles = {name: role for _, name, role in attributed if name}
    assert roles["Jane Doe"] == "cabinet member for children"
    assert roles["Tom Green"] == "Director of children’s services"
