"""Dates read from an article's words, resolved against its publication: a table."""

from __future__ import annotations

import pytest

from kirklees_tui.extract.dates import PartialDate, find_dates, parse_partial
from kirklees_tui.extract.visits import _dated

PUBLISHED = PartialDate(2018, 8)

CASES = [
    ("took place between 11 and 20 March 2013", [("2013-03-11", "2013-03-20")]),
    ("Inspection dates: 9 October to 2 November 2017", [("2017-10-09", "2017-11-02")]),
    ("inspected between September 26 – October 20", [("2017-09-26", "2017-10-20")]),
    ("from January 14-24", [("2018-01-14", "2018-01-24")]),
    ("on October 2 and 3", [("2017-10-02", "2017-10-03")]),
    ("inspectors who visited in July", [("2018-07", "2018-07")]),
    ("a visit last December", [("2017-12", "2017-12")]),
    ("published last month", [("2018-07", "2018-07")]),
    ("rated inadequate in late-2016", [("2016", "2016")]),
    ("Theresa May said so", []),  # a name, not the month
    ("on June 45", []),  # no such day
    ("on 30 February 2017", [("2017-02", "2017-02")]),  # no such day; the month stands
]


@pytest.mark.parametrize(("words", "expected"), CASES)
def test_dates_read_from_words(words: str, expected: list[tuple[str, str]]) -> None:
    found = find_dates(words, 0, len(words), PUBLISHED)
    assert [(d.first.iso(), d.last.iso()) for d in found] == expected


@pytest.mark.parametrize("value", ["2017-02-30", "2017-13", "banana", "20x7"])
def test_a_date_that_is_not_real_is_refused(value: str) -> None:
    with pytest.raises(ValueError):
        parse_partial(value)


def test_a_visit_is_dated_to_one_precision() -> None:
    assert _dated(PartialDate(2022, 11, 8), PartialDate(2022, 11)) == ("2022-11", "2022-11", "month")
    assert _dated(PartialDate(2019, 6, 10), PartialDate(2019, 6, 21)) == ("2019-06-10", "2019-06-21", "day")
