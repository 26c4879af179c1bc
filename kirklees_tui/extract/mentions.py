"""Who or what a stretch of narrative names, as candidates for the speaker of a verb.

A mention is a person's name, the inspectorate ("Ofsted", "inspectors", "the watchdog"), a
document ("the report", "Ofsted's monitoring letter", "the DfE's direction", "a review by
Peter Dwyer"), a council ("Sefton council", "the authority", "a council spokesperson"), the
government, another named body, or a pronoun. Each is found by its wording; the attributor
(`speakers.py`) decides what it stands for in its place in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from kirklees_tui.extract.councils import council_mentions
from kirklees_tui.extract.lexicon import INSPECTORATE, PRONOUNS

__all__ = ["Mention", "MentionKind", "find_mentions"]

MentionKind = Literal[
    "person", "inspectorate", "inspector", "document", "council", "government", "body", "pronoun", "role"
]

_DOCUMENT: Final = re.compile(
    r"(?i)\b(?P<noun>report|letter|review|direction|statement|verdict|findings|assessment|"
    r"judge?ment|notice|update|conclusions?|summary)\b(?![’']s)"
)
# Words that may stand before a document's noun in its noun phrase.
_MODIFIERS: Final = frozenset(
    "the a an its their his her this that these latest new damning scathing critical recent "
    "full final initial monitoring inspection published separate joint second first previous "
    "last original annual draft statutory practice formal official overall same own short "
    "detailed interim independent further highly earlier subsequent inspectors’ inspectors' "
    "inspector’s inspector's government’s government's council’s council's".split()
)
_AUTHOR_AFTER: Final = re.compile(
    r"\s*,?\s*(?:(?:issued|written|sent|published|carried out|led|signed|compiled)\s+)?"
    r"(?:by|from)\s+(?:(?:the\s+)?(?:lead\s+|HM\s+|social\s+care\s+)?inspectors?\s+)?"
)
_WORD_BEFORE: Final = re.compile(r"([\w’'-]+)\s+$")
# Capitalised words that open a sentence or clause without naming anyone.
_NOT_NAMES: Final = frozenset(
    "But And So Or Yet However Meanwhile In On At As When While Whilst If After Before Since "
    "Despite Although Though With Without For From By Of To Now Then Also Indeed Today "
    "Yesterday Last This That These Those It Its Their His Her Our Your We They He She".split()
)
_COUNCIL_GENERIC: Final = re.compile(
    r"(?i)\b(?:the\s+(?:county\s+|city\s+|borough\s+|district\s+)?council|"
    r"the\s+(?:local\s+)?authority|(?:a|the)\s+(?:council\s+)?spokes(?:person|man|woman)"
    r"(?:\s+for\s+the\s+(?:\w+\s+)?council)?|council\s+(?:officers|bosses|chiefs|leaders)|"
    r"(?:children[’']s\s+)?services\s+(?:chiefs|bosses)|senior\s+leaders|officers|managers|"
    r"bosses|chiefs)\b"
)
_GOVERNMENT: Final = re.compile(
    r"\b(?:(?:the\s+)?Department\s+(?:for|of)\s+Education|DfE|DFE|[Tt]he\s+[Gg]overnment|"
    r"[Mm]inisters|Whitehall)\b"
)
_ROLE_HEADS: Final = (
    r"commissioner|minister|mayor|leader|director|chief\s+executive|"
    r"chair(?:man|woman)?|councillor|lead\s+member|cabinet\s+member|MP|"
    r"secretary|inspector"
)
_BODY: Final = re.compile(
    r"\b(?:[A-Z][\w’'&-]*\s+){0,4}(?:Trust|Board|Partnership|Union|Police|Constabulary|"
    r"Commission|NHS|Group|Association|Society|Foundation)\b"
    r"|\b(?:Unite|Unison|UNISON|GMB|NSPCC|Barnardo[’']s)\b"
    rf"|\b(?!(?i:{_ROLE_HEADS})\b)[A-Z][a-z]+\s+for\s+[A-Z][a-z]+\b"
)
# "the commissioner", "a Bromley councillor", "Minister for Children and Families": a role
# standing for the person who holds it.
_ROLE_REFERENCE: Final = re.compile(
    rf"(?i)\b(?:(?:the|a|an)\s+(?:[\w’'-]+\s+){{0,2}}?)?(?P<role>{_ROLE_HEADS})\b"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One candidate speaker as the text names it."""

    start: int
    end: int
    kind: MentionKind
    value: str
    """A person's canonical name, a council's name (empty for "the council"), a body's name,
    a document's noun, a pronoun, or a role word."""
    owner: Mention | None = None
    """For a document: who it is said to be by ("Ofsted's letter", "a review by X")."""


