"""Adding new articles, Ofsted's reports and the national record to a store that others are
reading: `kirklees-tui import`.

Every file of a batch is read and checked before the store is touched, so one bad file means
nothing is written. A PDF (known by its first bytes, never its name) is a report: it confirms
or adds its visit (`reports.py`); the national record's rows become visits
(`record_visits.py`); and every quotation of Ofsted of the councils concerned is checked again
against the reports (`checks.py`). The store is then read, extended and replaced under its lock, so imports
running at once each see the other's articles. New articles go through the same extraction as
`build`; people already in the store are recognised by name and alias, visits already in it by
kind, council and date, and anything else becomes a provisional visit that says why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import count
from pathlib import Path
from typing import Final

from msgspec import structs

from kirklees_tui.extract.build import (
    DEFAULT_AUTHORITY,
    Analysis,
    CorpusError,
    analyse,
    events_of,
    in_time_order,
    people_of,
    records_of,
)
from kirklees_tui.extract.checks import check_quotes
from kirklees_tui.extract.corpus import Article, ArticleError, SourceNotes, read_article
from kirklees_tui.extract.dates import PartialDate
from kirklees_tui.extract.events import one_event_once
from kirklees_tui.extract.explain import explain
from kirklees_tui.extract.national_record import RecordError, RecordRow, read_national_record
from kirklees_tui.extract.pdf import ReportError
from kirklees_tui.extract.people import Registry
from kirklees_tui.extract.record_visits import dated_by_record, merge_record
from kirklees_tui.extract.reports import ReadReport, add_reports, is_pdf, read_report_files
from kirklees_tui.extract.similar import NEAR_DUPLICATE, overlap, shingles
from kirklees_tui.extract.visits import main_visit, reconcile
from kirklees_tui.query.themes import ThemeTagger
from kirklees_tui.store.model import SCHEMA_VERSION, Event, Finding, Quote, Source, StoreData, Visit
from kirklees_tui.store.read import load_store
from kirklees_tui.store.update import update_store
from kirklees_tui.wording import counted

__all__ = ["Batch", "ImportRefused", "Outcome", "import_files", "merge", "read_batch"]

ADDED: Final = "added"
IDENTICAL: Final = "identical"
NEAR: Final = "near-duplicate"
SAME_INSPECTION: Final = "same inspection"
"""A report whose bytes are new but whose front page gives the council, kind and first day of
a stored report's (a re-issued or re-saved PDF): skipped, or its visit would be doubled."""
UNCHANGED: Final = "unchanged"
"""The status of the batch's last outcome when it brought nothing new: nothing is written,
so a repeated import costs no backup generation."""


class ImportRefused(ValueError):
    """A batch that cannot be imported at all; the message names the file."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one file of the batch."""

    file: str
    status: str
    """`added`, `identical` (same bytes as a stored source) or `near-duplicate`."""
    source_id: str
    """The new source's id, or the stored source it duplicates."""
    title: str = ""
    findings: int = 0
    quotes: int = 0
    visit: str | None = None
    new_visit: bool = False
    share: float = 1.0
    """For a near-duplicate, how much of the text the stored source shares."""
    explained: tuple[str, ...] = ()
    """How the article was read, one decision a line (`import --explain`)."""
    kind: str = "article"
    """`article`, `report` or `record` (the national record)."""
    notes: tuple[str, ...] = ()
    """What the user must hear besides: a report that differs from what articles said, rows
    of the record that could not be read."""

    def describe(self, dry_run: bool) -> str:
        """One line for the terminal."""
        verb = "would add" if dry_run else "added"
        if self.kind == "record":
            return (
                f"{'would read' if dry_run else 'read'} {self.file}: {counted(self.findings, 'visit')} "
                f"matched, {self.quotes} new"
                + (" (provisional until confirmed)" if self.quotes else "")
                + (f", {counted(len(self.notes), 'row')} skipped" if self.notes else "")
            )
        if self.status == UNCHANGED:
            return "nothing new: the store was left as it was"
        if self.status == SAME_INSPECTION:
            return (
                f"skipped {self.file}: the same inspection (council, kind and dates on its front page) "
                f"as report {self.source_id} already in the store"
            )
        if self.status == IDENTICAL:
            return f"skipped {self.file}: identical to source {self.source_id} already in the store"
        if self.status == NEAR:
            return (
                f"skipped {self.file}: near-duplicate of source {self.source_id} "
                f"({self.share:.0%} of the text shared); --force adds it anyway"
            )
        visit = (
            "no visit"
            if self.visit is None
            else (f"new provisional visit {self.visit}" if self.new_visit else f"visit {self.visit}")
        )
        if self.kind == "report":
            visit = f"new visit {self.visit}" if self.new_visit else f"visit {self.visit} confirmed"
            return (
                f"{verb} report {self.file} as {self.source_id}: {counted(self.findings, 'finding')}, {visit}"
            )
        return (
            f"{verb} {self.file} as {self.source_id} ({self.title}): "
            f"{counted(self.findings, 'finding')}, {counted(self.quotes, 'quote')}, {visit}"
        )


