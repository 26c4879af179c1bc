"""Reporting clauses: the cue (a reporting verb, or "according to") and its source.

A sentence's cues are read from its narrative, quotations blanked. The source of a verb is its
subject: the mention right before it ("Ofsted has found", "inspectors had acknowledged"); else,
for a relative clause ("a report that found"), the noun the clause hangs on; else the first
mention of its clause after any leading phrase, a person in apposition winning over a role's
council ("Council chief executive Paul Walker said"); else an inverted subject after it ("…,
said Mr X"). A passive verb's source is its agent ("rated ‘good’ by Ofsted"). A participle
("…, adding that …") and a verb with no subject of its own ("described … and added") share
the source of the verb before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from kirklees_tui.extract.lexicon import ACCORDING_TO, LEADING_PHRASE, PASSIVE_AUX, SPEECH_VERB
from kirklees_tui.extract.mentions import Mention, find_mentions
from kirklees_tui.extract.referents import Referents, Speaker
from kirklees_tui.extract.text import Span

__all__ = ["Cue", "find_cues"]

_BOUNDARY: Final = re.compile(
    r"\b(?:but|while|whilst|although|though|however|and|as|after|because|when|following|"
    r"despite|amid|until|since|before|once|if)\b|[;:—–]"
)
_RELATIVE: Final = re.compile(r"\b(?:which|that|who|whom|whose|where)\b")
_AUXILIARY: Final = re.compile(
    r"\s*(?:(?:has|have|had|had\s+been|did|does|do|will|would|could|may|might|also|now|then|"
    r"today|recently|previously|further|again|yesterday|last\s+week|however|,\s*however,|"
    r"rightly|clearly|only|even|already|still|subsequently|repeatedly|not)\s+)*$"
)
# A word before a verb form that makes it a noun: "despite promises by", "her comments".
_NOUN_BEFORE: Final = re.compile(
    r"(?i)\b(?:the|a|an|his|her|its|their|our|my|your|of|despite|by|with|for|these|those|such|"
    r"many|some|any|no|recent|latest|further|new|these|following|after|in)\s+$"
)
_AGENT: Final = re.compile(r"\bby\s+")
# Passive verbs of plain reporting ("it was reported that", "the committee was informed")
# name no source: minutes use them for the officers reporting to the meeting.
_PLAIN_SAYING: Final = frozenset("reported noted informed advised assured agreed".split())
_PREPOSITION_BEFORE: Final = re.compile(
    r"(?i)\b(?:to|of|for|in|at|on|from|by|into|about|against|over|under)\s+$"
)
_SHARED: Final = re.compile(r"\b(?:and|but|or)\s+(?:(?:then|also|later|has|have|had)\s+)?$")


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting clause: where its verb is, whose words it reports, and how it reads."""

    start: int
    end: int
    speaker: Speaker | None
    passive: bool
    words: str
    by_document: bool = False
    """True when the source is a document ("the DfE's direction said"): it becomes the topic."""
    subordinate: bool = False
    """True for a verb in a relative clause (", which has been rated …")."""
    subject: Mention | None = None
    """The mention the speaker was read from: the verb's subject, or a passive verb's agent."""


