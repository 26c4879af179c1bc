"""Adding new articles to a store that others are reading: `kirklees-tui import`.

Every file of a batch is read and checked before the store is touched, so one bad file means
nothing is written. The store is then read, extended and replaced under its lock, so imports
running at once each see the other's articles. New articles go through the same extraction as
`build`; people already in the store are recognised by name and alias, visits already in it by
kind, council and date, and anything else becomes a provisional visit that says why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import count
from pathlib import Path
from typing import Final

from msgspec import structs

from kirklees_tui.extract.build import (
    Analysis,
    CorpusError,
    analyse,
    events_of,
    in_time_order,
    people_of,
    records_of,
)
from kirklees_tui.extract.corpus import Article, ArticleError, SourceNotes, read_article
from kirklees_tui.extract.dates import PartialDate
from kirklees_tui.extract.events import one_event_once
from kirklees_tui.extract.explain import explain
from kirklees_tui.extract.people import Registry
from kirklees_tui.extract.similar import NEAR_DUPLICATE, overlap, shingles
from kirklees_tui.extract.visits import main_visit, reconcile
from kirklees_tui.query.themes import ThemeTagger
from kirklees_tui.store.model import Event, Finding, Quote, Source, StoreData
from kirklees_tui.store.read import load_store
from kirklees_tui.store.update import update_store
from kirklees_tui.wording import counted

__all__ = ["ImportRefused", "Outcome", "import_files", "merge", "read_batch"]

ADDED: Final = "added"
IDENTICAL: Final = "identical"
NEAR: Final = "near-duplicate"


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

    def describe(self, dry_run: bool) -> str:
        """One line for the terminal."""
        if self.status == IDENTICAL:
            return f"skipped {self.file}: identical to source {self.source_id} already in the store"
        if self.status == NEAR:
            return (
                f"skipped {self.file}: near-duplicate of source {self.source_id} "
                f"({self.share:.0%} of the text shared); --force adds it anyway"
            )
        verb = "would add" if dry_run else "added"
        visit = (
            "no visit"
            if self.visit is None
            else (f"new provisional visit {self.visit}" if self.new_visit else f"visit {self.visit}")
        )
        return (
            f"{verb} {self.file} as {self.source_id} ({self.title}): "
            f"{counted(self.findings, 'finding')}, {counted(self.quotes, 'quote')}, {visit}"
        )


def read_batch(paths: list[Path], published: PartialDate | None) -> list[Article]:
    """Read every file first: any unusable one refuses the whole batch, naming it."""
    articles: list[Article] = []
    for path in paths:
        try:
            article = read_article(path)
        except ArticleError as error:
            raise ImportRefused(f"{error}; nothing was imported") from None
        if article.published is None and published is None:
            raise ImportRefused(
                f"{path}: no publication date; give a Date: header or --published DATE; nothing was imported"
            )
        articles.append(article)
    return articles


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


def merge(
    store: StoreData, articles: list[Article], published: PartialDate | None = None, force: bool = False
) -> tuple[StoreData, list[Outcome]]:
    """The store with `articles` added, and what became of each. Pure: writes nothing."""
    registry = _registry(store)
    by_sha = {s.sha256: s.id for s in store.sources}
    known = [(s.id, shingles(s.text)) for s in store.sources]
    ids = {s.id for s in store.sources}
    outcomes: list[Outcome] = []
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
    if not analyses:
        return store, outcomes
    authorities = Counter(v.authority for v in store.visits)
    default = authorities.most_common(1)[0][0] if authorities else "Kirklees"
    before = {v.id for v in store.visits}
    # an article that names no council is about the store's only if it names that council
    detected = [
        v
        for _, a in analyses
        for v in a.detected
        if v.authority or re.search(rf"\b{re.escape(default)}\b", a.source.text)
    ]
    visits = reconcile(list(store.visits), detected, default)
    tagger = ThemeTagger(store.themes)
    findings: list[Finding] = list(store.findings)
    quotes: list[Quote] = list(store.quotes)
    sources: list[Source] = list(store.sources)
    events: list[Event] = list(store.events)
    for (place, analysis), index in zip(analyses, _free_indexes(store), strict=False):
        main = main_visit(visits, analysis.visit if analysis.visit in detected else None, default)
        new_findings, new_quotes = records_of(analysis, index, visits, tagger, main)
        findings += new_findings
        quotes += new_quotes
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
    findings = in_time_order(findings, visits, sources)
    quotes = in_time_order(quotes, visits, sources)
    merged = structs.replace(
        store,
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
) -> list[Outcome]:
    """Import a batch into `db`, all or nothing, keeping `keep_backups` generations of the
    store it replaces. A dry run reads the store and writes nothing."""
    articles = read_batch(paths, published)
    if dry_run:
        return merge(load_store(db), articles, published, force)[1]
    outcomes: list[Outcome] = []

    def change(store: StoreData) -> StoreData | None:
        merged, found = merge(store, articles, published, force)
        outcomes.extend(found)
        return merged if merged is not store else None

    update_store(db, change, keep_backups)
    return outcomes
