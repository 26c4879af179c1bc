"""Words the extraction rules key on: speech verbs, inspectorates, documents, stance words.

Vocabulary, not knowledge of any article: it names no person, file or offset.
"""

from __future__ import annotations

import re
from typing import Final

from kirklees_tui.model import Stance

__all__ = [
    "BODY_WORDS",
    "GRADE_LABEL",
    "INSPECTORATES",
    "PASSIVE_AUX",
    "SPEECH_VERB",
    "stance_of",
]

SPEECH_VERBS: Final = (
    "said says say saying added adds adding commented comments wrote writes told tells described "
    "describes describing reported reports reporting warned warns concluded concludes stated "
    "states praised praises praise branded brands criticised criticises criticized criticizes "
    "highlighted highlights ordered orders agree agreed agrees concede conceded concedes asked "
    "asks found finds observed observes noted notes claimed claims insisted insists explained "
    "explains admitted admits stressed stresses reveals revealed urged urges announced announces "
    "declared declares slammed slams confirmed confirms acknowledged acknowledges argued argues "
    "replied responded identified identifies outlined outlines hailed welcomed welcomes suggested "
    "suggests ruled listed raised"
).split()
SPEECH_VERB: Final = re.compile(
    r"\b(?:goes on|went on|" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")\b"
)
PASSIVE_AUX: Final = re.compile(r"\b(?:been|was|were|is|are|being|be)\s+(?:\w+ly\s+)?$")

# Ofsted's grades, today's and older scales' ("adequate", "satisfactory", "poor"), as written
# when quoted as a label: case folded.
GRADE_LABEL: Final = re.compile(
    r"(?:inadequate|good|outstanding|adequate|satisfactory|poor|"
    r"(?:requires?|required|requiring|needs?) improvement(?: to be good)?)")

# Bodies that inspect: a quotation from their letter or report is theirs.
INSPECTORATES: Final = ("Ofsted", "Care Quality Commission", "Care Inspectorate", "Estyn", "HMIP")
# Nouns that stand for the inspectorate when they speak: "the letter says", "inspectors said".
BODY_WORDS: Final = re.compile(
    r"(?i)\b(?:letter|report|inspectors|inspection|watchdog|findings|officials|monitoring visit)\b"
)

_CONCERN: Final = re.compile(
    r"(?i)\b(?:poor|poorly|inadequate|damning|concerns?|failures?|failing|fail(?:ed)?|slow|"
    r"delays?|drift|deteriorat\w*|missed|risky|shortcomings|insufficient(?:ly)?|"
    r"inconsistent|variable|lack|pressure|weak\w*|unable|too long|too much|challenging|"
    r"limited|serious|harm|warned|critici[sz]\w*|slated|immediate action|inefficient|"
    r"impeded|hindered|instabi\w*|litany|not fit for purpose|slammed|struggling|worse|alarm|"
    r"not yet|too far|far from|blow|more to be done|more work|(?:is|was|were) needed|needs to)\b"
)
_PROGRESS: Final = re.compile(
    r"(?i)\b(?:improv\w*|progress\w*|steady|reduction|reduced|better|milestone|"
    r"renewed|stable|stability|no longer)\b"
)
_STRENGTH: Final = re.compile(
    r"(?i)\b(?:prais\w*|strong|resilient|good|effective|committed|commitment|focussed|"
    r"focused|appropriate|determination|energy|trusting|dedicated|well|robust|sufficient(?:ly)?|"
    r"consistent|aware)\b"
)
_NEGATION: Final = re.compile(
    r"(?i)\b(?:not|no|never|nor|without|lack of)\b(?:\s+(?!of\b|the\b|to\b|in\b|for\b)\S+){0,3}\s*$")


def stance_of(sentence: str) -> Stance:
    """Concern, progress or strength, by weighing stance words; negation flips a word."""
    scores: dict[Stance, int] = {"concern": 0, "progress": 0, "strength": 0}
    weighed: tuple[tuple[Stance, re.Pattern[str]], ...] = (
        ("concern", _CONCERN), ("progress", _PROGRESS), ("strength", _STRENGTH))
    for stance, pattern in weighed:
        for match in pattern.finditer(sentence):
            negated = bool(_NEGATION.search(sentence[max(0, match.start() - 40) : match.start()]))
            if negated and stance != "concern":
                scores["concern"] += 1
            elif negated:
                scores["progress"] += 1
            else:
                scores[stance] += 1
    # Ties go to concern, then strength: a mixed sentence from an inspector is a caveat.
    if scores["concern"] >= max(scores["progress"], scores["strength"]):
        return "concern"
    return "strength" if scores["strength"] >= scores["progress"] else "progress"