@dataclass(frozen=True, slots=True)
class Batch:
    """Every file of an import, read and checked before the store is touched."""

    articles: list[Article]
    reports: list[tuple[str, ReadReport]] = field(default_factory=list)
    """Each report with the file it came from."""
    record: tuple[str, list[RecordRow], list[str]] | None = None
    """The national record's file name, rows and a line for each row left out."""


def read_batch(
    paths: list[Path],
    published: PartialDate | None,
    record: Path | None = None,
    progress: Callable[[Path], None] = lambda path: None,
) -> Batch:
    """Read every file first: any unusable one refuses the whole batch, naming it.
    `progress` hears of each file as it is read (reports take a second each)."""
    articles: list[Article] = []
    rows: tuple[str, list[RecordRow], list[str]] | None = None
    if record is not None:
        try:
            rows = (record.name, *read_national_record(record))
        except RecordError as error:
            raise ImportRefused(f"{error}; nothing was imported") from None
    pdfs = [path for path in paths if is_pdf(path) or path.suffix.lower() == ".pdf"]
    for path in paths:
        if path in pdfs:
            continue
        progress(path)
        try:
            article = read_article(path)
        except ArticleError as error:
            raise ImportRefused(f"{error}; nothing was imported") from None
        if article.published is None and published is None:
            raise ImportRefused(
                f"{path}: no publication date; give a Date: header or --published DATE; nothing was imported"
            )
        articles.append(article)
    try:
        reports = [(p.name, r) for p, r in zip(pdfs, read_report_files(pdfs, progress), strict=True)]
    except ReportError as error:
        raise ImportRefused(f"{error}; nothing was imported") from None
    return Batch(articles, reports, rows)


def _registry(store: StoreData) -> Registry:
    registry = Registry()
    for person in store.people:
        registry.know(
            person.name,
            person.aliases,
            tuple((r.role, r.source_id, r.date) for r in person.roles),
            person.kind == "inspector",
        )
    return registry


def _unique(stem: str, taken: set[str]) -> str:
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def _free_indexes(store: StoreData) -> Iterator[int]:
    """Record-id numbers (`f-NNN-`, `q-NNN-`, `e-NNN-`) no stored record uses, in order."""
    ids = [f.id for f in store.findings] + [q.id for q in store.quotes] + [e.id for e in store.events]
    used = {i.split("-")[1] for i in ids if i.count("-") >= 2}
    return (n for n in count(len(store.sources)) if f"{n:03d}" not in used)


def _main_authority(visits: tuple[Visit, ...]) -> str:
    """The store's own council: the one its articles and reports are most about."""
    reported = Counter(v.authority for v in visits if v.source_ids)
    return reported.most_common(1)[0][0] if reported else DEFAULT_AUTHORITY


