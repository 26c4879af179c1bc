"""The inspections an article reports: the one it is about, and earlier ones it recounts.

Each clause of the narrative (and the headline) is read for the kind of event it names (a
joint targeted area inspection, a focused or monitoring visit, a re-inspection, an
inspection), the dates it gives and the judgement it reports. A clause that looks back ("the
previous inspection", "three years ago", "in 2015" in an article of 2018, "after judging them
inadequate") is about an earlier inspection; one that looks ahead ("will", "next") about none.
The article's own inspection is the most specific kind its present clauses name, dated by the
clause that says when it took place (never by when its report was published), and judged by
the first present judgement that is not about one part of the service (adoption, a board).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from kirklees_tui.extract.councils import MainCouncil
from kirklees_tui.extract.dates import DateRef, PartialDate, find_dates
from kirklees_tui.extract.inspection_words import (
    CLAUSE_BREAK,
    FROM_TO,
    GRADE,
    GRADED,
    GRADED_AFTER,
    INSPECTORATES,
    KINDS,
    LATEST,
    LOOKS_AHEAD,
    LOOKS_BACK,
    NAMED_GRADE,
    NAMES,
    ORDINALS,
    OVERALL,
    PARTIAL,
    PUBLISHED,
    QUOTED_GRADE,
    RECOUNTED,
    SIF_END,
    SIF_START,
    TOOK_PLACE,
    VISIT,
    WHEN_WORDS,
)
from kirklees_tui.extract.quotes import is_grade_label
from kirklees_tui.extract.speakers import ArticleSpeech
from kirklees_tui.extract.text import Span

__all__ = ["DetectedVisit", "is_old", "read_inspections", "recounts_inspection"]


@dataclass(frozen=True, slots=True)
class DetectedVisit:
    """An inspection an article reports, as its words establish it."""

    kind: str
    first: PartialDate
    last: PartialDate
    judgement: str | None
    inspectors: tuple[str, ...]
    letter_to: str | None
    sequence: int | None
    basis: str
    source: str
    authority: str | None = None
    """The council the article is about, when it names one."""


@dataclass(frozen=True, slots=True)
class _Clause:
    words: str
    start: int
    kinds: tuple[str, ...]
    dates: tuple[DateRef, ...]
    grades: tuple[str, ...]
    earlier: bool
    ahead: bool
    weight: int


def _grade_name(words: str) -> str:
    return NAMES.get(words.lower(), "Requires improvement to be good")


def is_old(date: DateRef, published: PartialDate) -> bool:
    """Is a date an earlier inspection's? A dated month over nine months back; a bare year
    two back, or the year before once the article is past midsummer."""
    if date.last.month is not None:
        return published.months() - date.last.months() > 9
    behind = published.year - date.last.year
    late = bool(re.match(r"(?i)late|end", date.words))
    return behind >= 2 or (behind == 1 and (published.month or 12) >= 7 and not late)


def recounts_inspection(text: str, start: int, end: int, at: int) -> bool:
    """Does the clause of `text[start:end]` around offset `at` speak of an inspection, its
    report or its grade ("The previous inspection, in 2013, found", "rated inadequate since
    2008"), rather than use a year as a measure ("had deteriorated since 2017")?"""
    words = text[start:end]
    cuts = [0] + [m.start() for m in CLAUSE_BREAK.finditer(words)] + [len(words)]
    if re.search(
        r"(?i)\bsince\s+(?:the\s+last\s+\w+\s+(?:in\s+)?|its\s+last\s+\w+\s+"
        r"(?:in\s+)?)?$",
        text[max(start, at - 40) : at],
    ):
        return False  # "deteriorated since 2017": a measure, not a recount
    for a, b in pairwise(cuts):
        if a <= at - start < b or (at - start == b and b == len(words)):
            part = words[a:b]
            return bool(RECOUNTED.search(part) or GRADE.search(part))
    return False


def _grades(part: str) -> tuple[str, ...]:
    """The grades a clause gives as judgements: rated, judged, a quoted label, a rating."""
    found = []
    for match in GRADE.finditer(part):
        before, after = part[: match.start()], part[match.end() :]
        if GRADED.search(before) or QUOTED_GRADE.search(before) or GRADED_AFTER.match(after):
            found.append(_grade_name(match.group("grade")))
    return tuple(found)


def _ahead(part: str, first_mention: int) -> bool:
    """Does a clause look ahead at the inspection it names ("will be inspected", "in 12
    months' time"), rather than say what the council will do after one?"""
    match = LOOKS_AHEAD.search(part)
    return match is not None and (match.start() < first_mention or "month" in match.group())


def _clauses(
    text: str, span: Span, published: PartialDate, weight: int, told: str | None = None
) -> list[_Clause]:
    """A sentence cut at its strong breaks, each part read for kind and dates (in `text`)
    and grades (in `told`, the text without others' quotations)."""
    told = text if told is None else told
    words = text[span.start : span.end]
    cuts = [0] + [m.start() for m in CLAUSE_BREAK.finditer(words)] + [len(words)]
    clauses = []
    for a, b in pairwise(cuts):
        part = words[a:b]
        if not part.strip():
            continue
        start = span.start + a
        dates = tuple(
            d for d in find_dates(text, start, span.start + b, published) if d.last.not_after(published)
        )
        claimed: list[tuple[int, int]] = []
        kinds = []
        for kind, pattern in KINDS:
            for match in pattern.finditer(part):
                if not any(x < match.end() and match.start() < y for x, y in claimed):
                    claimed.append((match.start(), match.end()))
                    kinds.append(kind)
        old = bool(dates) and all(is_old(d, published) for d in dates)
        earlier = (old or bool(LOOKS_BACK.search(part))) and not LATEST.search(part)
        grades = _grades(told[start : span.start + b])
        first = min([x for x, _ in claimed] + [m.start() for m in GRADE.finditer(part)], default=len(part))
        clauses.append(
            _Clause(part, start, tuple(kinds), dates, grades, earlier, _ahead(part, first), weight)
        )
    return clauses


def _judgement(clauses: list[_Clause]) -> str | None:
    """The present judgement: the overall effectiveness where a clause names it, else the
    first that is not about one part of the service; "from X to Y" gives Y."""
    present = [c for c in clauses if not c.earlier and not c.ahead and c.grades]
    overall = [c for c in present if OVERALL.search(c.words)]
    for clause in overall:  # the grade written nearest "overall effectiveness"
        at = OVERALL.search(clause.words)
        assert at is not None
        nearest = min(GRADE.finditer(clause.words), key=lambda m: abs(m.start() - at.start()), default=None)
        if nearest is not None:
            return _grade_name(nearest.group("grade")) or None
    for clause in [c for c in present if not PARTIAL.search(c.words)]:
        grade = clause.grades[-1] if FROM_TO.search(clause.words) else clause.grades[0]
        return grade or None
    return None


def _kind(clauses: list[_Clause], inspectorates: int, published: PartialDate) -> str | None:
    """The kind of the article's own inspection: a visit dated after the present inspection
    it follows (a monitoring visit after an inadequate judgement), else the most specific kind
    the present clauses name."""
    present = [c for c in clauses if not c.earlier and not c.ahead]
    kinds = [k for c in present for k in c.kinds]
    if inspectorates >= 3 and "full inspection" in kinds and "JTAI" not in kinds:
        kinds.append("JTAI")  # "Ofsted, the CQC, HMI Constabulary and HMI Probation"
    dated = [
        (max(d.last.key for d in c.dates), c)
        for c in present
        if c.start >= 0
        and any(not is_old(d, published) for d in c.dates)
        and (c.kinds or VISIT.search(c.words))
    ]
    if dated:
        latest = max(dated, key=lambda pair: pair[0])[1]
        specific = [k for k in latest.kinds if k != "full inspection"]
        graded = any(g == "Inadequate" for c in clauses for g in c.grades)
        if specific:
            return specific[0]
        if VISIT.search(latest.words) and not latest.grades and graded:
            return "monitoring visit"  # "following a visit early this year", after inadequate
    for kind, _ in KINDS:
        if kind in kinds:
            return kind
    return "full inspection" if any(c.kinds for c in clauses) else None


def _when(clauses: list[_Clause], kind: str, published: PartialDate) -> tuple[PartialDate, PartialDate, str]:
    """When the inspection took place: the latest dates of the present clauses that say so,
    those naming the inspection's own kind first; never the day its report came out."""
    candidates = []
    for clause in clauses:
        if clause.earlier or clause.ahead or not clause.dates or clause.start < 0:
            continue
        if clause.grades and kind not in ("full inspection", "re-inspection"):
            continue  # a judgement's date is not a visit's that gives none
        dates = [d for d in clause.dates if not PUBLISHED.search(clause.words[: d.start - clause.start])]
        dates = [
            d
            for d in dates
            if not is_old(d, published) and (d.first.month is not None or d.first.year != published.year)
        ]
        if dates and (clause.kinds or WHEN_WORDS.search(clause.words)):
            # "an inspection in February" dates the visit better than "rated … this month"
            candidates.append(
                (
                    bool(TOOK_PLACE.search(clause.words)),
                    kind in clause.kinds,
                    max(d.last.key for d in dates),
                    clause,
                    dates,
                )
            )
    if not candidates:
        return PartialDate(published.year), PartialDate(published.year), ""
    *_, clause, dates = max(candidates, key=lambda c: (c[0], c[1], c[2]))
    months = {d.first.year for d in dates if d.first.month is not None}
    dates = [d for d in dates if d.first.month is not None or d.first.year not in months]
    first = min((d.first for d in dates), key=lambda d: d.key)
    last = max((d.last for d in dates), key=lambda d: d.key)
    return first, last, clause.words.strip()


def _told(text: str, speech: ArticleSpeech) -> str:
    """The text with every quotation but the inspectorate's blanked, save a grade named as one
    ("this inadequate rating is what we expected"): a councillor's "it is good to hear"
    grades nothing."""
    chars = list(text)
    for quote, speaker in speech.quotes:
        if (speaker is None or not speaker.is_inspectorate) and not is_grade_label(quote.words):
            kept = [(m.start(), m.end()) for m in NAMED_GRADE.finditer(text, quote.start, quote.end)]
            for i in range(quote.start, quote.end):
                if chars[i] != "\n" and not any(a <= i < b for a, b in kept):
                    chars[i] = " "
    return "".join(chars)


def read_inspections(
    text: str,
    title: str,
    speech: ArticleSpeech,
    published: PartialDate,
    source: str,
    council: MainCouncil | None,
) -> tuple[DetectedVisit | None, list[DetectedVisit]]:
    """The inspection an article is about (None when it reports none), and the earlier
    inspections it recounts with a date and a judgement."""
    told = _told(text, speech)
    clauses = (
        [
            _Clause(c.words, -1, c.kinds, (), c.grades, c.earlier, c.ahead, 2)
            for c in _clauses(title, Span(0, len(title)), published, 2)
        ]
        if title
        else []
    )
    for sentence in speech.sentences:
        clauses += _clauses(text, sentence.span, published, 1, told)
    kind = _kind(clauses, len(set(INSPECTORATES.findall(title + "\n" + told))), published)
    if kind is None:
        return None, []
    first, last, when_basis = _when(clauses, kind, published)
    judgement = _judgement(clauses) if kind in ("full inspection", "re-inspection") else None
    earlier = _earlier(clauses, published, source, council)
    if (
        kind == "full inspection"
        and SIF_START.key <= first.key <= SIF_END.key
        and any(v.judgement == "Inadequate" and SIF_START.key <= v.first.key for v in earlier)
    ):
        kind = "re-inspection"  # the framework re-inspected councils it judged inadequate
    basis = when_basis or next((c.words.strip() for c in clauses if kind in c.kinds and not c.earlier), "")
    sequence = next(
        (
            ORDINALS[m.group(1).lower()]
            for c in clauses
            if kind in c.kinds
            for m in [re.search(r"(?i)\b(\w+)\s+(?:monitoring|review)\s+visit", c.words)]
            if m and m.group(1).lower() in ORDINALS
        ),
        None,
    )
    main = DetectedVisit(
        kind,
        first,
        last,
        judgement,
        tuple(dict.fromkeys(speech.inspectors)),
        speech.letter_to,
        sequence,
        basis,
        source,
        council.place if council else None,
    )
    return main, earlier


def _earlier(
    clauses: list[_Clause], published: PartialDate, source: str, council: MainCouncil | None
) -> list[DetectedVisit]:
    """Earlier inspections the article dates and grades: "rated inadequate in 2015"."""
    found: dict[int, DetectedVisit] = {}
    for clause in clauses:
        if not clause.earlier or not clause.dates or PARTIAL.search(clause.words):
            continue
        if not clause.grades and not re.search(r"(?i)\b(?:inspect(?:ion|ed)|judged|rated)\b", clause.words):
            continue  # "The previous inspection, in 2013, found ...": dated, ungraded
        old = [d for d in clause.dates if is_old(d, published)]
        if not old or (clause.grades and not clause.grades[0]):
            continue
        date = min((d.first for d in old), key=lambda d: d.key)
        if date.year in found:
            continue
        found[date.year] = DetectedVisit(
            "full inspection",
            date,
            date,
            clause.grades[0] if clause.grades else None,
            (),
            None,
            None,
            clause.words.strip(),
            source,
            council.place if council else None,
        )
    return list(found.values())
