"""Person names, their titles and roles, and one canonical person per name.

Names are found by shape (an honorific, or two or three capitalised words that are not places,
bodies or sentence openers), never from a list of people. "Mr Walker" resolves to the "Steve
Walker" named earlier in the same article, else to a known person with that surname.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from kirklees_tui.extract.lexicon import SPEECH_VERB
from kirklees_tui.store.model import SpeakerKind

__all__ = [
    "NameMention",
    "PersonRecord",
    "Registry",
    "find_names",
    "role_after",
    "role_before",
    "speaker_kind",
]

TITLES: Final = (
    "Clr|Cllr|Councillor|Coun|Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Baroness|Rev|Mayor"
)
COUNCILLOR_TITLES: Final = frozenset({"clr", "cllr", "councillor", "coun"})
_COUNCILLOR_ROLE: Final = re.compile(r"(?i)councillor|cabinet member|leader|portfolio holder|mayor")
_OFFICER_ROLE: Final = re.compile(r"(?i)director|executive|manager|officer|head|troubleshooter|chief")
_WORD: Final = r"(?:Mc|Mac|O[’']|D[’'])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_TITLED: Final = re.compile(rf"\b(?P<title>{TITLES})\.?\s+(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}})(?![a-z])")
_INSPECTOR: Final = re.compile(rf"\b(?P<title>[Ii]nspectors?)\s+(?P<name>{_WORD}\s+{_WORD})")
_NON_SPACE: Final = re.compile(r"\S+")
_CAPITALISED_RUN: Final = re.compile(rf"{_WORD}(?:\s+{_WORD})+")

# Capitalised words that are never part of a person's name: bodies, places, role words and
# sentence openers. Shape rules need this much vocabulary; it names no person.
NOT_NAME_WORDS: Final = frozenset(
    (
        "a an the and but or if in on at of to for from by with as so yet since over among around "
        "nearly last this that these those it its he she they we our their his her there here "
        "what when where while whilst who why how however although though after before during "
        "following some many most all every each no not worse writing reacting speaking meanwhile "
        "also still council councils city borough county government department education election "
        "general children children’s children's services service social care board panel court "
        "police committee commission commissioner authority agency trust union office ministry "
        "parliament director deputy chief executive inspector inspectors chair chairman leader "
        "member cabinet head manager officer minister secretary mayor spokesman spokeswoman "
        "spokesperson lead ofsted kirklees leeds huddersfield rotherham haringey yorkshire west "
        "east north south england britain london bradford calderdale wakefield crown operation "
        "video loading hide ad safeguarding scrutiny january february march april may june july "
        "august september october november december monday tuesday wednesday thursday friday "
        "saturday sunday baby liberal democrat democrats labour conservative conservatives tory "
        "tories independent party one two three four five six seven eight nine ten "
        "media caption image photo picture getty copyright"
    ).split()
)
ROLE_HEADS: Final = (
    "director|chair|chairman|chairwoman|leader|member|inspector|executive|troubleshooter|"
    "manager|officer|head|councillor|minister|secretary|commissioner|deputy|spokesman|"
    "spokeswoman|spokesperson|mayor|adviser|advisor|principal|lead|holder|predecessor|"
    "successor|governor|chief"
)
_ROLE_HEAD: Final = re.compile(rf"(?i)\b(?:{ROLE_HEADS})\b")
_ROLE_MODIFIERS: Final = frozenset(
    (
        "the a an interim acting new then former deputy assistant chief senior strategic "
        "corporate executive cabinet lead principal"
    ).split()
)


@dataclass(frozen=True, slots=True)
class NameMention:
    """A person's name as written, with any honorific."""

    start: int
    end: int
    name: str
    title: str | None

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    @property
    def is_full(self) -> bool:
        return len(self.name.split()) >= 2


def _is_name(words: list[str]) -> bool:
    return all(w.lower() not in NOT_NAME_WORDS for w in words)


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The whitespace-separated words of `text[start:end]` with their own offsets.

    Offsets always come from each word's match: a run of words may hold any whitespace (NBSP,
    a line break, two spaces), so words rejoined with one space need not be in the text.
    """
    return [(m.start(), m.end(), m.group()) for m in _NON_SPACE.finditer(text, start, end)]


def find_names(text: str, start: int = 0, end: int | None = None) -> list[NameMention]:
    """Person names in `text[start:end]`, titled ones first claimed, in order of position."""
    end = len(text) if end is None else end
    found: list[NameMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_TITLED, _INSPECTOR):
        for match in pattern.finditer(text, start, end):
            words = _words(text, match.start("name"), match.end("name"))
            while words and words[-1][2].lower() in NOT_NAME_WORDS:
                words.pop()
            if not words or not _is_name([w for _, _, w in words]):
                continue
            name = " ".join(w for _, _, w in words)
            found.append(NameMention(match.start(), words[-1][1], name, match.group("title")))
            taken.append((match.start(), words[-1][1]))
    for match in _CAPITALISED_RUN.finditer(text, start, end):
        if any(a <= match.start() < b for a, b in taken):
            continue
        for segment in _segments(_words(text, match.start(), match.end())):
            if 2 <= len(segment) <= 3:
                phrase = " ".join(w for _, _, w in segment)
                found.append(NameMention(segment[0][0], segment[-1][1], phrase, None))
    found.sort(key=lambda m: m.start)
    return found


def _segments(words: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Split a run of capitalised words at words that cannot be part of a name."""
    segments: list[list[tuple[int, int, str]]] = [[]]
    for word in words:
        if word[2].lower() in NOT_NAME_WORDS:
            segments.append([])
        else:
            segments[-1].append(word)
    return [s for s in segments if s]


