"""Quotation spans, rule by rule: a table of (text, the quotations a reader sees)."""

from __future__ import annotations

import pytest

from kirklees_tui.extract.quotes import find_quotes
from kirklees_tui.extract.text import paragraphs
from kirklees_tui.store.quotation import words_of_span

CASES = [
    # double marks, curly and straight
    ("He said “the pace is too slow” and left.", ["“the pace is too slow”"]),
    ('He said "the pace is too slow" and left.', ['"the pace is too slow"']),
    # single marks, curly and straight, beside apostrophes and possessives
    ("Leaders had not ‘sufficiently understood’ the children’s needs.", ["‘sufficiently understood’"]),
    ("The council's staff were 'very disappointed' by the report.", ["'very disappointed'"]),
    ("A ‘plan that’s working’ at last.", ["‘plan that’s working’"]),
    (
        "It blamed a ‘lack of understanding by partner agencies’ for social workers’ workload.",
        ["‘lack of understanding by partner agencies’"],
    ),
    # a curly opener closed by a straight mark, with straight apostrophes inside
    (
        "It failed to deliver ‘the changes to children's lives' in time.",
        ["‘the changes to children's lives'"],
    ),
    # a wrong-way opening mark followed by a space
    ("after ” a very slow start”, there was pace.", ["” a very slow start”"]),
    # nested marks of the other style belong to the quotation
    (
        "She said: “that is 'now requires improvement' for us.”",
        ["“that is 'now requires improvement' for us.”"],
    ),
    # an apostrophe at a word's start is no opening mark
    ("Since the ’90s, the service has ‘struggled’.", ["‘struggled’"]),
    # a possessive that never closes is read again as an apostrophe
    ("The councils’ plans were late. Inspectors found ‘drift’.", ["‘drift’"]),
    # British multi-paragraph quotations, in either style
    ("He said: “First part.\n\n“Second part.”\n\nThen more.", ["“First part.\n\n“Second part.”"]),
    ("She said: ‘First part.\n\n‘Second part.’\n\nThen more.", ["‘First part.\n\n‘Second part.’"]),
    # a crosshead that is all one quotation
    ("Text before it.\n\n‘Robust service’\n\nText after it.", ["‘Robust service’"]),
    # a stray break inside a quotation (lower case after a blank line) does not end it
    (
        "They said “children are not often\n\nincluded in plans” at all.",
        ["“children are not often\n\nincluded in plans”"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quotation_spans(text: str, expected: list[str]) -> None:
    found = find_quotes(text, paragraphs(text))
    assert [text[q.start : q.end] for q in found] == expected
    for quote in found:
        assert quote.words == words_of_span(text[quote.start : quote.end])


@pytest.mark.parametrize("text", ["He said: “It never closes", "It said: ‘the report"])
def test_a_quotation_cut_off_at_the_end_is_kept_unclosed(text: str) -> None:
    (quote,) = find_quotes(text, paragraphs(text))
    assert not quote.closed and quote.end == len(text)