def _phrase_start(text: str, noun: int, floor: int) -> int:
    """Where a document's noun phrase starts: back over determiners, possessives, names and
    the few adjectives reports carry ("Ofsted's latest monitoring letter")."""
    start = noun
    for _ in range(5):
        match = _WORD_BEFORE.search(text, floor, start)
        if not match:
            break
        word = match.group(1)
        if word in _NOT_NAMES:
            break
        if not (word.lower() in _MODIFIERS or word.endswith(("’s", "'s", "s’", "s'")) or word[:1].isupper()):
            break
        start = match.start(1)
    return start


def _owner(text: str, start: int, noun: re.Match[str], people: list[Mention], limit: int) -> Mention | None:
    """The author a document's own words give it, before or after its noun."""
    before = text[start : noun.start()]
    if re.search(r"(?i)\b(?:Ofsted|inspectors?[’']?s?|inspection|monitoring|watchdog)\b", before):
        return Mention(start, noun.start(), "inspectorate", "Ofsted")
    if re.search(r"\b(?:DfE|DFE|[Gg]overnment[’']?s?|Department)\b", before):
        return Mention(start, noun.start(), "government", "Department for Education")
    possessive = re.match(r"(?i)(his|her|its|their)\b", before)
    if possessive:
        return Mention(start, start + len(possessive.group(1)), "pronoun", possessive.group(1).lower())
    for person in people:
        if start <= person.start < noun.start():
            return person  # "Dwyer's review", "the Le Grand report"
    opening = start == 0 or bool(re.search(r"(?:^|[.!?:]\s*|\n\s*)$", text[max(0, start - 3) : start]))
    words = re.findall(r"[A-Z][\w&-]+", before)
    if opening and words and before.startswith(words[0]):
        words = words[1:]  # a sentence's first word is capitalised anyway ("Damning report")
    named = [w for w in words if w not in ("The", "A", "An", "This", "That", "Its")]
    if named:
        return Mention(start, noun.start(), "body", " ".join(named))
    after = _AUTHOR_AFTER.match(text, noun.end(), limit)
    if after:
        for person in people:
            if after.end() <= person.start <= after.end() + 3:
                return person
        rest = text[after.end() : limit]
        if re.match(r"(?:Ofsted|OFSTED|inspectors|the\s+(?:inspectorate|watchdog|regulator))", rest):
            return Mention(after.end(), after.end() + 6, "inspectorate", "Ofsted")
        if re.match(r"(?:the\s+)?(?:DfE|Department\s+for\s+Education|[Gg]overnment)", rest):
            return Mention(after.end(), after.end() + 3, "government", "Department for Education")
        role = _ROLE_REFERENCE.match(text, after.end(), limit)
        if role:  # "a review by the new director"
            return Mention(role.start(), role.end(), "role", role.group("role").lower())
    return None


def find_mentions(text: str, start: int, end: int, people: list[Mention]) -> list[Mention]:
    """Every candidate speaker in `text[start:end]`, in order; `people` are the person
    mentions already resolved in the article. A word claimed by a longer mention (the
    "Ofsted" of "Ofsted's letter") is not a mention of its own."""
    documents = []
    for noun in _DOCUMENT.finditer(text, start, end):
        phrase = _phrase_start(text, noun.start(), start)
        owner = _owner(text, phrase, noun, people, min(len(text), end + 60))
        documents.append(Mention(phrase, noun.end(), "document", noun.group("noun").lower(), owner))
    found: list[Mention] = list(documents)
    taken: list[tuple[int, int]] = [(d.start, d.end) for d in documents]

    def add(mention: Mention) -> None:
        if not any(a < mention.end and mention.start < b for a, b in taken):
            found.append(mention)
            taken.append((mention.start, mention.end))

    for person in people:
        if start <= person.start < end:
            add(person)
    for council in council_mentions(text[start:end]):
        add(Mention(start + council.start, start + council.end, "council", council.name))
    for match in INSPECTORATE.finditer(text, start, end):
        word = match.group().lower()
        kind: MentionKind = (
            "inspector" if re.fullmatch(r"(?:the\s+)?(?:lead\s+)?inspector", word) else "inspectorate"
        )
        add(Mention(match.start(), match.end(), kind, "Ofsted"))
    for match in _GOVERNMENT.finditer(text, start, end):
        add(Mention(match.start(), match.end(), "government", "Department for Education"))
    for match in _COUNCIL_GENERIC.finditer(text, start, end):
        add(Mention(match.start(), match.end(), "council", ""))
    for match in _ROLE_REFERENCE.finditer(text, start, end):
        add(Mention(match.start(), match.end(), "role", match.group("role").lower()))
    for match in _BODY.finditer(text, start, end):
        name = re.sub(r"^(?:The|A|An)\s+", "", match.group())
        add(Mention(match.end() - len(name), match.end(), "body", name))
    for match in PRONOUNS.finditer(text, start, end):
        add(Mention(match.start(), match.end(), "pronoun", match.group().lower()))
    found.sort(key=lambda m: (m.start, m.kind != "person"))
    return found