def merge(
    store: StoreData,
    articles: list[Article],
    published: PartialDate | None = None,
    force: bool = False,
    reports: list[tuple[str, ReadReport]] | None = None,
    record: tuple[str, list[RecordRow], list[str]] | None = None,
) -> tuple[StoreData, list[Outcome]]:
    """The store with `articles`, `reports` and the national `record` added, and what became
    of each. Pure: writes nothing."""
    registry = _registry(store)
    by_sha = {s.sha256: s.id for s in store.sources}
    known = [(s.id, shingles(s.text)) for s in store.sources if s.kind == "article"]
    ids = {s.id for s in store.sources}
    outcomes: list[Outcome] = []
    default = _main_authority(store.visits)
    visits = list(store.visits)
    if record is not None:
        name, rows, problems = record
        visits, done = merge_record(visits, rows, default)
        outcomes.append(
            Outcome(
                name,
                ADDED,
                "",
                kind="record",
                findings=len(done.matched),
                quotes=len(done.added),
                notes=tuple(f"{name}: {problem}" for problem in problems),
            )
        )
    new_reports: list[tuple[int, str, ReadReport]] = []  # with the place of its outcome
    inspected = {(v.authority, v.kind, v.start): v.report_id for v in visits if v.report_id}
    for file, report in reports or []:
        if report.sha256 in by_sha:
            outcomes.append(Outcome(file, IDENTICAL, by_sha[report.sha256], kind="report"))
            continue
        same = inspected.get((report.authority, report.kind, report.start.iso()))
        if same is not None:
            outcomes.append(Outcome(file, SAME_INSPECTION, same, kind="report"))
            continue
        source_id = _unique(Path(file).stem, ids)
        ids.add(source_id)
        by_sha[report.sha256] = source_id
        inspected[(report.authority, report.kind, report.start.iso())] = source_id
        new_reports.append((len(outcomes), source_id, report))
        outcomes.append(Outcome(file, ADDED, source_id, kind="report"))
    analyses: list[tuple[int, Analysis]] = []  # with the place of its outcome
    for article in articles:
        if article.sha256 in by_sha:
            outcomes.append(Outcome(article.file, IDENTICAL, by_sha[article.sha256]))
            continue
        mine = shingles(article.text)
        share, twin = max(((overlap(mine, theirs), sid) for sid, theirs in known), default=(0.0, ""))
        if share >= NEAR_DUPLICATE and not force:
            outcomes.append(Outcome(article.file, NEAR, twin, share=share))
            continue
        source_id = _unique(Path(article.file).stem, ids)
        try:
            analysis = analyse(article, SourceNotes(), registry, published, source_id)
        except CorpusError as error:
            raise ImportRefused(f"{error}; nothing was imported") from None
        ids.add(source_id)
        by_sha[article.sha256] = source_id
        known.append((source_id, mine))
        analyses.append((len(outcomes), analysis))
        outcomes.append(
            Outcome(article.file, ADDED, source_id, analysis.source.title, explained=tuple(explain(analysis)))
        )
    if not analyses and not new_reports and record is None:
        return store, outcomes
    before = {v.id for v in store.visits}
    # an article that names no council is about the store's only if it names that council
    detected = [
        v
        for _, a in analyses
        for v in a.detected
        if v.authority or re.search(rf"\b{re.escape(default)}\b", a.source.text)
    ]
    visits = reconcile(visits, detected, default)
    tagger = ThemeTagger(store.themes)
    findings: list[Finding] = list(store.findings)
    quotes: list[Quote] = list(store.quotes)
    sources: list[Source] = dated_by_record(store.sources, visits)
    events: list[Event] = list(store.events)
    indexes = _free_indexes(store)
    touched: set[str] = set()  # visits whose quotations are checked again
    for place, source_id, report in new_reports:
        was = {v.id: v.conflicts for v in visits}  # what the visits said before this report
        counted_before = len(visits)  # a visit the record alone knew may be renamed by it
        visits, added_sources, added_findings = add_reports(
            visits, [(source_id, report)], indexes, tagger, default
        )
        visit = next(v for v in visits if v.report_id == source_id)
        touched.add(visit.id)
        sources += added_sources
        findings += added_findings
        outcomes[place] = replace(
            outcomes[place],
            title=added_sources[0].title,
            findings=len(added_findings),
            visit=visit.id,
            new_visit=len(visits) > counted_before,
            notes=tuple(f"visit {visit.id}: {c}" for c in visit.conflicts if c not in was.get(visit.id, ())),
        )
    for (place, analysis), index in zip(analyses, indexes, strict=False):
        main = main_visit(visits, analysis.visit if analysis.visit in detected else None, default)
        new_findings, new_quotes = records_of(analysis, index, visits, tagger, main)
        findings += new_findings
        quotes += new_quotes
        touched |= {q.visit_id for q in new_quotes if q.visit_id}
        events += events_of(analysis, index)
        sources.append(analysis.source)
        outcomes[place] = replace(
            outcomes[place],
            findings=len(new_findings),
            quotes=len(new_quotes),
            visit=main,
            new_visit=main is not None and main not in before,
        )
    council_of = {s: v.authority for v in visits for s in v.source_ids}
    events = one_event_once(events, dict(council_of), {s.id: s.published for s in sources})
    used = {p.name for p in store.people} | {q.speaker for q in quotes if q.speaker}
    used |= {n for v in visits for n in v.inspectors} | {v.letter_to for v in visits if v.letter_to}
    councils = {v.authority for v in visits if v.id in touched}
    quotes = check_quotes(quotes, visits, sources, councils)
    findings = in_time_order(findings, visits, sources)
    quotes = in_time_order(quotes, visits, sources)
    merged = structs.replace(
        store,
        # an old store written with this version's fields is this version's (and an old
        # program then says which versions it reads, rather than failing on a field)
        meta=structs.replace(store.meta, schema_version=SCHEMA_VERSION),
        sources=tuple(sources),
        visits=tuple(visits),
        findings=tuple(findings),
        quotes=tuple(quotes),
        people=tuple(people_of(registry, used)),
        events=tuple(events),
    )
    return merged, outcomes


def import_files(
    db: Path,
    paths: list[Path],
    published: PartialDate | None = None,
    force: bool = False,
    dry_run: bool = False,
    keep_backups: int = 3,
    record: Path | None = None,
    progress: Callable[[Path], None] = lambda path: None,
) -> list[Outcome]:
    """Import a batch into `db`, all or nothing, keeping `keep_backups` generations of the
    store it replaces. A dry run reads the store and writes nothing."""
    batch = read_batch(paths, published, record, progress)

    def merged_with(store: StoreData) -> tuple[StoreData, list[Outcome]]:
        return merge(store, batch.articles, published, force, batch.reports, batch.record)

    if dry_run:
        return merged_with(load_store(db))[1]
    outcomes: list[Outcome] = []

    def change(store: StoreData) -> StoreData | None:
        merged, found = merged_with(store)
        outcomes.extend(found)
        if merged == store:
            outcomes.append(Outcome("", UNCHANGED, "", kind="store"))
            return None
        return merged

    update_store(db, change, keep_backups)
    return outcomes
