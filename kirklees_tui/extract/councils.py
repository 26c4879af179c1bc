"""Which council an article is about, and the name it goes by.

Councils are found by the shape of what is written about them, never from a list: a place
before "Council" ("Stoke-on-Trent City Council", "Sefton council"), "London Borough of X",
"X LBC", and a place whose children's services are the subject ("Cumbria's children's
services", "children's services in Coventry"). A council the article merely mentions (a partner,
a neighbour, a commissioner's home authority) is outnumbered by the one it is about, whose
place the headline and opening paragraphs name; those count twice.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

__all__ = ["CouncilMention", "MainCouncil", "council_mentions", "main_council"]

_STYLE_WORD: Final = r"(?:Council|County|City|Borough|Metropolitan|District)\b"
_CAP: Final = rf"(?!{_STYLE_WORD})(?:[A-Z][a-z]+|[A-Z]{{3,}}\b)"
# Place names join capitalised words with a few small words: "Stoke-on-Trent", "Isle of
# Wight", "Telford and Wrekin", "Kingston upon Hull", "Blackburn with Darwen". Never across
# a line: a caption's last word is no part of the next line's place.
_JOIN: Final = r"(?:[ \t]+|-)(?:(?:on|upon|of|and|with|under|le|in)(?:[ \t]+|-))?"
_PLACE: Final = rf"{_CAP}(?:{_JOIN}{_CAP}){{0,4}}"
_STYLE: Final = (
    r"(?:Metropolitan\s+Borough|Metropolitan\s+District|Borough|County|City|District|"
    r"Metropolitan)"
)
_NAMED: Final = re.compile(
    rf"\b(?P<place>{_PLACE})[ \t]+(?P<style>{_STYLE}[ \t]+)?(?P<council>[Cc]ouncil)\b"
    rf"|\b(?:London|Royal)\s+Borough\s+of\s+(?P<borough>{_PLACE})"
    rf"|\b(?P<lbc>{_PLACE})\s+(?:LBC|MBC|BC|CC)\b"
    rf"|\bCity\s+of\s+(?P<city>{_PLACE})\s+Council\b"
)
_SERVICES: Final = (
    r"(?i:children[’']?s[’']?|child\s+protection|social\s+care|safeguarding|"
    r"child(?:ren[’']?s)?\s+social\s+care|child\s+services)"
)
# What a place's council does, before "in X": "children in need in Halton", "a strong service
# in Hackney", "child exploitation in Halton".
_WORK: Final = (
    r"(?i:children|services?|care|protection|safeguarding|exploitation|department|"
    r"social\s+work)"
)
_SUBJECT: Final = re.compile(
    rf"\b(?P<place>{_PLACE})(?P<possessive>[’']s?)?[ \t]+(?:{_SERVICES})"
    r"(?:\s+(?:services?|department|care))?\b"
    rf"|\b{_WORK}[’”'\"]?[ \t]+(?:in|at|for|across)[ \t]+(?P<where>{_PLACE})"
    r"|\b(?:rated|judged|branded|inspected)\s+(?P<rated>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+"
    r"(?:as\s+)?['‘\"“]?(?:inadequate|good|outstanding|requires?)"
)
# Words that begin a capitalised run without being part of the place, and runs that are not
# places at all ("Town Council", "the Highland Council" in a photo credit counts once anyway).
_LEADING: Final = frozenset(
    "The A An This That Our Their Its Labour Conservative Tory Liberal Lib Dem Democrat Green "
    "Independent Leader Leaders Mayor Chief Director Cabinet Member Members Councillor Cllr "
    "Clr Coun Deputy Executive Head Officers Officer Spokesman Spokeswoman Spokesperson "
    "Within Under After Before Since From To For At In On By With Of And But When While "
    "Despite Following Meanwhile However Now Today Yesterday Last Next Former Interim Acting "
    "Senior Strategic Corporate Group Statement Letter Report Ofsted OFSTED Inspectors "
    "Children Children’s Children's Services Social Care Child Protection Safeguarding Local "
    "Government Department Education Trust Partnership Board Of".split()
)
_NOT_PLACE: Final = frozenset(
    "Town Parish Youth Local Children Children’s Children's Every Our Your Their His Her Its "
    "District Community Schools School Ofsted OFSTED Government The County City Borough "
    "Metropolitan Social Care Services Service Privy Security Safety Authority Authorities "
    "Inspecting Inspection Inspections Area Agency Agencies England Britain UK Parliament "
    "Arts National European Research Medical Regional Press Football January February March "
    "April May June July August September October November December Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday".split()
)


@dataclass(frozen=True, slots=True)
class CouncilMention:
    """A council named in the text, by its place."""

    start: int
    end: int
    place: str
    name: str
    """The council's name as written, styled: "Cumbria County Council"."""


