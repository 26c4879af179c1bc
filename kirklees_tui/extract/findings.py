"""Which sentences are the inspectors' findings.

A finding is a sentence (a list item, a headline) that reports what an inspection, its report
or letter found or graded, in the inspectorate's words or the writer's: its reporting clause
is the inspectorate's ("Inspectors said caseloads were too high"); or it restates a grade the
inspectorate gave ("… after they were rated ‘inadequate’ by Ofsted"); or it continues, in the
same paragraph or list, a sentence that was one; or the text is an inspection report itself.
It must weigh something: a sentence that says only that an inspection took place, or what a
council decided, is an event or context, not a finding. Crossheads and captions never are.
"""

from __future__ import annotations

import re
from typing import Final

from kirklees_tui.extract.lexicon import EVALUATION_VERBS, GRADE_LABEL
from kirklees_tui.extract.speakers import ArticleSpeech, SentenceSpeech
from kirklees_tui.extract.stance import EVALUATIVE
from kirklees_tui.extract.text import is_crosshead_quote

__all__ = ["finding_sentences", "is_report"]

# An inspection report's own front matter: "Inspection dates: …", "Report published: …".
_REPORT_LINES: Final = re.compile(r"(?im)^\s*(?:inspection\s+dates?|report\s+published)\s*:")
_RESTATED_GRADE: Final = re.compile(
    r"(?i)\b(?:rated|rates|judged|graded|ranked|branded|dubbed|deemed|labelled|found\s+to\s+be|"
    r"assessed\s+as|considered|rating\s+of|score\s+of)\b[^.;]{0,40}?['‘\"“]?\s*"
    + GRADE_LABEL.pattern
    + r"|"
    + GRADE_LABEL.pattern
    + r"['’\"”]?\s*(?:rating|judge?ment|grade|verdict)\b"
)
_QUOTED_GRADE: Final = re.compile(r"(?i)['‘\"“]\s*" + GRADE_LABEL.pattern + r"\s*[.,]?['’\"”]")
_BULLET: Final = re.compile(r"\s*(?:[-*•·–—]\s|\d+(?:\.\d+)*[.)]?\s)")
_EVENT: Final = re.compile(
    r"(?i)\b(?:appointed|appoint|commissioner|statutory\s+direction|direction\s+(?:was|has)|"
    r"took\s+place|was\s+carried\s+out|will\s+(?:now\s+)?(?:work|appoint)|took\s+over|"
    r"was\s+set\s+up|went\s+live|set\s+to\s+go\s+live|(?:was|were)\s+inspected)\b"
)


def is_report(text: str) -> bool:
    """Is the text an inspection report itself (every sentence the inspectorate's)?"""
    return len(_REPORT_LINES.findall(text)) >= 2


def _weighs(words: str) -> bool:
    """Does a sentence judge anything: a grade, or a word of concern, progress or strength?"""
    return bool(EVALUATIVE.search(words) or GRADE_LABEL.search(words.casefold()))


def _restates_grade(words: str) -> bool:
    """ "… after they were rated ‘inadequate’ by Ofsted", "received an inadequate score": a
    grade the inspectorate gave."""
    return bool(_RESTATED_GRADE.search(words))


def finding_sentences(
    text: str, speech: ArticleSpeech, paragraphs: list[tuple[int, int]], events: list[tuple[int, int]]
) -> list[SentenceSpeech]:
    """The sentences of an article that are findings, in reading order; `events` are the
    spans of its event sentences (appointments, reviews, alarms), which are not."""
    report = is_report(text)
    found: list[SentenceSpeech] = []
    previous: SentenceSpeech | None = None
    previous_was = False
    for sentence in speech.sentences:
        words = text[sentence.span.start : sentence.span.end]
        start, end = paragraphs[sentence.paragraph]
        paragraph = text[start:end]
        heading = not re.search(r"[.!?:]['’\"”)]*\s*$", paragraph) and not _BULLET.match(paragraph)
        said_by, about = sentence.said_by, sentence.about
        voiced = said_by is not None and said_by.is_inspectorate
        # "… have been found to be the cause": what the document being reported found
        voiced = voiced or (
            sentence.cue in EVALUATION_VERBS
            and sentence.speaker is not None
            and sentence.speaker.is_inspectorate
            and said_by is None
        )
        # a grade the inspectorate gave, restated; a headline's quoted grade is one too
        regraded = _restates_grade(words) or (heading and bool(_QUOTED_GRADE.search(words)))
        assumed = (  # the inspectorate's by the topic, its paragraph or list, or its subject
            (said_by is None and sentence.speaker is not None and sentence.speaker.is_inspectorate)
            or (about is not None and about.is_inspectorate and said_by is None)
            or (
                previous_was
                and previous is not None
                and not sentence.explicit
                and previous.paragraph == sentence.paragraph
            )
            or report
        )
        # a caption quoting the inspectorate: "X's services have “serious failures”"
        quoted = sentence.explicit and sentence.speaker is not None and sentence.speaker.is_inspectorate
        event = (sentence.span.start, sentence.span.end) in events or _EVENT.search(words)
        is_finding = (
            not is_crosshead_quote(paragraph)
            and not sentence.opens_list
            and (voiced or regraded or (assumed and _weighs(words) and (not heading or report or quoted)))
            and not (event and not regraded and not voiced)
        )
        if is_finding:
            found.append(sentence)
        previous, previous_was = sentence, is_finding
    return found