def role_before(text: str, clause_start: int, name_start: int) -> str | None:
    """A role written just before a name: "the interim director Steve Walker",
    "Chair of the council's Scrutiny Panel, Clr Cahal Burke"."""
    before = text[clause_start:name_start].rstrip()
    before = before.removesuffix(",").rstrip()
    tail = re.split(r"[.;:“”()]|\b(?:said|says|and|but|with|that|by)\b", before)[-1]
    heads = list(_ROLE_HEAD.finditer(tail))
    if not heads:
        return None
    head = heads[-1]
    after_head = tail[head.end() :]
    if after_head.strip() and (not re.match(r"\s+(?:of|for)\b", after_head) or "," in after_head):
        return None  # the head word is not where the role ends, e.g. "leader said Tom"
    words = tail[: head.start()].split()
    kept: list[str] = []
    for word in reversed(words):
        bare = word.lower().rstrip(",")
        if bare in _ROLE_MODIFIERS or bare.startswith("then-") or word[:1].isupper():
            kept.insert(0, word)
        else:
            break
    while kept and kept[0].lower() in ("the", "a", "an"):
        kept.pop(0)
    role = " ".join([*kept, tail[head.start() :].strip()]).strip(" ,")
    return role or None


def role_after(text: str, name_end: int, limit: int) -> str | None:
    """A role in apposition after a name: "Sal Tariq, deputy director for ..., said"."""
    rest = text[name_end:limit]
    match = re.match(r",\s+([^“”.;:]{3,140}?),\s+" + SPEECH_VERB.pattern, rest)
    if not match:
        match = re.match(r",\s+([^“”.;:,]{3,80}?)(?:,|\.(?:\s|$)|$)", rest)
    if not match:
        return None
    role = match.group(1).strip()
    if not _ROLE_HEAD.search(role) or len(role.split()) > 14:
        return None
    return role


@dataclass(slots=True)
class PersonRecord:
    """What the registry knows of one person across articles."""

    name: str
    aliases: set[str] = field(default_factory=set)
    roles: list[tuple[str, str, str]] = field(default_factory=list)
    """(role, source id, date) as each article gives it."""
    titles: set[str] = field(default_factory=set)
    inspector: bool = False


class Registry:
    """Canonical people: every mention resolves to one full name where one is known."""

    def __init__(self) -> None:
        self.people: dict[str, PersonRecord] = {}
        self._aliases: dict[str, str] = {}
        self._article: list[str] = []

    def know(
        self, name: str, aliases: tuple[str, ...], roles: tuple[tuple[str, str, str], ...], inspector: bool
    ) -> None:
        """Seed a person already in a store, so new articles resolve to the same name."""
        record = self.people.setdefault(name, PersonRecord(name, inspector=inspector))
        record.aliases.update(aliases)
        record.roles.extend(r for r in roles if r not in record.roles)
        for alias in aliases:
            self._aliases.setdefault(alias, name)
            title = alias.split()[0].rstrip(".")
            if re.fullmatch(TITLES, title):
                record.titles.add(title.lower())

    def start_article(self) -> None:
        self._article = []

    def resolve(self, mention: NameMention) -> str:
        """The canonical name for a mention, remembering the alias it was written as."""
        written = f"{mention.title} {mention.name}" if mention.title else mention.name
        canonical = (
            self._aliases.get(written)
            or self._aliases.get(mention.name)
            or (mention.name if mention.is_full else self._by_surname(mention.surname) or mention.name)
        )
        record = self.people.setdefault(canonical, PersonRecord(canonical))
        inspector_title = (mention.title or "").lower().startswith("inspector")
        if written != canonical and not inspector_title:
            record.aliases.add(written)
        if mention.title and mention.title.lower() not in ("inspector", "inspectors"):
            record.titles.add(mention.title.lower().rstrip("."))
        if canonical in self._article:
            self._article.remove(canonical)
        self._article.append(canonical)
        return canonical

    def _by_surname(self, surname: str) -> str | None:
        for name in reversed(self._article):
            if name.split()[-1] == surname and len(name.split()) >= 2:
                return name
        for name in self.people:
            if name.split()[-1] == surname and len(name.split()) >= 2:
                return name
        return None

    def add_role(self, name: str, role: str, source_id: str, date: str) -> None:
        record = self.people[name]
        entry = (role, source_id, date)
        if entry not in record.roles:
            record.roles.append(entry)
        if "inspector" in role.lower():
            record.inspector = True


def speaker_kind(roles: Iterable[str], titles: Iterable[str], inspector: bool) -> SpeakerKind:
    """What kind of speaker a person is, from the roles and titles articles give them: an
    inspector (named as one, or holding an inspector's role), a councillor (by title or
    role), a council officer (a director, executive, manager ...), or other. The one rule for
    a quotation's speaker (from what its article says) and a person's record (from every
    article)."""
    roles = list(roles)
    if inspector or any("inspector" in role.lower() for role in roles):
        return "inspector"
    if set(titles) & COUNCILLOR_TITLES or any(_COUNCILLOR_ROLE.search(role) for role in roles):
        return "councillor"
    if any(_OFFICER_ROLE.search(role) for role in roles):
        return "council officer"
    return "other"
