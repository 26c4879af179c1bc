"""Attribution, rule by rule: a table of short invented articles, the quotation asked about,
and the speaker a reader gives it. Each row names the rule it exercises (`Attribution.rule`).
"""

from __future__ import annotations

import pytest

from kirklees_tui.extract.councils import main_council
from kirklees_tui.extract.people import Registry
from kirklees_tui.extract.quotes import find_quotes
from kirklees_tui.extract.speakers import attribute
from kirklees_tui.extract.text import paragraphs

CASES = [
    # (article, the quotation's first words, the speaker, the rule)
    (
        "Ofsted said services were ‘not fit for purpose’ in Anytown Council.",
        "not fit",
        "Ofsted",
        "cue before",
    ),
    (
        "Inspectors found ‘effective working together’ in Anytown Council.",
        "effective",
        "Ofsted",
        "cue before",
    ),
    ("“Too many children wait,” the report said of Anytown Council.", "Too many", "Ofsted", "cue after"),
    ("“We accept the findings,” said Cllr Ann Lee, of Anytown Council.", "We accept", "Ann Lee", "cue after"),
    (
        "Care leavers get “good support”, according to the inspectors at Anytown Council.",
        "good support",
        "Ofsted",
        "according to",
    ),
    ("Anytown Council's services were rated “good” by Ofsted.", "good", "Ofsted", "passive agent"),
    (
        "Thelma Walker, MP for Colne Valley, said the service was “letting children down”.",
        "letting",
        "Thelma Walker",
        "cue before",
    ),
    (
        "Council chief executive Paul Stone apologised and said families “deserved better”.",
        "deserved",
        "Paul Stone",
        "cue before",
    ),
    (
        "In the meantime, as we know, Jo Bell said there was “more to do” at Anytown Council.",
        "more to do",
        "Jo Bell",
        "cue before",
    ),
    (
        "Anytown Council was inspected.\n\nA council spokesperson said it was “determined to improve”.",
        "determined",
        "Anytown Council",
        "cue before",
    ),
    (
        "Anytown Council was inspected.\n\nThe DfE’s direction said: “There is a presumption "
        "services will be removed.”",
        "There is",
        "Department for Education",
        "cue before",
    ),
    (
        "Anytown Council was reviewed.\n\nA review by Peter Dale, a former director, found the "
        "council “should be commended”.\n\n“Staff are skilled,” Dale wrote.",
        "Staff are",
        "Peter Dale",
        "cue after",
    ),
    (
        "Anytown Council’s chief executive Sue Hart spoke.\n\nShe said: “We will put this right.”",
        "We will",
        "Sue Hart",
        "cue before",
    ),
    (
        "The letter, from inspector Linda Moss, said: “Practice is weak” at Anytown Council.",
        "Practice",
        "Linda Moss",
        "cue before",
    ),
    (
        "Ms Ray said Ofsted had recognised “the real progress” at Anytown Council.",
        "the real",
        "Ray",
        "cue before",
    ),
    (
        "Cllr Kay Dunn said Lord Warner’s letter indicated a ‘good start’ at Anytown Council.",
        "good start",
        "Warner",
        "cue before",
    ),
    (
        "Anytown Council was judged inadequate after an Ofsted report that found “serious concerns”.",
        "serious",
        "Ofsted",
        "cue before",
    ),
    ("Prof Jan Holt: Anytown Council's services in “spiral of decline”.", "spiral", "Jan Holt", "name"),
    (
        "Council bosses ‘disappointed’ over Anytown Council report\n\nThe report was published.",
        "disappointed",
        "Anytown Council",
        "headline",
    ),
    (
        "Anytown Council’s mayor Tom Reed spoke.\n\n‘Not acceptable’\n\nMr Reed said: “This is "
        "not acceptable for Anytown Council.”",
        "Not acceptable",
        "Tom Reed",
        "echo",
    ),
    (
        "Cllr Meg Fox, Anytown Council leader, said:\n\n“We have work to do.”",
        "We have",
        "Meg Fox",
        "continues",
    ),
    (
        "Ofsted inspected Anytown Council.\n\nHandling of allegations “had not been effective”.",
        "had not",
        "Ofsted",
        "topic",
    ),
]


@pytest.mark.parametrize(("article", "opening", "speaker", "rule"), CASES)
def test_speaker_by_rule(article: str, opening: str, speaker: str, rule: str) -> None:
    spans = paragraphs(article)
    speech = attribute(
        article, spans, find_quotes(article, spans), Registry(), "x", "2020", main_council(article)
    )
    found = [
        (q, s, why)
        for (q, s), why in zip(speech.quotes, speech.why, strict=True)
        if q.words.startswith(opening)
    ]
    assert found, f"no quotation opening {opening!r}"
    _, who, why = found[0]
    assert who is not None and speaker in who.name
    assert why.rule == rule
