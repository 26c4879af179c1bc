"""What a mention stands for, in its place in the article.

The same words mean different speakers in different places: "he" is the last man named,
"the report" the inspectorate's until a commissioner's review is introduced, "the council" the
council the article is about. `Referents` reads an article's people first (names, titles,
roles, inspectors), then keeps what has been said so far as the attributor walks the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from kirklees_tui.extract.councils import MainCouncil
from kirklees_tui.extract.lexicon import INSPECTORATES
from kirklees_tui.extract.mentions import Mention
from kirklees_tui.extract.people import (
    COUNCILLOR_TITLES,
    NameMention,
    Registry,
    find_names,
    role_after,
    role_before,
    speaker_kind,
)
from kirklees_tui.extract.text import Span
from kirklees_tui.store.model import SpeakerKind

__all__ = ["GOVERNMENT", "Referents", "Speaker"]

GOVERNMENT: Final = "Department for Education"
# "the lead inspector, Paul Grant": a role naming one of the visit's inspectors (a chief
# inspector heads the inspectorate and visits no one).
_VISIT_INSPECTOR: Final = re.compile(
    r"(?i)^(?:the\s+)?(?:lead\s+|social care\s+|senior\s+)?"
    r"inspector$|\b(?:lead|Ofsted|HM|Majesty[’']s)\s+inspector\b"
)
_INSPECTOR_LIST: Final = re.compile(r"\b[Ii]nspectors?\s+([^.;:“”]+)")
_LETTER_TO: Final = re.compile(r"\bletter\s+(?:was\s+)?sent\s+to\b|\bletter\s+to\b")
_FEMALE: Final = frozenset({"ms", "mrs", "miss", "dame", "lady", "baroness"})
_MALE: Final = frozenset({"mr", "sir", "lord"})
_ROLE_TITLES: Final = {
    "councillor": COUNCILLOR_TITLES,
    "mayor": frozenset({"mayor"}),
    "inspector": frozenset({"inspector", "inspectors"}),
}


@dataclass(frozen=True, slots=True)
class Speaker:
    """Whose words: a canonical person, or a body such as the inspectorate or a council."""

    name: str
    kind: SpeakerKind
    body: bool
    role: str | None = None
    organisation: str | None = None

    @property
    def is_inspectorate(self) -> bool:
        return self.kind == "inspector"


class Referents:
    """An article's people and bodies, and what each mention stands for where it is."""

    def __init__(
        self,
        text: str,
        masked: str,
        registry: Registry,
        source_id: str,
        date: str,
        council: MainCouncil | None,
        publisher: str = "",
    ) -> None:
        self.text = text
        self.masked = masked
        self.registry = registry
        self.source_id = source_id
        self.date = date
        self.publisher = publisher
        found = [name for name in INSPECTORATES if name in text]
        self.inspectorate = found[0] if found else INSPECTORATES[0]
        self.body = Speaker(self.inspectorate, "inspector", True, None, self.inspectorate)
        self.government = Speaker(GOVERNMENT, "other", True, None, GOVERNMENT)
        self.council = council
        self.people: list[Mention] = []
        self.titles: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        self.inspector_names: list[tuple[int, str]] = []
        self.letter_to: str | None = None
        self.subjects: list[tuple[int, Speaker]] = []
        """Who has been the subject of a clause so far, for pronouns."""
        self.sentence_start = 0
        """Where the sentence before the one being read starts: "he" looks there first."""
        self.current_start = 0
        """Where the sentence being read starts."""
        self.documents: dict[str, Speaker] = {}
        """A document's author once the article has said it ("a review by X")."""
        self.topic: Speaker | None = (
            self.body if re.search(r"(?i)\b(?:ofsted|inspect\w*|watchdog|regulator)\b", text) else None
        )
        """The document the article is reporting: whose words an unattributed passage is."""

    # -- the people an article names --------------------------------------------------------
    def read_people(self, paragraphs: list[Span]) -> None:
        """Resolve every name in reading order, with roles and inspectors, before attributing;
        a surname on its own ("Dwyer wrote") is the person named in full before it."""
        self.registry.start_article()
        surnames: dict[str, str] = {}
        for paragraph in paragraphs:
            mentions = [
                m
                for m in find_names(self.masked, paragraph.start, paragraph.end)
                if m.name != self.publisher.strip()
            ]  # "News Shopper"
            for mention in mentions:
                canonical = self.registry.resolve(mention)
                self.people.append(Mention(mention.start, mention.end, "person", canonical))
                if len(canonical.split()) >= 2:
                    surnames[canonical.split()[-1]] = canonical
                self._read_role(mention, canonical, paragraph)
            self._read_inspectors(paragraph, mentions)
            self._read_surnames(paragraph, mentions, surnames)
        self.people.sort(key=lambda m: m.start)

    def _read_role(self, mention: NameMention, canonical: str, paragraph: Span) -> None:
        clause = max(self.masked.rfind(". ", 0, mention.start) + 1, paragraph.start)
        role = role_before(self.masked, clause, mention.start) or role_after(
            self.masked, mention.end, paragraph.end
        )
        if mention.title and mention.title.lower().startswith("inspector"):
            role = role or "inspector"
        if role:  # every role the article gives is history; quotes take the first
            self.registry.add_role(canonical, role, self.source_id, self.date)
        if role and canonical not in self.roles:
            self.roles[canonical] = role
            if _VISIT_INSPECTOR.search(role) and canonical not in self.inspectors:
                self.inspector_names.append((mention.start, canonical))
        if mention.title:
            self.titles.setdefault(canonical, mention.title.lower().rstrip("."))
        if self._is_letter_recipient(mention):
            self.letter_to = self.letter_to or canonical

    def _read_surnames(self, paragraph: Span, mentions: list[NameMention], surnames: dict[str, str]) -> None:
        taken = [(m.start, m.end) for m in mentions]
        for surname, canonical in surnames.items():
            for match in re.finditer(
                rf"\b{re.escape(surname)}\b(?![a-z])", self.masked[paragraph.start : paragraph.end]
            ):
                at = paragraph.start + match.start()
                if not any(a <= at < b for a, b in taken):
                    self.people.append(Mention(at, at + len(surname), "person", canonical))

    @property
    def inspectors(self) -> list[str]:
        return [n for _, n in self.inspector_names]

    def _is_letter_recipient(self, mention: NameMention) -> bool:
        clause = self.masked[max(0, mention.start - 120) : mention.start]
        found = list(_LETTER_TO.finditer(clause))
        return bool(found) and not re.search(r"[.;“”]|\bfrom\b", clause[found[-1].end() :])

    def _read_inspectors(self, paragraph: Span, mentions: list[NameMention]) -> None:
        """Names straight after "inspector(s)", including "inspectors A and B"."""
        for match in _INSPECTOR_LIST.finditer(self.masked, paragraph.start, paragraph.end):
            run_end = match.start(1) + len(match.group(1))
            chained = re.match(r"(?:[A-Z][\w’'-]*\s*(?:,|and)?\s*)+", match.group(1))
            if not chained:
                continue
            limit = match.start(1) + chained.end()
            for mention in mentions:
                name_start = mention.end - len(mention.name)
                if match.start(1) <= name_start < min(limit, run_end):
                    name = next(p.value for p in self.people if p.start == mention.start)
                    if name not in self.inspectors:
                        self.registry.add_role(name, "inspector", self.source_id, self.date)
                        self.roles.setdefault(name, "inspector")
                    self.inspector_names.append((mention.start, name))

    # -- what a mention stands for -------------------------------------------------------------
    def person(self, name: str) -> Speaker:
        role = self.roles.get(name)
        kind = speaker_kind([role] if role else [], [self.titles.get(name, "")], name in self.inspectors)
        if kind == "inspector":
            return Speaker(name, kind, False, role or "inspector", self.inspectorate)
        return Speaker(name, kind, False, role, None)

    def council_speaker(self, name: str = "") -> Speaker:
        """A council by name; "the council" (or the article's own council under another of
        its names) is the council the article is about."""
        if not name or (self.council and name.split()[0] == self.council.place.split()[0]):
            name = self.council.name if self.council else "the council"
        return Speaker(name, "council officer", True, None, name)

    def stands_for(self, mention: Mention, position: int) -> Speaker | None:
        """The speaker a mention at `position` stands for, or None when it stands for none."""
        kind = mention.kind
        if kind == "person":
            return self.person(mention.value)
        if kind == "inspectorate":
            return self.body
        if kind == "inspector":
            named = [n for at, n in self.inspector_names if at < position]
            return self.person(named[-1]) if named else self.body
        if kind == "document":
            return self._document(mention, position)
        if kind == "council":
            return self.council_speaker(mention.value)
        if kind == "government":
            return self.government
        if kind == "body":
            return Speaker(mention.value, "other", True, None, mention.value)
        if kind == "pronoun":
            return self._pronoun(mention.value if mention.value != "its" else "it", position)
        return self._role_holder(mention.value, position)

    def _role_holder(self, role: str, position: int) -> Speaker | None:
        """The person last named with a role ("the commissioner"), or, for a role the article
        has yet to name ("a Bromley councillor has blamed ..."), the first named after it."""
        titles = _ROLE_TITLES.get(role, frozenset())

        def holds(name: str) -> bool:
            return role in (self.roles.get(name) or "").lower() or self.titles.get(name) in titles

        before = [p.value for p in reversed(self.people) if p.start < position and holds(p.value)]
        if before:
            return self.person(before[0])
        after = [p.value for p in self.people if p.start > position and holds(p.value)]
        if after:
            return self.person(after[0])
        if self.masked[self.current_start : position].strip():
            return None
        # a role opening a sentence, after a name that closed the one before ("X MP.
        # Minister for Children, said")
        near = [p.value for p in reversed(self.people) if self.sentence_start <= p.start < position]
        return self.person(near[0]) if near else None

    def _pronoun(self, word: str, position: int) -> Speaker | None:
        """He or she: a person who spoke in the sentence before, else one named there, else
        the person last heard, else last named, that fits; it or they: the last body."""
        earlier = [(at, s) for at, s in self.subjects if at < position]
        if word not in ("he", "she"):
            bodies = [s for _, s in reversed(earlier) if s.body]
            return bodies[0] if bodies else self.topic
        near = self.sentence_start
        heard = [s for at, s in reversed(earlier) if not s.body]
        heard_near = [s for at, s in reversed(earlier) if not s.body and at >= near]
        named = [self.person(p.value) for p in reversed(self.people) if p.start < position]
        named_near = [self.person(p.value) for p in reversed(self.people) if near <= p.start < position]
        for group in (heard_near, named_near, heard, named):
            for speaker in group:
                if self._gender_fits(speaker.name, word):
                    return speaker
        return None

    def _gender_fits(self, name: str, pronoun: str) -> bool:
        title = self.titles.get(name, "")
        if title in _FEMALE:
            return pronoun == "she"
        if title in _MALE:
            return pronoun == "he"
        return True

    def _document(self, mention: Mention, position: int) -> Speaker | None:
        """A document's author: the one its own words give, or the one the article gave the
        same kind of document, or the body that issues such documents."""
        owner = mention.owner
        if owner is not None:
            speaker = self.stands_for(owner, position)
            if speaker is not None:
                self.documents[mention.value] = speaker
                return speaker
        if mention.value in self.documents:
            return self.documents[mention.value]
        if mention.value in ("direction", "notice"):
            return self.government
        if mention.value == "statement" and self.council:
            return self.council_speaker()
        if mention.value == "review":
            return None  # reviews are councils', directors' and commissioners', not Ofsted's
        return self.body

    def note(self, speaker: Speaker | None, position: int, by_document: bool = False) -> None:
        """Remember who spoke, for pronouns; the inspectorate or a quoted document (a
        commissioner's review, a government direction) becomes the topic."""
        if speaker is None:
            return
        self.subjects.append((position, speaker))
        if speaker.is_inspectorate or by_document:
            self.topic = speaker
