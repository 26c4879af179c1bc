"""Words the extraction rules key on: speech verbs, inspectorates, documents, grades.

Vocabulary, not knowledge of any article: it names no person, file or offset.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "ACCORDING_TO",
    "BODY_WORDS",
    "EVALUATION_VERBS",
    "GRADE_LABEL",
    "INSPECTORATE",
    "INSPECTORATES",
    "LEADING_PHRASE",
    "PASSIVE_AUX",
    "PRONOUNS",
    "SPEECH_VERB",
    "SPEECH_VERBS",
]

# Verbs that report what someone said, wrote or found (textacy's REPORTING_VERBS, in the forms
# newspapers use): the subject of one is the speaker of the words it reports.
SPEECH_VERBS: Final = (
    "said says say saying added adds adding commented comments wrote writes told tells described "
    "describes describing reported reports reporting warned warns warning concluded concludes "
    "stated states praised praises praise branded brands criticised criticises criticized "
    "criticizes highlighted highlights ordered orders agree agreed agrees concede conceded "
    "concedes asked asks found finds observed observes noted notes noting claimed claims "
    "insisted insists explained explains admitted admits stressed stresses reveals revealed "
    "urged urges announced announces declared declares slammed slams confirmed confirms "
    "acknowledged acknowledges acknowledging argued argues replied responded identified "
    "identifies outlined outlines hailed welcomed welcomes suggested suggests ruled listed "
    "raised commended commends condemned condemns blamed blames accused accuses recognised "
    "recognises recognized recognizes cited cites indicated indicates showed shows recommended "
    "recommends promised promises pledged vowed characterised characterises characterized "
    "labelled labeled dubbed called calls believes believe expressed expresses emphasised "
    "emphasises singled flagged flags uncovered judged deemed considered rated ranked raises "
    "shown marked continued continues replied countered retorted "
    "questioned criticising praising described apologised apologized rejected disputed "
    "disagreed assured informed advised reads read remarked accept accepted accepts acknowledge "
    "note find warn criticise describe add state conclude highlight identify recognise welcome "
    "reveal stress insist admit adding saying noting describing praising warning concluding"
).split()
SPEECH_VERB: Final = re.compile(
    r"\b(?:goes on|went on|pointed out|points out|"
    + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True))
    + r")\b"
)
ACCORDING_TO: Final = re.compile(r"(?i)\baccording(?:\s+to)?\s+")
PASSIVE_AUX: Final = re.compile(
    r"\b(?:been|was|were|is|are|being|be)\s+(?:(?:\w+ly|also|not|however|always|never|often|"
    r"still|now|then|even|already|all|both|further|again|once|widely|rightly)\s+){0,3}$"
)
# Verbs that weigh rather than say: inside someone's reported speech ("Ms X said Ofsted had
# recognised “the real progress”"), the quoted words stay the outer speaker's.
EVALUATION_VERBS: Final = frozenset(
    "recognised recognises recognized recognizes praised praises commended commends welcomed "
    "welcomes acknowledged acknowledges highlighted highlights found finds identified "
    "identifies criticised criticises criticized criticizes noted notes hailed".split()
)
# "Writing in a memo, ...", "In her report, ...", "In the light of the report, ...": a phrase
# before the subject, ended by a comma, that names no speaker of the verb.
LEADING_PHRASE: Final = re.compile(
    r"\s*(?:(?:But|And|So|However|Meanwhile|Now|Indeed|Yet)\b,?\s+)?(?:[A-Z][a-z]+ing\b|In\b|On\b|"
    r"At\b|Under\b|After\b|Following\b|Despite\b|Since\b|During\b|Within\b|Before\b|"
    r"Unlike\b|Like\b|As\b|With\b|Without\b|Although\b|Though\b|While\b|Whilst\b|When\b|"
    r"If\b|Once\b|Until\b|Last\b|This\b|Earlier\b|Later\b|Today\b|Yesterday\b|Back\b|"
    r"Separately\b|Elsewhere\b|Asked\b|Based\b)[^,“”;:]*,"
)
# The inspectorate, and the nouns that stand for it when they speak.
INSPECTORATE: Final = re.compile(
    r"\b(?:Ofsted|OFSTED|"
    r"(?:the\s+)?(?:(?:government[’']?s?|education|children[’']s\s+services|health|national|"
    r"schools)\s+){0,3}(?:watchdog|regulator|inspectorate)|"
    r"(?:the\s+)?(?:lead\s+|HM\s+|Her\s+Majesty[’']s\s+|(?i:government)\s+|Ofsted\s+|"
    r"social\s+care\s+)?[Ii]nspectors?|(?:Ofsted|OFSTED)\s+(?:officers|officials|staff|team)|"
    r"(?:the\s+)?(?:latest\s+|recent\s+)?(?:monitoring|focused)\s+visit|"
    r"(?:the\s+)?(?:inspection|assessment)(?:\s+team)?|(?:a\s+)?team\s+of\s+(?:\w+\s+)?inspectors|"
    r"(?:the\s+)?Care\s+Quality\s+Commission|CQC|HMICFRS|HMI\s+(?:Probation|Constabulary)|HMIP)\b"
)
PRONOUNS: Final = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")

# Bodies that inspect: a quotation from their letter or report is theirs.
INSPECTORATES: Final = ("Ofsted", "Care Quality Commission", "Care Inspectorate", "Estyn", "HMIP")
# Nouns that stand for the inspectorate when they speak: "the letter says", "inspectors said".
BODY_WORDS: Final = re.compile(
    r"(?i)\b(?:letter|report|inspectors|inspection|watchdog|findings|officials|monitoring visit)\b"
)

# Ofsted's grades, today's and older scales' ("adequate", "satisfactory", "poor"), as written
# when quoted as a label: case folded.
GRADE_LABEL: Final = re.compile(
    r"(?:inadequate|good|outstanding|adequate|satisfactory|poor|"
    r"(?:requires?|required|requiring|needs?) improvement(?: to be good)?)"
)
