"""Who said each quotation, and which sentences report the inspectors.

Rules, in the order they are tried for a quotation:
1. the subject of the first speech verb before it in the sentence ("Mr X said:", "It adds:",
   "the inspector highlighted what she described as"); a leading participial phrase
   ("Writing in a memo to staff, ...") is skipped, and after "but", "with" or "whilst" the
   nearest clause wins; a passive verb ("has been described as") names nobody but its agent;
2. the subject after it: "..., the letter says." / "..., he said." / "..., said Mr X.";
3. a passive agent: "rated “good” by Ofsted";
4. otherwise the current speaker: follow-on paragraphs, "He added:", list items after "says:".
Pronouns resolve to the last speaker of their kind: he/she to a person, it/they to a body;
"the inspector" to the inspector last named; "the letter", "the report", "inspectors" to the
inspectorate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from kirklees_tui.extract.lexicon import BODY_WORDS, INSPECTORATES, PASSIVE_AUX, SPEECH_VERB
from kirklees_tui.extract.people import (
    COUNCILLOR_TITLES,
    NameMention,
    Registry,
    find_names,
    role_after,
    role_before,
)
from kirklees_tui.extract.quotes import QuoteSpan
from kirklees_tui.extract.text import Span, sentences
from kirklees_tui.model import SpeakerKind

__all__ = ["ArticleSpeech", "SentenceSpeech", "Speaker", "attribute"]


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


@dataclass(frozen=True, slots=True)
class SentenceSpeech:
    """One sentence and whose view it reports (None when it reports nobody's)."""

    span: Span
    paragraph: int
    speaker: Speaker | None
    explicit: bool
    list_item: bool = False
    opens_list: bool = False


@dataclass(slots=True)
class ArticleSpeech:
    """Everything attribution learns from one article."""

    quotes: list[tuple[QuoteSpan, Speaker | None]]
    sentences: list[SentenceSpeech]
    inspectors: list[str]
    letter_to: str | None


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    kind: str  # person, inspector, body, council, he, it
    value: str = ""


_LEADING_PARTICIPLE: Final = re.compile(r"\s*(?:(?:But|And|So)\s+)?[A-Z][a-z]+ing\b[^,“”]*,")
_BOUNDARY: Final = re.compile(r"\b(?:but|with|while|whilst)\b|;")
_INSPECTOR_REF: Final = re.compile(r"\b[Tt]he inspector\b(?!s)|\b[Ii]nspector\b(?!s)")
_COUNCIL: Final = re.compile(r"\b(?:[A-Z][a-z]+\s+)+Council\b(?![’']s)|\bthe council\b(?![’']s)")
_HE: Final = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_IT: Final = re.compile(r"\b(?:[Ii]t|[Tt]hey)\b")
_POSSESSOR: Final = re.compile(r"\b(?:[Hh]er|[Hh]is|[Mm]y|[Oo]ur|council[’']s)\s+(?:\S+\s+)?$")
_AGENT: Final = re.compile(r"[^.;]*?\bby\s+")
_INSPECTOR_LIST: Final = re.compile(r"\b[Ii]nspectors?\s+([^.;:“”]+)")
_PASSIVE_FINDING: Final = re.compile(
    r"\b(?:were|was|is|are|been)\s+(?:also\s+)?(?:uncovered|found|identified|noted|highlighted|"
    r"criticised|slated|praised|judged|rated)\b"
)
_LETTER_TO: Final = re.compile(r"\bletter\s+(?:was\s+)?sent\s+to\b")


def _mask_quotes(text: str, quotes: list[QuoteSpan]) -> str:
    """The text with quoted words blanked, so their verbs and names are not the narrator's."""
    chars = list(text)
    for quote in quotes:
        for i in range(quote.start, quote.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# "the lead inspector, Paul Grant": a role naming one of the visit's inspectors (a chief
# inspector heads the inspectorate and visits no one).
_VISIT_INSPECTOR: Final = re.compile(r"(?i)^(?:the\s+)?(?:lead\s+|social care\s+|senior\s+)?"
                                     r"inspector$|\b(?:lead|Ofsted)\s+inspector\b")


class _Attributor:
    def __init__(self, text: str, quotes: list[QuoteSpan], registry: Registry,
                 source_id: str, date: str) -> None:
        self.text = text
        self.masked = _mask_quotes(text, quotes)
        self.registry = registry
        self.source_id = source_id
        self.date = date
        found = [name for name in INSPECTORATES if name in text]
        self.inspectorate = found[0] if found else INSPECTORATES[0]
        self.body = Speaker(self.inspectorate, "inspector", True, None, self.inspectorate)
        self.current: Speaker | None = None
        self.last_person: Speaker | None = None
        self.last_org: Speaker | None = None
        self.names: dict[int, str] = {}
        self.roles: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.inspector_names: list[tuple[int, str]] = []
        self.letter_to: str | None = None

    # -- people seen in the article ---------------------------------------------------------
    def read_people(self, paragraphs: list[Span]) -> None:
        """Resolve every name in reading order, with roles and inspectors, before attributing."""
        self.registry.start_article()
        for paragraph in paragraphs:
            mentions = find_names(self.masked, paragraph.start, paragraph.end)
            for mention in mentions:
                canonical = self.registry.resolve(mention)
                self.names[mention.start] = canonical
                clause = max(self.masked.rfind(". ", 0, mention.start) + 1, paragraph.start)
                role = role_before(self.masked, clause, mention.start) or role_after(
                    self.masked, mention.end, paragraph.end)
                if mention.title and mention.title.lower().startswith("inspector"):
                    role = role or "inspector"
                if role:  # every role the article gives is history; quotes take the first
                    self.registry.add_role(canonical, role, self.source_id, self.date)
                if role and canonical not in self.roles:
                    self.roles[canonical] = role
                    if _VISIT_INSPECTOR.search(role) and canonical not in [
                            n for _, n in self.inspector_names]:
                        self.inspector_names.append((mention.start, canonical))
                if mention.title:
                    self.titles.setdefault(canonical, mention.title.lower())
                if self._is_letter_recipient(mention):
                    self.letter_to = self.letter_to or canonical
            self._read_inspectors(paragraph, mentions)

    def _is_letter_recipient(self, mention: NameMention) -> bool:
        clause = self.masked[max(0, mention.start - 120) : mention.start]
        return bool(_LETTER_TO.search(clause)) and not re.search(r"[.;“”]", clause.split(
            "sent to")[-1])

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
                    name = self.names[mention.start]
                    if name not in [n for _, n in self.inspector_names]:
                        self.registry.add_role(name, "inspector", self.source_id, self.date)
                        self.roles.setdefault(name, "inspector")
                    self.inspector_names.append((mention.start, name))

    # -- candidates and resolution ----------------------------------------------------------
    def _candidates(self, start: int, end: int) -> list[_Candidate]:
        window = self.masked
        found: list[_Candidate] = []
        people = [m for m in find_names(window, start, end)]
        taken = [(m.start, m.end) for m in people]
        for mention in people:
            found.append(_Candidate(mention.start, "person", self.names.get(mention.start,
                                                                            mention.name)))

        def free(position: int) -> bool:
            return not any(a <= position < b for a, b in taken)

        for name in INSPECTORATES:
            for match in re.finditer(rf"(?i)\b{re.escape(name)}\b", window[start:end]):
                if free(start + match.start()):
                    found.append(_Candidate(start + match.start(), "body"))
        for match in BODY_WORDS.finditer(window, start, end):
            if free(match.start()) and not _POSSESSOR.search(window[start : match.start()]):
                found.append(_Candidate(match.start(), "body"))
        for pattern, kind in ((_INSPECTOR_REF, "inspector"), (_COUNCIL, "council"),
                              (_HE, "he"), (_IT, "it")):
            for match in pattern.finditer(window, start, end):
                if free(match.start()):
                    found.append(_Candidate(match.start(), kind, match.group()))
        found.sort(key=lambda c: (c.start, c.kind != "person"))
        return found

    def _resolve(self, candidate: _Candidate, position: int) -> Speaker | None:
        if candidate.kind == "person":
            return self._person(candidate.value)
        if candidate.kind == "body":
            return self.body
        if candidate.kind == "inspector":
            named = [n for at, n in self.inspector_names if at < position]
            return self._person(named[-1]) if named else self.body
        if candidate.kind == "council":
            name = candidate.value if candidate.value[0].isupper() else "the council"
            return Speaker(name, "other", True, None, name)
        if candidate.kind == "he":
            return self.last_person
        return self.last_org or self.body

    def _person(self, name: str) -> Speaker:
        role = self.roles.get(name)
        title = self.titles.get(name, "")
        inspector = any(n == name for _, n in self.inspector_names) or (
            role is not None and "inspector" in role.lower())
        if inspector:
            return Speaker(name, "inspector", False, role or "inspector", self.inspectorate)
        lowered = (role or "").lower()
        if title in COUNCILLOR_TITLES or re.search(r"councillor|cabinet member|leader", lowered):
            return Speaker(name, "councillor", False, role, None)
        if re.search(r"director|executive|manager|officer|head|troubleshooter|chief", lowered):
            return Speaker(name, "council officer", False, role, None)
        return Speaker(name, "other", False, role, None)

    def _subject(self, sentence_start: int, verb_start: int) -> tuple[Speaker | None, bool]:
        """The speaker of a verb, and whether the verb is passive (so it names nobody)."""
        if PASSIVE_AUX.search(self.masked[sentence_start:verb_start]):
            return None, True
        start = sentence_start
        leading = _LEADING_PARTICIPLE.match(self.masked, start, verb_start)
        if leading:
            start = leading.end()
        candidates = self._candidates(start, verb_start)
        cuts = [start] + [m.end() for m in _BOUNDARY.finditer(self.masked, start, verb_start)]
        for cut in reversed(cuts):
            segment = [c for c in candidates if c.start >= cut]
            if segment:
                return self._resolve(segment[0], verb_start), False
        return None, False

    def _after(self, quote: QuoteSpan, sentence_end: int) -> Speaker | None:
        after = self.masked[quote.end : sentence_end]
        match = re.match(r"[\s,]*(?:(?P<pre>[^,.;:]{1,60}?)\s+)?(?P<verb>" + SPEECH_VERB.pattern
                         + r")(?P<post>[^.;:]{0,60})", after)
        if match:
            offset = quote.end
            if match.group("pre"):
                candidates = self._candidates(offset + match.start("pre"), offset + match.end("pre"))
            else:
                candidates = self._candidates(offset + match.start("post"), offset + match.end("post"))
            if candidates:
                return self._resolve(candidates[0], quote.end)
        return self._agent(quote.end, sentence_end)

    def _agent(self, start: int, end: int) -> Speaker | None:
        match = _AGENT.match(self.masked, start, end)
        if not match:
            return None
        candidates = self._candidates(match.end(), min(end, match.end() + 40))
        gap = self.masked[match.end() : candidates[0].start] if candidates else ","
        if candidates and len(gap.split()) <= 2 and not re.search(r"[,;:]", gap):
            return self._resolve(candidates[0], start)
        return None

    def _remember(self, speaker: Speaker | None) -> None:
        if speaker is None:
            return
        self.current = speaker
        if speaker.body:
            self.last_org = speaker
        else:
            self.last_person = speaker

    # -- the walk through the article ------------------------------------------------------
    def run(self, paragraphs: list[Span], quotes: list[QuoteSpan]) -> ArticleSpeech:
        attributed: list[tuple[QuoteSpan, Speaker | None]] = []
        said: list[SentenceSpeech] = []
        in_list = False
        for index, paragraph in enumerate(paragraphs):
            for sentence in sentences(self.text, paragraph):
                inside = next(((q, s) for q, s in attributed
                               if q.start < sentence.start < q.end), None)
                if inside:
                    said.append(SentenceSpeech(sentence, index, inside[1], True))
                    continue
                starting = [q for q in quotes if sentence.start <= q.start < sentence.end]
                before = said[-1] if said and said[-1].paragraph == index else None
                speech = self._sentence(sentence, index, starting, attributed, in_list, before)
                said.append(speech)
                if speech.opens_list:
                    in_list = True
                elif speech.explicit and not speech.list_item:
                    in_list = False
        return ArticleSpeech(attributed, said, [n for _, n in self.inspector_names],
                             self.letter_to)

    def _sentence(self, sentence: Span, index: int, starting: list[QuoteSpan],
                  attributed: list[tuple[QuoteSpan, Speaker | None]], in_list: bool,
                  before_in_paragraph: SentenceSpeech | None) -> SentenceSpeech:
        """Attribute the quotations starting in a sentence, and the sentence itself."""
        masked = self.masked[sentence.start : sentence.end]
        verb = SPEECH_VERB.search(masked)
        explicit = False
        speaker: Speaker | None = None
        if verb:
            speaker, passive = self._subject(sentence.start, sentence.start + verb.start())
            if passive:
                speaker = self._agent(sentence.start + verb.end(), sentence.end)
            explicit = True
        for quote in starting:
            who = self._quote_speaker(quote, sentence)
            attributed.append((quote, who))
            self._remember(who)
        if not verb and re.search(rf"\bby\s+(?:{'|'.join(INSPECTORATES)}|the inspectors?)\b",
                                  masked):
            speaker, explicit = self.body, True
        elif not verb and _PASSIVE_FINDING.search(masked) and self.current and self.current.body:
            speaker, explicit = self.current, True
        if explicit and not starting:
            self._remember(speaker)
        opens_list = bool(explicit and masked.rstrip().endswith(":") and not starting)
        if starting and not verb:
            speaker = attributed[-len(starting)][1]
        elif not explicit:
            speaker = self._implicit(sentence, in_list, before_in_paragraph)
        return SentenceSpeech(sentence, index, speaker, explicit or bool(starting),
                              in_list and verb is None, opens_list)

    def _quote_speaker(self, quote: QuoteSpan, sentence: Span) -> Speaker | None:
        before = self.masked[sentence.start : quote.start]
        first = SPEECH_VERB.search(before)
        if first:
            who, passive = self._subject(sentence.start, sentence.start + first.start())
            return self._agent(quote.end, sentence.end) if passive else who
        who = self._after(quote, self._sentence_end(quote, sentence))
        return self.current if who is None else who

    def _implicit(self, sentence: Span, in_list: bool,
                  before: SentenceSpeech | None) -> Speaker | None:
        """A sentence with no speech verb reports its list's or its paragraph's speaker,
        unless it is about a person ("She joined ...")."""
        if in_list:
            return self.current
        lead = self.masked[sentence.start : sentence.end].lstrip()
        if lead.startswith(("He ", "She ")) or any(
                sentence.start <= at < sentence.start + 3 for at in self.names):
            return None
        return before.speaker if before else None

    def _sentence_end(self, quote: QuoteSpan, sentence: Span) -> int:
        end = sentence.end
        if quote.end > end:
            match = re.search(r"[.!?](?=\s|$)", self.masked[quote.end :])
            end = quote.end + (match.end() if match else 0)
        return end


def attribute(text: str, paragraphs: list[Span], quotes: list[QuoteSpan], registry: Registry,
              source_id: str, date: str) -> ArticleSpeech:
    """Attribute every quotation and sentence of one article."""
    attributor = _Attributor(text, quotes, registry, source_id, date)
    attributor.read_people(paragraphs)
    return attributor.run(paragraphs, quotes)
