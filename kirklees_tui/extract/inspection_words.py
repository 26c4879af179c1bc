"""The words that name inspections in an article: their kinds (most specific first), the
inspectorates, grades and judgements, and the phrases that place a clause in time (looking
back at an earlier inspection, ahead to the next, or at the one just reported).

`inspections.py` reads clauses with these; they are kept apart as the vocabulary a reader
of new articles extends, without the logic that weighs them.
"""

from __future__ import annotations

import re
from typing import Final

from kirklees_tui.extract.dates import PartialDate

__all__ = [
    "CLAUSE_BREAK",
    "FROM_TO",
    "GRADE",
    "GRADED",
    "GRADED_AFTER",
    "INSPECTORATES",
    "KINDS",
    "LATEST",
    "LOOKS_AHEAD",
    "LOOKS_BACK",
    "NAMED_GRADE",
    "NAMES",
    "ORDINALS",
    "OVERALL",
    "PARTIAL",
    "PUBLISHED",
    "QUOTED_GRADE",
    "RECOUNTED",
    "SIF_END",
    "SIF_START",
    "TOOK_PLACE",
    "VISIT",
    "WHEN_WORDS",
]

KINDS: Final = (  # most specific first; a clause's first match of each names its kind
    (
        "JTAI",
        re.compile(
            r"(?i)\bjoint\s+targeted\s+area\s+inspection|\bJTAIs?\b|\bdeep[- ]dive\b|"
            r"\bjoint\s+inspection"
        ),
    ),
    # a focused visit lasts two days; a full inspection one to three weeks
    (
        "focused visit",
        re.compile(
            r"(?i)\bfocused\s+(?:visit|inspection)|\b(?:spent|over)\s+"
            r"(?:two|2)\s+days\b|\btwo-day\s+(?:visit|inspection)"
        ),
    ),
    (
        "monitoring visit",
        re.compile(
            r"(?i)\bmonitoring\s+(?:visit|letter|inspection)s?\b(?!\s+(?:for|to)\s+children)|"
            r"\bfollow-up\b(?:\s+\w+){0,2}\s+(?:inspection|visit)\b|\breview\s+visit\b"
        ),
    ),
    ("re-inspection", re.compile(r"(?i)\bre-?inspect(?:ion|ed)\b")),
    (
        "full inspection",
        re.compile(
            r"(?i)\binspect(?:ion|ed|ing)\b|\binspectors?\b|\brated\b|\brating\b|\bjudged\b|"
            r"\bgraded\b|\bverdict\b|\bOfsted\s+report\b|\bwatchdog\b"
        ),
    ),
)
INSPECTORATES: Final = re.compile(
    r"\b(?:Ofsted|OFSTED|CQC|Care\s+Quality\s+Commission|HMICFRS|HMI\s+(?:of\s+)?"
    r"(?:Constabulary|Probation)|HMIP|Inspectorate\s+of\s+(?:Constabulary|Probation))\b"
)
GRADE: Final = re.compile(
    r"(?i)(?<!no longer )(?<!no longer rated )(?<!not )\b(?P<grade>inadequate|outstanding|good|"
    r"(?:requires?|required|requiring|needs?|needed)\s+(?:to\s+)?improvement(?:\s+to\s+be\s+good)?|"
    r"adequate|satisfactory)\b"
)
# Words that make a grade the inspectorate's judgement rather than an ordinary adjective.
GRADED: Final = re.compile(
    r"(?i)\b(?:rated|judged|graded|ranked|deemed|branded|dubbed|labelled|found\s+to\s+be|"
    r"found\s+(?:them|it|services?|the\s+\w+)|rating|judge?ment|verdict|grade|grading|"
    r"assessed\s+as|considered|now|still|again|remains?|remained|continued\s+to\s+be|"
    r"overall|says?|said|finds?|score|Ofsted|OFSTED|inspectors|are|is|was|were|be|been)\b"
    r"[^.;]{0,60}$"
)
PARTIAL: Final = re.compile(
    r"(?i)\b(?:adoption|care\s+leavers?|leavers|board|LSCB|SSCB|partnership|fostering|"
    r"(?:one|two|three|four|five|some|other|several|individual)\s+(?:of\s+the\s+)?(?:areas?|"
    r"aspects?|sections?|categories)|in\s+respect\s+of|health\s+of)\b"
)
LOOKS_BACK: Final = re.compile(
    r"(?i)\b(?:previous(?:ly)?|last\s+(?:inspection|time|inspected|full)|earlier\s+inspection|"
    r"original|former(?:ly)?|prior|first\s+(?:rated|judged|branded)|ago|since|"
    r"had\s+been\s+(?:rated|judged|graded|branded)|"
    r"(?:after|before)\s+(?:being\s+|it\s+was\s+|they\s+were\s+)?(?:judg|rat|found|brand)\w*|"
    r"the\s+last|echoes|history|out\s+of|escap\w+|climb\w*|"
    r"from\s+(?=['‘\"“]?(?:inadequate|good|requires?|outstanding)))"
)
LOOKS_AHEAD: Final = re.compile(
    r"(?i)\b(?:will|would|next|(?:is|are|was|were)\s+due|due\s+(?:in|on|next|later|to\s+(?:be|"
    r"take|visit|return|publish|report|inspect))|expected|planned|future|upcoming|"
    r"in\s+\d+\s+months['’]?\s+time|"
    r"aims?\s+to|hope[sd]?\s+to|achieve)\b"
)
CLAUSE_BREAK: Final = re.compile(
    r";|\s[-–—]\s(?!(?:[Rr]equires?|[Gg]ood|[Ii]nadequate|[Oo]utstanding)\b)|"
    r"\b(?:but|however|although|though|while|whilst|whereas|after|just|yet|following)\b|"
    r"\bsince\b(?!\s+(?:\d{4}|then|(?:early|late|mid)[\s-]))"
)
TOOK_PLACE: Final = re.compile(
    r"(?i)\b(?:took\s+place|carried\s+out|visit\w*|inspect\w*|spent|arrived|examined|"
    r"between|dates?|finished|ended|completed|conducted|undertaken)\b"
)
WHEN_WORDS: Final = re.compile(
    r"(?i)\b(?:took\s+place|carried\s+out|visited|visits?|inspected|inspections?|inspecting|"
    r"assessment|spent|concluded|arrived|examined|began|between|from|dates?|finished|ended|"
    r"completed|started|held|conducted|undertaken|happened)\b"
)
PUBLISHED: Final = re.compile(
    r"(?i)\b(?:(?:published|released|came\s+out|issued|updated)(?:\s+\w+){0,2}|today|"
    r"yesterday|this\s+week)\W*$"
)
VISIT: Final = re.compile(r"(?i)\bvisit\b")
RECOUNTED: Final = re.compile(
    r"(?i)\b(?:inspect\w*|report|visit|rated|judged|graded|rating|verdict|assessed|"
    r"monitoring|letter)\b"
)
SIF_START: Final = PartialDate(2013, 11)
SIF_END: Final = PartialDate(2018, 7)
"""The single inspection framework's re-inspections of inadequate councils ran into mid 2018."""


