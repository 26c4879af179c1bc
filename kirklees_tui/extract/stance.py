"""A finding's stance: a concern (a shortfall or risk), progress (better than before) or a
strength (good practice stated without comparison).

Phrases are read before words, because the words mislead alone: "requires improvement" is a
grade below good (a concern), not improvement; "from ‘inadequate’ to ‘outstanding’" is
progress, not a concern and a strength. A negation before a word turns it ("not always
effective" is a concern, "no children were seen where risk was unassessed" is not). When
concerns weigh as much as anything else, the finding is a concern: a mixed sentence from an
inspector is a caveat.
"""

from __future__ import annotations

import re
from typing import Final

from kirklees_tui.store.model import Stance

__all__ = ["EVALUATIVE", "stance_of"]

_GRADE_MARK: Final = r"['‘’\"“”]?"
# "No children were seen where risk was unassessed": what was not found is good news; the
# concerns it names are what inspectors looked for.
_ABSENCE: Final = re.compile(
    r"(?i)\b(?:no|none)\s+(?:\w+\s+){0,3}?(?:were|was|are|is)\s+(?:\w+\s+)?(?:seen|found|"
    r"identified)\b|\bnothing\s+to\s+raise\b|\bfound\s+to\s+be\s+safe\b"
)
# Improvement to come or as an aim, not one made: "the improvement plan", "a focus on
# improving children's experiences", "continuous improvement"; and children's own progress
# ("make good progress from their starting points"), which is how well a service works.
_NOT_PROGRESS: Final = re.compile(
    r"(?i)\bimprovement\s+(?:plans?|boards?|partners?|notices?|programmes?|work|journey)\b|"
    r"\bto\s+improve\b|\b(?:on|about|for|towards|at|in)\s+(?:\w+\s+)?improv(?:e|ing)\b|"
    r"\b(?:continuous|continual|ongoing|sector-led|service)\s+improvements?\b|"
    r"\b(?:make|makes|making)\s+(?:good|strong|excellent|expected|\w+ly\s+good)?\s*progress\b|"
    r"\bprogress(?:ed)?\s+(?:through|from)\b|\bmonitor\w*\s+(?:\w+\s+)?progress\b|"
    r"\bbarriers\s+to\s+progress|\b(?:histories|needs),\s+progress\b|\bprogressed\s+without\b"
)
_PHRASES: Final[tuple[tuple[Stance, re.Pattern[str]], ...]] = (
    (
        "progress",
        re.compile(
            rf"(?i)\bfrom\s+{_GRADE_MARK}(?:inadequate|requires?\s+improvement|good|adequate)"
            rf"{_GRADE_MARK}\s+(?:\w+\s+){{0,2}}to\s+{_GRADE_MARK}\w+|\bno\s+longer\s+(?:rated\s+|"
            r"judged\s+)?(?:inadequate|failing)|\b(?:upped|raised|lifted|moved)\s+(?:from|to)\b|"
            r"\bturn(?:ed|ing)?\s+(?:a|the)\s+corner|\btransform\w*|\bturnaround|\bsharpest\b|"
            r"\b(?:evidence|signs)\s+of\s+(?:improvement|progress)|\bbetter\s+than\b|"
            r"\bimprovements?\s+(?:made|found|on|since)\b|\bprogress\s+(?:made|has\s+been\s+made)|"
            r"\bsustained\s+improvement|\baccelerat\w*|\bmore\s+(?:stable|effective|consistent)"
        ),
    ),
    (
        "concern",
        re.compile(
            r"(?i)\brequir\w*\s+(?:further\s+|significant\s+)?improvement(?:\s+to\s+be\s+good)?|"
            r"\bneeds?\s+(?:to\s+)?improv\w*|\bmust\s+improve|\b(?:told|called|asked|urged|"
            r"recommended|needed|directed)\s+(?:\w+\s+)?to\s+(?:improve|become|be)\b|"
            r"\brecommended\s+that\s+(?:\S+\s+){1,8}?be\s+(?:\w+\s+)?(?:improved|strengthened)|"
            r"\b(?:areas?|aspects?)\s+(?:for|of|requiring|needing|marked\s+for|where)\s+"
            r"(?:\w+\s+){0,3}?improve\w*|\bimprovements?\s+(?:are\s+|is\s+)?(?:still\s+)?"
            r"(?:needed|required|necessary|to\s+be\s+made)|\bnot\s+(?:yet\s+)?(?:improved|improving)|"
            r"\btoo\s+(?:soon|early)\b|"
            r"\byet\s+to\s+(?:make|improve|be)\b|\blimited\s+(?:impact|progress|improvement)|"
            r"\bno\s+(?:real\s+)?(?:improvement|progress)|\bnot\s+(?:made|making)\s+(?:enough|"
            r"sufficient)\s+(?:progress|improvement)|\b(?:too|very)\s+slow|\bslow\s+(?:progress|"
            r"start|rate|pace)|\bnothing\s+had\s+improved|\bnot\s+improved"
        ),
    ),
)
_CONCERN: Final = re.compile(
    r"(?i)\b(?:poor|poorly|inadequate|damning|concerned|failures?|failing|failings|"
    r"fail(?:ed|s)?|slow|delays?|delayed|drift|deteriorat\w*|declined?|missed|risky|"
    r"shortcomings|insufficient(?:ly)?|inconsistent|inconsistency|variable|lack(?:ing)?|"
    r"weak\w*|unable|too\s+(?:long|much|many|high|few|slow|often)|"
    r"limited|seriously|warned|critici[sz]\w*|critical\s+of|recommend\w*|slated|"
    r"immediate\s+action|inefficient|impeded|hindered|instabi\w*|litany|not\s+fit\s+for\s+"
    r"purpose|slammed|struggling|worse|worsened|alarm|not\s+yet|too\s+far|far\s+from|blow|"
    r"more\s+to\s+be\s+done|more\s+work|(?:is|was|were)\s+needed|needs\s+to|backlogs?|"
    r"problems?|exacerbat\w*|scathing|unreliable|ineffective|unsafe|unsuitable|chaotic|"
    r"fragmented|churn|turnover|over-?optimis\w*|overreliance|over-reliance|unassessed|"
    r"dysfunctional|tolerated|tolerate|gaps?|shortfalls?|"
    r"widespread|entrenched|lottery|seldom|rarely|piecemeal|stark)\b"
)
# What the work is about more often than how well it is done: "responds robustly to
# concerns", "identify risks well", "children at risk of harm receive a good response". They
# weigh as concerns only in a sentence that says nothing better.
_TOPIC: Final = re.compile(
    r"(?i)\b(?:concerns?|risks?|at\s+risk|harm|harmed|neglect\w*|challenges|challenging|"
    r"pressures?|serious|critical(?!\s+of)|systemic)\b"
)
# A shortfall said by denying what should happen: "risks were not identified", "do not
# always", "not all children". Not in a clause that only sets a condition ("when concerns do
# not meet the threshold, ...").
_DENIED: Final = re.compile(
    r"(?i)\b(?:is|are|was|were|be|been|being|do|does|did|have|has|had|can|could|will)\s+not\s+"
    r"(?:(?:yet|always|consistently|routinely|sufficiently|fully|being|been|well|clearly)\s+)*"
    r"(?!only\b|just\b|significant|at\s+risk|\w+\s+(?:concerns?|risks?|harm)\b)\w+|"
    r"\bnot\s+(?:all|every|always|consistently|sufficiently|yet|enough|routinely|fully)\b|"
    r"\b(?:need|needs|needed)\s+(?:\w+\s+)?better\b"
)
_CONDITION: Final = re.compile(r"(?i)\b(?:when|where|if|unless|whether|until|once)\b[^,;:]*$")
_PROGRESS: Final = re.compile(
    r"(?i)\b(?:improv\w*|progress\w*|steady|reduction|reduced|better|milestone|renewed|"
    r"stabl[ey]|stability|no\s+longer|advanced|upgraded|recover\w*|turnaround|"
    r"strengthened|developing|developed|starting\s+to|beginning\s+to|began\s+to)\b"
)
_STRENGTH: Final = re.compile(
    r"(?i)\b(?:prais\w*|strong|strongly|strengths?|resilient|good|outstanding|effective|"
    r"effectively|committed|commitment|focus(?:s)?ed|appropriate|determination|energy|"
    r"trusting|dedicated|well|robust|sufficient(?:ly)?|consistent|consistently|aware|"
    r"high[- ]quality|highly|excellent|exceptional|impressive|impressed|creative|skilled|"
    r"knowledgeable|timely|quickly|swift(?:ly)?|proportionate|commended|commend\w*|"
    r"positive|clear|ambitious|aspirational|aspirations|relentless|sensitive|supportive|"
    r"kindness|patience|thorough|manageable|safe|secure|embedded|remarkable|welcomed|"
    r"thriving|confident|tenacity|stable|"
    # how inspectors' reports praise practice
    r"robustly|appropriately|promptly|carefully|careful|sensitively|regularly|regular|"
    r"efficient(?:ly)?|satisfactory|sound|passionate|accessible|comprehensive|meticulous(?:ly)?|"
    r"thoughtful(?:ly)?|purposeful(?:ly)?|child-centred|nurturing|diligent(?:ly)?|accurate(?:ly)?|"
    r"tenacious(?:ly)?|helpful|responsive|open\s+to|makes?\s+(?:a\s+)?(?:significant|real|positive)\s+"
    r"difference|benefit(?:s|ing)?\s+from|appreciate\w*|valued?)\b"
)
# Words that judge without leaning clearly one way: enough to make a sentence a judgement.
_JUDGING: Final = re.compile(
    r"(?i)\b(?:too\s+\w+|(?:not|never)\s+(?:\w+\s+){0,2}(?:recognised|assessed|identified|met|"
    r"seen|protected|safeguarded|addressed|followed|completed|enough|always|fully)|quality|"
    r"requires?\s+improvement)\b"
)
EVALUATIVE: Final = re.compile(
    "(?i)"
    + "|".join(
        f"(?:{p.pattern.removeprefix('(?i)')})" for p in (_CONCERN, _TOPIC, _PROGRESS, _STRENGTH, _JUDGING)
    )
)
"""Any word of concern, progress or strength: a sentence without one judges nothing."""
_NEGATION: Final = re.compile(
    r"(?i)\b(?:not|no|never|nor|without|lack\s+of|none)\b"
    r"(?:\s+(?!of\b|the\b|to\b|in\b|for\b|but\b)\S+){0,3}\s*$"
    r"|\b(?:despite|in\s+spite\s+of)(?:\s+\S+){0,4}\s*$"
)
_FLIPPED: Final[dict[Stance, Stance]] = {"concern": "strength", "progress": "concern", "strength": "concern"}


