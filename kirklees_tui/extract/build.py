"""From articles to records: the pipeline `build` and `import` share.

`analyse` reads one article (paragraphs, quotations, speakers, the visit it reports);
`assemble` turns analysed articles, curated visits and themes into a validated `StoreData`.
Nothing here depends on wall-clock time or dictionary luck: the same corpus always gives the
same records, so a rebuild is byte-identical.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Final, TypeVar

from kirklees_tui.extract.checks import check_quotes
from kirklees_tui.extract.corpus import Article, SourceNotes, load_notes, read_article
from kirklees_tui.extract.councils import main_council
from kirklees_tui.extract.dates import PartialDate, find_dates
from kirklees_tui.extract.events import FoundEvent, find_events, one_event_once
from kirklees_tui.extract.findings import finding_sentences
from kirklees_tui.extract.inspections import DetectedVisit, read_inspections
from kirklees_tui.extract.national_record import RecordError, RecordRow, read_national_record
from kirklees_tui.extract.pdf import ReportError
from kirklees_tui.extract.people import Registry, speaker_kind
from kirklees_tui.extract.quotes import QuoteSpan, find_quotes
from kirklees_tui.extract.record_visits import merge_record
from kirklees_tui.extract.reports import ReadReport, add_reports, read_report_files
from kirklees_tui.extract.speakers import ArticleSpeech, Speaker, attribute
from kirklees_tui.extract.stance import stance_of
from kirklees_tui.extract.text import Span, paragraphs
from kirklees_tui.extract.visits import load_curated, main_visit, reconcile
from kirklees_tui.extract.visits import visit_for_dates as restated_visit
from kirklees_tui.query.themes import DEFAULT_THEMES, ThemeTagger, load_themes
from kirklees_tui.store.decode import parse_tables
from kirklees_tui.store.model import (
    SCHEMA_VERSION,
    Event,
    Finding,
    Meta,
    Person,
    Quote,
    Role,
    Source,
    StoreData,
    Theme,
    Visit,
    store_to_tables,
)

__all__ = [
    "Analysis",
    "CorpusError",
    "analyse",
    "assemble",
    "build_corpus",
    "events_of",
    "in_time_order",
    "people_of",
    "records_of",
    "title_of",
]


_R = TypeVar("_R", Finding, Quote)
DEFAULT_AUTHORITY: Final = "Kirklees"
"""The council a corpus is about when an article names none (the store's own)."""
REPORTS: Final = "reports"
"""A corpus's folder of Ofsted's report PDFs and the national record."""
RECORD: Final = "national_record.csv"


class CorpusError(ValueError):
    """A corpus that cannot be built; the message names the file."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """What one article yields before it is tied to the store's visits."""

    source: Source
    published: PartialDate
    quotes: list[tuple[QuoteSpan, Speaker | None]]
    speech: ArticleSpeech
    visit: DetectedVisit | None
    """The inspection the article is about."""
    events: list[FoundEvent]
    earlier: list[DetectedVisit]
    """Earlier inspections it recounts, dated and graded."""

    @property
    def detected(self) -> list[DetectedVisit]:
        return [*([self.visit] if self.visit else []), *self.earlier]


def title_of(text: str, spans: list[Span]) -> str:
    """A title from the first sentence, for articles that carry none."""
    first = text[spans[0].start : spans[0].end] if spans else text.strip()
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 90 else sentence[:89].rsplit(" ", 1)[0] + "…"


def analyse(
    article: Article,
    notes: SourceNotes,
    registry: Registry,
    published: PartialDate | None = None,
    source_id: str | None = None,
) -> Analysis:
    """Paragraphs, quotations, speakers and the reported visit of one article.

    The article's own date (header or date line) wins over a curator's note, which wins over
    `published` (the command line's fallback).
    """
    date = article.published or notes.published or published
    if date is None:
        raise CorpusError(f"{article.file}: no publication date; give a Date: header or --published DATE")
    basis = (
        article.basis
        if article.published
        else (notes.basis if notes.published else "given on the command line")
    )
    spans = paragraphs(article.text)
    if not spans:
        raise CorpusError(f"{article.file}: no paragraphs of text")
    source_id = source_id or Path(article.file).stem
    source = Source(
        id=source_id,
        title=article.title or notes.title or title_of(article.text, spans),
        publisher=article.publisher or notes.publisher or "unknown",
        published=date.iso(),
        precision=date.precision,
        basis=basis,
        file=article.file,
        text=article.text,
        sha256=article.sha256,
        paragraphs=tuple((s.start, s.end) for s in spans),
    )
    found = find_quotes(article.text, spans)
    title = article.title or notes.title or ""
    council = main_council(article.text, title, article.publisher or notes.publisher or "")
    speech = attribute(
        article.text,
        spans,
        found,
        registry,
        source_id,
        date.iso(),
        council,
        article.publisher or notes.publisher or "",
    )
    visit, earlier = read_inspections(article.text, title, speech, date, source_id, council)
    events = find_events(article.text, spans, found, date)
    return Analysis(source, date, speech.quotes, speech, visit, events, earlier)


def people_of(registry: Registry, used: set[str]) -> list[Person]:
    people: list[Person] = []
    for name in sorted(used):
        record = registry.people.get(name)
        if record is None:
            continue
        kind = speaker_kind((r[0] for r in record.roles), record.titles, record.inspector)
        people.append(
            Person(
                id=re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"),
                name=name,
                kind=kind,
                aliases=tuple(sorted(record.aliases)),
                roles=tuple(Role(*r) for r in record.roles),
                organisation="Ofsted" if record.inspector else None,
            )
        )
    return people


def records_of(
    analysis: Analysis, index: int, visits: list[Visit], tagger: ThemeTagger, main: str | None
) -> tuple[list[Finding], list[Quote]]:
    """The findings and quotations of an analysed article; `main` is the id of the visit it
    reports."""
    source = analysis.source
    text = source.text
    quotes: list[Quote] = []
    for number, (span, speaker) in enumerate(analysis.quotes, 1):
        visit_id = (
            restated_visit(text, span.start, span.end, visits, main, analysis.published)
            if (speaker and speaker.is_inspectorate)
            else main
        )
        themes = tagger.tag(span.words)
        quotes.append(
            Quote(
                id=f"q-{index:03d}-{number:03d}",
                visit_id=visit_id,
                text=span.words,
                source_id=source.id,
                start=span.start,
                end=span.end,
                speaker=speaker.name if speaker else None,
                role=speaker.role if speaker else None,
                organisation=speaker.organisation if speaker else None,
                speaker_kind=speaker.kind if speaker else "other",
                kind="full" if span.full else "fragment",
                themes=themes,
            )
        )
    findings: list[Finding] = []
    restated: str | None = None
    last: int | None = None
    events = [(e.span.start, e.span.end) for e in analysis.events]
    for sentence in finding_sentences(text, analysis.speech, list(source.paragraphs), events):
        number = analysis.speech.sentences.index(sentence)
        if last is None or number != last + 1:
            restated = None
        last = number
        words = text[sentence.span.start : sentence.span.end]
        visit_id = restated_visit(
            text, sentence.span.start, sentence.span.end, visits, main, analysis.published
        )
        dates = find_dates(text, sentence.span.start, sentence.span.end, analysis.published)
        if visit_id == main and restated and not dates and re.match(r"(?:It|They)\b", words):
            visit_id = restated
        restated = visit_id if visit_id != main else None
        themes = tagger.tag(words)
        findings.append(
            Finding(
                id=f"f-{index:03d}-{len(findings) + 1:03d}",
                visit_id=visit_id,
                text=words,
                source_id=source.id,
                start=sentence.span.start,
                end=sentence.span.end,
                stance=stance_of(words),
                themes=themes,
            )
        )
    return findings, quotes


def in_time_order(records: list[_R], visits: list[Visit], sources: list[Source]) -> list[_R]:
    """Findings or quotations in the store's order: time order (the visit's date, else the
    article's), then article and position. Lists and exports show records in it."""
    starts = {v.id: v.start for v in visits}
    published = {s.id: s.published for s in sources}

    def key(record: _R) -> tuple[str, str, str, int]:
        date = published[record.source_id]
        return (starts.get(record.visit_id or "", date), date, record.source_id, record.start)

    return sorted(records, key=key)


def events_of(analysis: Analysis, index: int) -> list[Event]:
    """The article's context events as records, with ids like findings'."""
    text = analysis.source.text
    return [
        Event(
            id=f"e-{index:03d}-{number:03d}",
            kind=e.kind,
            date=e.date.iso(),
            precision=e.date.precision,
            basis=e.basis,
            text=text[e.span.start : e.span.end],
            source_id=analysis.source.id,
            start=e.span.start,
            end=e.span.end,
        )
        for number, e in enumerate(analysis.events, 1)
    ]


def assemble(
    analyses: list[Analysis],
    curated: list[Visit],
    themes: list[Theme],
    registry: Registry,
    built_from: str,
    reports: list[tuple[str, ReadReport]] | None = None,
    record: list[RecordRow] | None = None,
) -> StoreData:
    """Tie analysed articles, Ofsted's reports and the national record's rows to visits and
    themes, check every quotation of Ofsted against the reports, and validate the result."""
    visits, _ = merge_record(curated, record or [], DEFAULT_AUTHORITY)
    visits = reconcile(visits, [v for a in analyses for v in a.detected], DEFAULT_AUTHORITY)
    tagger = ThemeTagger(tuple(themes))
    visits, report_sources, findings = add_reports(
        visits, reports or [], count(len(analyses)), tagger, DEFAULT_AUTHORITY
    )
    quotes: list[Quote] = []
    events: list[Event] = []
    for index, analysis in enumerate(analyses):
        more_findings, more_quotes = records_of(
            analysis, index, visits, tagger, main_visit(visits, analysis.visit)
        )
        findings += more_findings
        quotes += more_quotes
        events += events_of(analysis, index)
    events = one_event_once(
        events,
        {a.source.id: a.visit.authority if a.visit else None for a in analyses},
        {a.source.id: a.source.published for a in analyses},
    )
    sources = [a.source for a in analyses] + report_sources
    findings = in_time_order(findings, visits, sources)
    quotes = in_time_order(check_quotes(quotes, visits, sources), visits, sources)
    used = {q.speaker for q in quotes if q.speaker} | {n for v in visits for n in v.inspectors}
    used |= {v.letter_to for v in visits if v.letter_to}
    store = StoreData(
        meta=Meta(SCHEMA_VERSION, built_from),
        sources=tuple(sources),
        visits=tuple(visits),
        findings=tuple(findings),
        quotes=tuple(quotes),
        people=tuple(people_of(registry, used)),
        themes=tuple(themes),
        events=tuple(events),
    )
    parse_tables(store_to_tables(store))  # the same validation a reader applies
    return store


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return "sha256:" + digest.hexdigest()


def build_corpus(corpus: Path, themes_path: Path | None = None) -> StoreData:
    """Build a store from a corpus folder: `*.txt`, `visits.toml`, optional `sources.toml`,
    and optional `reports/` (Ofsted's report PDFs and `national_record.csv`)."""
    if not corpus.is_dir():
        raise CorpusError(f"{corpus}: not a folder")
    files = sorted(corpus.glob("*.txt"))
    if not files:
        raise CorpusError(f"{corpus}: no articles (*.txt)")
    themes_file = themes_path or (
        corpus / "themes.toml" if (corpus / "themes.toml").exists() else DEFAULT_THEMES
    )
    try:
        notes = load_notes(corpus / "sources.toml")
        curated = load_curated(corpus / "visits.toml")
        themes = load_themes(themes_file)
    except ValueError as error:
        raise CorpusError(str(error)) from None
    registry = Registry()
    analyses = []
    for path in files:
        article = read_article(path)
        analyses.append(analyse(article, notes.get(path.name, notes.get("*", SourceNotes())), registry))
    reports, record, report_files = _reports(corpus / REPORTS)
    extras = [p for p in (corpus / "visits.toml", corpus / "sources.toml") if p.exists()]
    return assemble(
        analyses,
        curated,
        themes,
        registry,
        _digest([*files, *extras, *report_files, themes_file]),
        reports,
        record,
    )


def _reports(folder: Path) -> tuple[list[tuple[str, ReadReport]], list[RecordRow], list[Path]]:
    """A corpus's reports (by file name) and national record; a bad one stops the build."""
    if not folder.is_dir():
        return [], [], []
    pdfs = sorted(folder.glob("*.pdf"))
    try:
        reports = [(p.stem, r) for p, r in zip(pdfs, read_report_files(pdfs, lambda path: None), strict=True)]
        rows, problems = read_national_record(folder / RECORD) if (folder / RECORD).exists() else ([], [])
    except (ReportError, RecordError) as error:
        raise CorpusError(f"{folder}/{error}") from None
    if problems:
        raise CorpusError(f"{folder / RECORD}: {problems[0]}")
    return reports, rows, [*pdfs, *([folder / RECORD] if (folder / RECORD).exists() else [])]