_CONNECTORS: Final = frozenset(("and", "of", "on", "upon", "with", "under", "le", "in"))


def _clean_place(place: str) -> str:
    """ "Leader of Hampshire" -> "Hampshire"; "HAMPSHIRE" -> "Hampshire"."""
    words = place.split()
    while words and (words[0] in _LEADING or words[0] in _CONNECTORS or words[0].endswith(("’s", "'s"))):
        words.pop(0)
    while words and words[-1] in _CONNECTORS:
        words.pop()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in words)


def council_mentions(text: str) -> list[CouncilMention]:
    """Every council the text names with the word council (or as a borough), in order."""
    found: list[CouncilMention] = []
    for match in _NAMED.finditer(text):
        raw = next(
            g
            for g in (match.group("place"), match.group("borough"), match.group("lbc"), match.group("city"))
            if g
        )
        place = _clean_place(raw)
        if not place or any(word in _NOT_PLACE for word in place.split()):
            continue
        style = " ".join((match.group("style") or "").split()).title()
        name = f"{place} {style} Council" if style else f"{place} Council"
        found.append(CouncilMention(match.start(), match.end(), place, " ".join(name.split())))
    return found


@dataclass(frozen=True, slots=True)
class MainCouncil:
    """The council an article is about."""

    place: str
    """Its place, as the store names authorities: "Stoke-on-Trent", "Kirklees"."""
    name: str
    """Its fullest name the article gives or implies: "Stoke-on-Trent City Council"."""


def _subject_places(text: str) -> list[tuple[str, int]]:
    """Places whose children's services are the subject, each with a weight: "Cumbria's
    children's services" and "services in Hackney" are surer than "Fight Child Protection"."""
    places = []
    for match in _SUBJECT.finditer(text):
        raw = match.group("place") or match.group("where") or match.group("rated") or ""
        place = _clean_place(raw)
        if place and not any(word in _NOT_PLACE for word in place.split()):
            places.append((place, 1 if match.group("place") and not match.group("possessive") else 2))
    return places


def main_council(text: str, title: str = "", publisher: str = "") -> MainCouncil | None:
    """The council an article is about: the place its councils and children's services are
    named by most, the headline and the opening counting twice (and a council publishing its
    own minutes once); None when it names none."""
    lead = title + "\n" + text[: max(300, text.find("\n\n", 200))]
    named = council_mentions(text)
    counts: Counter[str] = Counter()
    for mention in named:
        counts[mention.place] += 2  # the council's own name is the surest sign
    for place, weight in _subject_places(text):
        counts[place] += weight
    for mention in council_mentions(lead):
        counts[mention.place] += 2
    for place, weight in _subject_places(lead):
        counts[place] += 2 * weight
    for mention in council_mentions(publisher):
        counts[mention.place] += 1
    if not counts:
        return None
    # A place also counts each time it is written on its own ("Ofsted rated Sefton ...").
    for place in list(counts):
        counts[place] += len(re.findall(rf"\b{re.escape(place)}\b", text)) // 2
    place = max(counts, key=lambda p: (counts[p], -_first(text + title, p)))
    names = [m.name for m in named if m.place == place]
    if names:
        name = max(names, key=len)
    else:
        generic = re.search(r"(?i)\bthe (county|city|borough) council\b", text)
        name = f"{place} {generic.group(1).title()} Council" if generic else f"{place} Council"
    return MainCouncil(place, name)


def _first(text: str, place: str) -> int:
    index = text.find(place)
    return index if index >= 0 else len(text)
