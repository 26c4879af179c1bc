"""Every quotation of Ofsted or an inspector, looked up in the reports the store holds.

A quotation is looked up first in the report of its own visit. A quotation of six words or
more that is not there is also looked up in the council's other reports (an article about one
inspection often quotes the last); a shorter one is not, as a few common words are found in
any report. The status says what a reader can trust:

- `verified` / `altered`: found, as printed or with a few words changed (`verify.py`);
- `not found`: its visit's report was searched, and the council's, and it is in none; or the
  quotation is a grade alone ("good") and the report gave no such grade: the word is in any
  report, so only the report's grades can bear it out;
- `no report`: the store holds no report of its visit (a monitoring letter, say) and the
  council's others do not hold it either.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Final

from msgspec.structs import replace

from kirklees_tui.extract.judgements import grade_of
from kirklees_tui.extract.pdf import ReportText
from kirklees_tui.extract.verify import QuoteCheck, check_quotation
from kirklees_tui.store.model import Check, Quote, Source, Visit

__all__ = ["FALLBACK_WORDS", "check_quotes", "is_checked", "quoted_grade", "report_text"]

FALLBACK_WORDS: Final = 6
"""A quotation this long or longer is looked up in the council's other reports too."""


def is_checked(quote: Quote) -> bool:
    """Whether a quotation is one a report could hold: said by Ofsted or an inspector."""
    return quote.speaker_kind == "inspector"


def report_text(source: Source) -> ReportText:
    """A stored report as the checker reads it: its text, pages and paragraphs."""
    ends = (*source.pages[1:], len(source.text))
    return ReportText(source.text, tuple(zip(source.pages, ends, strict=True)), source.paragraphs)


def _as_record(check: QuoteCheck) -> Check:
    return Check(check.status, check.source_id, check.start, check.end, check.page, check.difference)


_GRADE_ALONE: Final = re.compile(
    r"(?i)outstanding|good|inadequate|requires?\s+improvement(?:\s+to\s+be\s+good)?"
)


def quoted_grade(words: str) -> str | None:
    """The grade a quotation is when it is nothing else ("good", "Requires improvement.")."""
    bare = " ".join(re.sub(r"[^\w\s]", " ", words).split())
    return grade_of(bare) if _GRADE_ALONE.fullmatch(bare) else None


def _given_grade(check: Check, grade: str, visit: Visit) -> Check:
    """A grade alone is borne out only by the report's grades, not by the word somewhere in
    it ("the strategic response ... is good" in a report that judged the service inadequate)."""
    given = {g for _, g in visit.grades} | ({visit.judgement} if visit.judgement else set())
    if check.status != "verified" or not given or grade in given:
        return check
    ordered = ", ".join(sorted(given))
    return Check("not found", None, None, None, None, f"a grade the report did not give (it gave: {ordered})")


def check_quotes(
    quotes: Iterable[Quote],
    visits: Iterable[Visit],
    sources: Iterable[Source],
    councils: set[str] | None = None,
) -> list[Quote]:
    """The quotations with their checks, redone for those of `councils` (all when None)."""
    visit_by_id = {v.id: v for v in visits}
    reports = {s.id: s for s in sources if s.kind == "report"}
    by_council: dict[str, list[str]] = defaultdict(list)
    for each in visit_by_id.values():
        if each.report_id is not None and each.report_id in reports:
            by_council[each.authority].append(each.report_id)
    texts: dict[str, ReportText] = {}

    def looked_up(words: str, ids: list[str]) -> QuoteCheck:
        for source_id in ids:
            if source_id not in texts:
                texts[source_id] = report_text(reports[source_id])
        return check_quotation(words, [(source_id, texts[source_id]) for source_id in ids])

    checked: list[Quote] = []
    for quote in quotes:
        visit = visit_by_id.get(quote.visit_id or "")
        council = visit.authority if visit else None
        redone = councils is None or council in councils or quote.check is None  # never checked yet
        if not is_checked(quote) or not redone:
            checked.append(quote)
            continue
        own = [visit.report_id] if visit and visit.report_id and visit.report_id in reports else []
        result = looked_up(quote.text, own) if own else QuoteCheck("no report")
        others = [r for r in by_council.get(council or "", []) if r not in own]
        if (
            result.status in ("not found", "no report")
            and others
            and len(quote.text.split()) >= FALLBACK_WORDS
        ):
            wider = looked_up(quote.text, others)
            if wider.status in ("verified", "altered"):
                result = wider
            elif own:
                result = QuoteCheck("not found")
        check = _as_record(result)
        grade = quoted_grade(quote.text)
        if grade is not None and visit is not None and own:
            check = _given_grade(check, grade, visit)
        checked.append(replace(quote, check=check))
    return checked
