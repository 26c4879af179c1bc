"""Who said each quotation, and whose view each sentence reports.

Attribution reads the sentence, as Citron and PARC split it: a cue (a reporting verb, or
"according to"), its source (`clauses.py`) and the content (the quoted words). For a
quotation, in the order tried:

1. the reporting clause nearest before it in its sentence ("X said the report found ‘…’": the
   report's words), unless that clause is only a relative clause closed before the quotation
   (", which was rated …, is ‘…’"), or weighs rather than says inside someone's reported
   speech ("Ms X said Ofsted had recognised “the real progress”": her words);
2. the reporting clause after it ("“…,” the report said", "…, said Mr X", "…, Ofsted found");
3. with no clause in its sentence: a name and a colon ("Prof X: …"); a possessive ("his
   infamous ‘…’ jibe"); a headline's subject ("Bosses ‘disappointed’ over …"); a crosshead
   takes the speaker of the words it echoes; a whole quotation opening a paragraph continues
   the previous paragraph's speaker; otherwise the speaker of the paragraph's reporting
   sentence; otherwise the document the article is reporting (its topic).

A quotation still without a speaker takes the speaker of the same words said elsewhere in the
article ("MPs have said things ‘must and will get better’" ... "It must and will get better").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from kirklees_tui.extract.clauses import Cue, find_cues
from kirklees_tui.extract.councils import MainCouncil
from kirklees_tui.extract.lexicon import EVALUATION_VERBS, LEADING_PHRASE
from kirklees_tui.extract.mentions import Mention, find_mentions
from kirklees_tui.extract.people import Registry
from kirklees_tui.extract.quotes import QuoteSpan
from kirklees_tui.extract.referents import GOVERNMENT, Referents, Speaker
from kirklees_tui.extract.text import Span, is_crosshead_quote, sentences

__all__ = ["GOVERNMENT", "ArticleSpeech", "Attribution", "SentenceSpeech", "Speaker", "attribute"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quotation's speaker and why: the rule that decided and the words it read."""

    speaker: Speaker | None
    rule: str
    """`cue before`, `cue after`, `according to`, `passive agent`, `passive, topic`, `name`,
    `possessive`, `headline`, `crosshead echo`, `continues`, `paragraph`, `list`, `topic`,
    `echo` or `none`."""
    cue: str = ""
    """The words that decided it: the reporting clause, or what was continued or echoed."""


@dataclass(frozen=True, slots=True)
class SentenceSpeech:
    """One sentence and whose view it reports (None when it reports nobody's)."""

    span: Span
    paragraph: int
    speaker: Speaker | None
    explicit: bool
    list_item: bool = False
    opens_list: bool = False
    voices: tuple[Speaker, ...] = ()
    """Every speaker a reporting clause of the sentence names ("X said the report found")."""
    said_by: Speaker | None = None
    """Whose view the sentence's main reporting clause (or its quotation) says it gives;
    None when only the topic or the paragraph's speaker is assumed."""
    about: Speaker | None = None
    """The body or document the sentence opens with ("The report, released on Friday, …")."""
    cue: str = ""
    """The verb of the sentence's main reporting clause ("said", "found"), if it has one."""


@dataclass(slots=True)
class ArticleSpeech:
    """Everything attribution learns from one article."""

    quotes: list[tuple[QuoteSpan, Speaker | None]]
    sentences: list[SentenceSpeech]
    inspectors: list[str]
    letter_to: str | None
    why: list[Attribution] = field(default_factory=list)
    """For each quotation, in the same order, how its speaker was decided."""


_CLOSED_BETWEEN: Final = re.compile(r"[–—)]|,\s")
_POSSESSIVE: Final = re.compile(r"\b(?P<word>[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w-]+\s+){0,2}$")
_PRONOUN_OF: Final = {"his": "he", "her": "she", "its": "it", "their": "they"}