def stance_of(sentence: str) -> Stance:
    """Concern, progress or strength, by weighing phrases (twice) and then words."""
    scores: dict[Stance, int] = {"concern": 0, "progress": 0, "strength": 0}
    absent = _ABSENCE.search(sentence)
    if absent and not re.search(r"(?i)\b(?:but|however)\b", sentence[absent.end() :]):
        return "strength"
    rest = _NOT_PROGRESS.sub(lambda m: " " * len(m.group()), sentence)
    for match in _DENIED.finditer(rest):
        if not _CONDITION.search(rest[: match.start()]):
            scores["concern"] += 2
    rest = _DENIED.sub(lambda m: " " * len(m.group()), rest)
    for stance, pattern in _PHRASES:
        for match in pattern.finditer(rest):
            negated = bool(_NEGATION.search(rest[max(0, match.start() - 40) : match.start()]))
            scores[_FLIPPED[stance] if negated else stance] += 2
        rest = pattern.sub(lambda m: " " * len(m.group()), rest)
    weighed: tuple[tuple[Stance, re.Pattern[str]], ...] = (
        ("concern", _CONCERN),
        ("progress", _PROGRESS),
        ("strength", _STRENGTH),
    )
    for stance, pattern in weighed:
        for match in pattern.finditer(rest):
            negated = bool(_NEGATION.search(rest[max(0, match.start() - 40) : match.start()]))
            scores[_FLIPPED[stance] if negated else stance] += 1
    if not scores["progress"] and not scores["strength"]:
        for match in _TOPIC.finditer(rest):  # "no concerns", "despite challenges": a strength
            negated = bool(_NEGATION.search(rest[max(0, match.start() - 40) : match.start()]))
            scores["strength" if negated else "concern"] += 1
    if scores["concern"] >= max(scores["progress"], scores["strength"]):
        return "concern"
    return "progress" if scores["progress"] >= scores["strength"] else "strength"