ORDINALS: Final = {
    w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)
}
NAMES: Final = {
    "inadequate": "Inadequate",
    "outstanding": "Outstanding",
    "good": "Good",
    "adequate": "",
    "satisfactory": "",
}
"""Today's grades by name; the old scale's ("adequate") has no name on it: no judgement."""
LATEST: Final = re.compile(
    r"(?i)\b(?:latest|most\s+recent|this\s+year[’']s|recent|new|current)\s+(?:\w+\s+)?"
    r"(?:inspection|report|visit|assessment|verdict|rating|judge?ment)"
)
GRADED_AFTER: Final = re.compile(
    r"(?i)['’\"”]?\s*(?:(?:[\w-]+\s+){0,5}(?:rating|grading|grade|judge?ment|verdict)\b|"
    r",?\s*(?:says?|said|finds?|found)\s)"
)
QUOTED_GRADE: Final = re.compile(r"['‘\"“]\s*$")
NAMED_GRADE: Final = re.compile(
    r"(?i)\b(?:rated|judged|graded)\s+(?:as\s+)?['‘\"“]?(?:inadequate|outstanding|good|"
    r"requires?\s+improvement)\b|\b(?:inadequate|outstanding|good)['’\"”]?\s+"
    r"(?:rating|judge?ment|grade|verdict)\b"
)
OVERALL: Final = re.compile(r"(?i)\boverall\s+(?:effectiveness|judge?ment|rating|grade)")
FROM_TO: Final = re.compile(r"(?i)\b(?:from|upped|raised|lifted|improved|moved|up)\b[^.;]*\bto\b")