def _mask_quotes(text: str, quotes: list[QuoteSpan]) -> str:
    """The text with quoted words blanked, so their verbs and names are not the narrator's."""
    chars = list(text)
    for quote in quotes:
        for i in range(quote.start, quote.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _fold(words: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", words.casefold()).split())


class _Attributor:
    def __init__(self, text: str, quotes: list[QuoteSpan], referents: Referents) -> None:
        self.text = text
        self.quotes = quotes
        self.masked = referents.masked
        self.refs = referents
        self.spans = [(q.start, q.end) for q in quotes]
        self.said: list[tuple[QuoteSpan, Attribution]] = []

    def heard(self, quote: QuoteSpan) -> Attribution | None:
        return next((a for q, a in self.said if q is quote), None)

    # -- one quotation ---------------------------------------------------------------------------
    def quote(
        self,
        quote: QuoteSpan,
        sentence: Span,
        cues: list[Cue],
        index: int,
        paragraph: Span,
        previous: SentenceSpeech | None,
    ) -> Attribution:
        before = [
            c
            for c in cues
            if c.end <= quote.start
            and not (c.subordinate and _CLOSED_BETWEEN.search(self.masked[c.end : quote.start]))
        ]
        after = [c for c in cues if c.start >= quote.end]
        if before:
            cue, outer = before[-1], before[0]
            if (
                cue.words.lower() in EVALUATION_VERBS
                and outer is not cue
                and outer.speaker
                and not outer.speaker.is_inspectorate
                and not outer.passive
            ):
                return self.from_cue(outer, "cue before")  # their words about the report
            return self.from_cue(cue, "cue before")
        if after:
            return self.from_cue(after[0], "cue after")
        return self.without_cue(quote, sentence, index, paragraph, previous)

    def from_cue(self, cue: Cue, rule: str) -> Attribution:
        if cue.passive:
            return Attribution(cue.speaker, "passive agent" if cue.subject else "passive, topic", cue.words)
        return Attribution(cue.speaker, "according to" if cue.words == "according to" else rule, cue.words)

    def without_cue(
        self, quote: QuoteSpan, sentence: Span, index: int, paragraph: Span, previous: SentenceSpeech | None
    ) -> Attribution:
        lead = self.masked[sentence.start : quote.start]
        named = [
            p
            for p in self.refs.people
            if sentence.start <= p.start < quote.start
            and self.masked[p.end : p.end + 2].startswith(":")
            and not re.search(r"\w", self.masked[sentence.start : p.start])
        ]
        if named:  # "Prof Julian Le Grand: Birmingham's services in “spiral of decline”"
            return Attribution(self.refs.person(named[-1].value), "name", named[-1].value)
        possessive = _POSSESSIVE.search(lead)
        if possessive:
            pronoun = _PRONOUN_OF[possessive.group("word").lower()]
            who = self.refs.stands_for(
                Mention(possessive.start(), possessive.end(), "pronoun", pronoun),
                sentence.start + possessive.start(),
            )
            if who is not None:
                return Attribution(who, "possessive", possessive.group().strip())
        paragraph_text = self.text[paragraph.start : paragraph.end]
        topic = self.refs.topic
        if is_crosshead_quote(paragraph_text):
            # the words it echoes may come later: settled at the end of the article
            return self.echo(quote) or Attribution(topic, "topic" if topic else "none", "")
        if not re.search(r"[.!?:]['’\"”]*$", paragraph_text):  # a headline or standfirst
            subjects = find_mentions(self.masked, sentence.start, quote.start, self.refs.people)
            if (
                subjects
                and subjects[0].kind in ("person", "council", "body", "government")
                and not re.search(r"\w", self.masked[sentence.start : subjects[0].start])
                and len(self.masked[subjects[0].end : quote.start].split()) <= 2
            ):
                who = self.refs.stands_for(subjects[0], quote.start)
                if who is not None:
                    return Attribution(who, "headline", self.text[subjects[0].start : subjects[0].end])
        if (
            quote.full
            and quote.start == paragraph.start
            and previous is not None
            and previous.paragraph == index - 1
        ):
            continued = self.continued(previous, quote)
            if continued is not None:
                return continued
        if previous is not None and previous.paragraph == index and previous.speaker:
            return Attribution(
                previous.speaker, "paragraph", self.text[previous.span.start : previous.span.end][:60]
            )
        return Attribution(topic, "topic" if topic else "none", topic.name if topic else "")

    def continued(self, previous: SentenceSpeech, quote: QuoteSpan) -> Attribution | None:
        """A whole quotation opening a paragraph continues whoever the last one ended with:
        the speaker of its "X adds:", or of the speech it ended in, or of its last sentence."""
        words = self.text[previous.span.start : previous.span.end]
        if words.rstrip().endswith(":") and previous.speaker is not None:
            return Attribution(previous.speaker, "continues", words[:60])
        heard = [(q, a) for q, a in self.said if q.end <= quote.start and a.speaker]
        if heard and previous.span.start <= heard[-1][0].end <= previous.span.end + 2:
            return Attribution(heard[-1][1].speaker, "continues", heard[-1][1].cue)
        if previous.explicit and previous.speaker is not None:
            return Attribution(previous.speaker, "continues", words[:60])
        return None

    def echo(self, quote: QuoteSpan) -> Attribution | None:
        """Whoever says the same words elsewhere in the article (a crosshead, a headline)."""
        words = _fold(quote.words)
        if not words:
            return None
        for other in self.quotes:
            if other is quote or words not in _fold(other.words):
                continue
            earlier = self.heard(other)
            if earlier is not None and earlier.speaker is not None:
                return Attribution(earlier.speaker, "crosshead echo", other.words[:60])
        return None

    # -- the walk through the article ------------------------------------------------------------
    def run(self, paragraphs: list[Span]) -> ArticleSpeech:
        said: list[SentenceSpeech] = []
        in_list = False
        list_speaker: Speaker | None = None
        for index, paragraph in enumerate(paragraphs):
            for sentence in sentences(self.text, paragraph):
                inside = next(((q, a) for q, a in self.said if q.start < sentence.start < q.end), None)
                if inside:  # a later sentence of a quotation already attributed
                    speaker = inside[1].speaker
                    heard = speaker if inside[1].rule not in ("topic", "none", "echo") else None
                    said.append(SentenceSpeech(sentence, index, speaker, True, said_by=heard))
                    continue
                self.refs.sentence_start = said[-1].span.start if said else 0
                self.refs.current_start = sentence.start
                self._note_subject(sentence)  # "This report … it states": the report
                cues = find_cues(self.masked, sentence, self.refs, self.spans)
                previous = said[-1] if said else None
                starting = [q for q in self.quotes if sentence.start <= q.start < sentence.end]
                for quote in starting:
                    why = self.quote(quote, sentence, cues, index, paragraph, previous)
                    if in_list and why.rule in ("topic", "none", "paragraph") and list_speaker:
                        why = Attribution(list_speaker, "list", "")
                    self.said.append((quote, why))
                for cue in cues:
                    self.refs.note(cue.speaker, cue.start, cue.by_document)
                speech = self.sentence(sentence, index, cues, starting, previous, in_list, list_speaker)
                said.append(speech)
                if speech.opens_list:
                    in_list, list_speaker = True, speech.speaker
                elif speech.explicit and not speech.list_item:
                    in_list = False
        self._late_echoes()
        order = {id(q): n for n, q in enumerate(self.quotes)}
        self.said.sort(key=lambda pair: order[id(pair[0])])
        return ArticleSpeech(
            [(q, a.speaker) for q, a in self.said],
            said,
            self.refs.inspectors,
            self.refs.letter_to,
            [a for _, a in self.said],
        )

    def _opening(self, sentence: Span) -> Speaker | None:
        """The body or document a sentence opens with, after any leading phrase."""
        start = sentence.start
        leading = LEADING_PHRASE.match(self.masked, start, sentence.end)
        if leading and re.search(r"\w", self.masked[leading.end() : sentence.end]):
            start = leading.end()
        found = find_mentions(self.masked, start, min(sentence.end, start + 80), self.refs.people)
        if not found or re.search(
            r"\w",
            re.sub(r"(?i)\b(?:the|a|an|however|but|and|so|now)\b", "", self.masked[start : found[0].start]),
        ):
            return None
        if found[0].kind in ("document", "inspectorate", "inspector", "council", "body", "government"):
            return self.refs.stands_for(found[0], found[0].start)
        return None

    def _note_subject(self, sentence: Span) -> None:
        """A sentence's opening body ("The report, which …, is critical") is what a later "it"
        refers to, whether or not it spoke."""
        speaker = self._opening(sentence)
        if speaker is not None and speaker.body:
            self.refs.subjects.append((sentence.start, speaker))

    def _late_echoes(self) -> None:
        """Quotations left without a speaker (or crossheads before the words they echo)
        take the speaker of the same words said later in the article."""
        for quote, why in list(self.said):
            if why.rule.startswith("passive") or (why.speaker is not None and why.rule != "topic"):
                continue
            if why.rule == "topic" and not is_crosshead_quote(self.text[quote.start : quote.end].strip()):
                continue
            echo = self.echo(quote)
            if echo is not None:
                self.said = [
                    (q, Attribution(echo.speaker, "echo", echo.cue) if q is quote else a)
                    for q, a in self.said
                ]

    def sentence(
        self,
        sentence: Span,
        index: int,
        cues: list[Cue],
        starting: list[QuoteSpan],
        previous: SentenceSpeech | None,
        in_list: bool,
        list_speaker: Speaker | None,
    ) -> SentenceSpeech:
        """Whose view a sentence reports: its first reporting clause's speaker, or its first
        quotation's, else its list's or its paragraph's speaker (unless it is about a person:
        "She joined ...")."""
        masked = self.masked[sentence.start : sentence.end]
        explicit = bool(cues) or bool(starting)
        speaker: Speaker | None = None
        cue = next((c for c in cues if c.speaker is not None), None)
        if cue is not None:
            speaker = cue.speaker
        elif starting:
            speaker = next(a.speaker for q, a in self.said if q is starting[0])
        opens_list = bool(cues) and masked.rstrip().endswith(":") and not starting
        if not explicit:
            if in_list:
                speaker = list_speaker
            else:
                lead = masked.lstrip()
                about_person = lead.startswith(("He ", "She ")) or any(
                    sentence.start <= p.start < sentence.start + 3 for p in self.refs.people
                )
                if not about_person and previous is not None and previous.paragraph == index:
                    speaker = previous.speaker
        voices = tuple(c.speaker for c in cues if c.speaker)
        # the main clause's: a passive with no agent leaves the sentence to its topic
        said_by = cues[0].speaker if cues and not (cues[0].passive and cues[0].subject is None) else None
        if said_by is None and starting:
            why = next(a for q, a in self.said if q is starting[0])
            said_by = why.speaker if why.rule not in ("topic", "none", "echo") else None
        return SentenceSpeech(
            sentence,
            index,
            speaker,
            explicit,
            in_list and not cues,
            opens_list,
            voices,
            said_by,
            self._opening(sentence),
            cues[0].words.lower() if cues else "",
        )


def attribute(
    text: str,
    paragraphs: list[Span],
    quotes: list[QuoteSpan],
    registry: Registry,
    source_id: str,
    date: str,
    council: MainCouncil | None = None,
    publisher: str = "",
) -> ArticleSpeech:
    """Attribute every quotation and sentence of one article."""
    referents = Referents(text, _mask_quotes(text, quotes), registry, source_id, date, council, publisher)
    referents.read_people(paragraphs)
    return _Attributor(text, quotes, referents).run(paragraphs)