class _Reader:
    def __init__(self, masked: str, referents: Referents, quotes: list[tuple[int, int]]) -> None:
        self.masked = masked
        self.refs = referents
        self.quotes = quotes

    def mentions(self, start: int, end: int) -> list[Mention]:
        return find_mentions(self.masked, start, end, self.refs.people)

    def choose(self, mentions: list[Mention], clause_start: int) -> Mention | None:
        """The subject among a clause's mentions: a pronoun opening it, a document naming its
        author, else a person (in apposition to a role) over anything else, else the first."""
        if not mentions:
            return None
        first = mentions[0]
        lead = self.masked[clause_start : first.start]
        if first.kind == "pronoun" and not re.search(r"\w", lead):
            return first
        if first.kind == "document" and first.owner is not None:
            return first
        for mention in mentions:
            if mention.kind == "person" and not _RELATIVE.search(self.masked[first.end : mention.start]):
                return mention
        return first

    def subject_before(self, start: int, verb: int) -> tuple[Mention | None, bool]:
        """The subject of a verb from the text before it, and whether the verb is in a
        relative clause."""
        adjacent = self.mentions(max(start, verb - 120), verb)
        if (
            adjacent
            and _AUXILIARY.fullmatch(self.masked[adjacent[-1].end : verb])
            and not _PREPOSITION_BEFORE.search(
                self.masked, max(0, adjacent[-1].start - 12), adjacent[-1].start
            )
        ):
            return adjacent[-1], False
        relative = re.search(
            r"\b(?:that|which|who)\s+(?:(?:has|have|had|was|were|is|are)\s+)?"
            r"(?:\w+\s+)?$",
            self.masked[start:verb],
        )
        if relative:
            antecedent = self.mentions(max(start, start + relative.start() - 80), start + relative.start())
            if antecedent and re.fullmatch(
                r"[\s,]*", self.masked[antecedent[-1].end : start + relative.start()]
            ):
                return antecedent[-1], True
        leading = LEADING_PHRASE.match(self.masked, start, verb)
        while leading and re.search(r"\w", self.masked[leading.end() : verb]):
            start = leading.end()
            leading = LEADING_PHRASE.match(self.masked, start, verb)
        cuts = [start] + [m.end() for m in _BOUNDARY.finditer(self.masked, start, verb)]
        cuts += [end for _, end in self.quotes if start < end <= verb]
        for cut in sorted(set(cuts), reverse=True):
            found = self.mentions(cut, verb)
            if found:
                return self.choose(found, cut), bool(_RELATIVE.search(self.masked[cut:verb]))
            if any(end == cut for _, end in self.quotes):
                return None, False  # "“…,” said Mr X": look after the verb
        return None, False

    def subject_after(self, verb_end: int, limit: int) -> Mention | None:
        """An inverted subject: "…, said Mr X." / "says the report"."""
        stop = re.search(r"[.;:!?,(“”‘’\"]", self.masked[verb_end:limit])
        end = verb_end + (stop.start() if stop else min(80, limit - verb_end))
        found = self.mentions(verb_end, end)
        return found[0] if found and found[0].start - verb_end <= 12 else None

    def agent(self, start: int, end: int) -> Mention | None:
        """The agent of a passive verb: "rated ‘good’ by Ofsted"."""
        match = _AGENT.search(self.masked, start, end)
        between = self.masked[start : match.start()] if match else ""
        if (
            not match
            or re.search(r"[.;]", between)
            or len(between.split()) > 6
            or re.search(r"\b(?:and|which|that|who|\w+ed)\b", between)
        ):
            return None  # "by" belongs to another verb
        found = self.mentions(match.end(), min(end, match.end() + 60))
        return found[0] if found and found[0].start - match.end() <= 4 else None

    def is_noun(self, start: int, word: str) -> bool:
        """A verb's form used as a noun ("despite promises by", "the findings"), or a verb
        that says nothing ("who continues to hold the portfolio")."""
        if word.lower().startswith("continu") and re.match(
            r"\s+to\b", self.masked[start + len(word) : start + len(word) + 4]
        ):
            return True
        return word.endswith("s") and bool(_NOUN_BEFORE.search(self.masked, max(0, start - 30), start))

    def cues(self, sentence: Span) -> list[Cue]:
        masked = self.masked
        leading = LEADING_PHRASE.match(masked, sentence.start, sentence.end)
        skip_to = (
            leading.end()
            if leading
            and re.search(r"\w", masked[leading.end() : sentence.end])
            and not ACCORDING_TO.match(masked, sentence.start)
            else sentence.start
        )
        found = [(m.start(), m.end(), False) for m in SPEECH_VERB.finditer(masked, skip_to, sentence.end)]
        found += [
            (m.start(), m.end(), True) for m in ACCORDING_TO.finditer(masked, sentence.start, sentence.end)
        ]
        cues: list[Cue] = []
        previous = sentence.start
        for start, end, according in sorted(found):
            words = masked[start:end]
            if according:
                subject = self.subject_after(end, sentence.end)
                speaker = self.refs.stands_for(subject, start) if subject else None
                cues.append(
                    Cue(
                        start,
                        end,
                        speaker,
                        False,
                        "according to",
                        subject is not None and subject.kind == "document",
                        subject=subject,
                    )
                )
                continue
            if self.is_noun(start, words):
                continue
            cue = self.cue(sentence, previous, start, end, words, cues)
            cues.append(cue)
            previous = end
        return cues

    def cue(self, sentence: Span, previous: int, start: int, end: int, words: str, cues: list[Cue]) -> Cue:
        if PASSIVE_AUX.search(self.masked[previous:start]):
            agent = self.agent(end, sentence.end)
            speaker = self.refs.stands_for(agent, start) if agent else None
            if agent is None:
                # "The findings have been described as …": what is described is not who
                # describes it; another passive reports the document being reported.
                adjacent = self.mentions(max(previous, start - 60), start)
                described = (
                    adjacent[-1]
                    if adjacent
                    and PASSIVE_AUX.search(self.masked[adjacent[-1].end : start])
                    and re.fullmatch(r"\s*(?:\w+\s+){0,3}", self.masked[adjacent[-1].end : start])
                    else None
                )
                speaker = (
                    None
                    if (described is not None and described.kind in ("document", "inspectorate"))
                    or words.lower() in _PLAIN_SAYING
                    else self.refs.topic
                )
            relative = bool(_RELATIVE.search(self.masked[previous:start]))
            return Cue(start, end, speaker, True, words, subordinate=relative, subject=agent)
        if words.endswith("ing") and cues and re.search(r",\s*(?:\w+\s+)?$", self.masked[previous:start]):
            return Cue(start, end, cues[-1].speaker, False, words)  # "…, adding that"
        if cues and not cues[-1].passive and _SHARED.search(self.masked, previous, start):
            return Cue(start, end, cues[-1].speaker, False, words)  # "X rejected … and asked"
        subject, relative = self.subject_before(previous, start)
        if subject is None:
            subject = self.subject_after(end, sentence.end)
        speaker = self.refs.stands_for(subject, start) if subject else None
        if subject is None and cues:  # "X described … and added:" shares X
            speaker = cues[-1].speaker
        return Cue(
            start,
            end,
            speaker,
            False,
            words,
            subject is not None and subject.kind == "document",
            relative,
            subject,
        )


def find_cues(masked: str, sentence: Span, referents: Referents, quotes: list[tuple[int, int]]) -> list[Cue]:
    """Every reporting clause of a sentence, in order, with its speaker."""
    return _Reader(masked, referents, quotes).cues(sentence)
