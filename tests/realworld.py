"""Scoring the extractor on real articles: the development corpus in `../shared/realworld/`.

Each text is imported on its own into the shipped store (in memory, as `import --dry-run`
would), then its quotations, speakers, main visit and findings are compared with what careful
readers found (`gold.json`; conventions in that folder's README). Run as a script for the
misses: `python -m tests.realworld [-v] [FILE-SUBSTRING]`.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kirklees_tui.extract.corpus import read_article
from kirklees_tui.extract.dates import parse_partial
from kirklees_tui.extract.importer import merge
from kirklees_tui.store.model import Finding, Quote, StoreData, Visit
from kirklees_tui.store.read import load_store

ROOT = Path(__file__).resolve().parents[1]
REALWORLD = ROOT.parent / "shared" / "realworld"
_SPACE = re.compile(r"\s+")
_TRAILING = ".,;:!?)]} "
_MARKS = str.maketrans({c: "" for c in "“”\"‘’'"})


def fold(text: str) -> str:
    """Whitespace runs to one space; quotation marks and apostrophes dropped; case kept."""
    return _SPACE.sub(" ", text.translate(_MARKS)).strip()


def authority_key(name: str | None) -> str:
    """A council's name without its style: "Stoke-on-Trent City Council" -> "stoke on trent"."""
    words = re.sub(r"[^a-z ]+", " ", (name or "").lower().replace("&", " and ")).split()
    style = {
        "council",
        "city",
        "county",
        "borough",
        "metropolitan",
        "district",
        "royal",
        "the",
        "of",
        "mbc",
        "cc",
        "london",
    }
    return " ".join(w for w in words if w not in style)


_JUDGEMENTS = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement to be good": "requires improvement",
    "Requires improvement": "requires improvement",
    "Inadequate": "inadequate",
}


def within(start: str, when: str | None) -> bool:
    """A visit's start date (`yyyy-mm...`) falls in gold's `when` (`yyyy`, `yyyy-mm`, range)."""
    if when is None:
        return True
    month = start[:7]
    if "/" in when:
        first, last = when.split("/")
        return first <= month[: len(first)] and month[: len(last)] <= last
    return start.startswith(when) or (len(when) == 4 and start[:4] == when)


@dataclass
class FileScore:
    """What one text yields against its gold."""

    file: str
    quotes_wanted: int = 0
    quotes_found: int = 0
    speakers_right: int = 0
    invented_quotes: int = 0
    """Extracted quotations that no reader listed."""
    visit_right: bool | None = None
    visit_parts: dict[str, bool] = field(default_factory=dict)
    findings_wanted: int = 0
    findings_found: int = 0
    extracted_findings: int = 0
    stance_right: int = 0
    stances: list[tuple[str, list[str]]] = field(default_factory=list)
    """Each matched finding's words and the stances the gold accepts (to weigh a stance rule)."""
    finding_visit_right: int = 0
    error: str | None = None
    misses: list[str] = field(default_factory=list)
    themes: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(theme, "tp" | "fp" | "fn") over matched findings."""
    by_marks: Counter[str] = field(default_factory=Counter)
    """found/wanted per mark style: "double", "double found", ..."""


def _quote_matches(quote: Quote, gold: dict[str, Any]) -> bool:
    text = fold(quote.text)
    prefix, suffix = fold(gold["prefix"]), fold(gold["suffix"]).rstrip(_TRAILING)
    return text.startswith(prefix) and text.rstrip(_TRAILING).endswith(suffix)


def _speaker_right(quote: Quote, gold: dict[str, Any]) -> bool:
    got = (quote.speaker or "").casefold()
    if gold["speaker"] is None:
        return quote.speaker is None
    return bool(got) and any(a.casefold() in got for a in gold["accept"])


def _visit_matches(visit: Visit | None, gold: dict[str, Any], parts: dict[str, bool]) -> bool:
    if visit is None:
        parts.update(authority=False, kind=False, when=False, judgement=False)
        return False
    parts["authority"] = authority_key(visit.authority) == authority_key(gold["authority"])
    parts["kind"] = visit.kind == gold["kind"]
    parts["when"] = within(visit.start, gold["when"])
    parts["judgement"] = _JUDGEMENTS.get(visit.judgement or "") == gold["judgement"]
    return all(parts.values())


def _visit_index(finding: Finding, visits: list[Visit], gold_visits: list[dict[str, Any]]) -> int:
    """The gold visit a finding's stored visit stands for (-1 when none does)."""
    visit = next((v for v in visits if v.id == finding.visit_id), None)
    if visit is None:
        return -1
    scores = []
    for index, want in enumerate(gold_visits):
        # the same visit, if dated less precisely than gold ("2022" for "2022-04"): the
        # main-visit score holds dates to gold's precision, this one only names the visit
        when = want["when"] if len(visit.start) > 4 or not want["when"] else want["when"][:4]
        agree = (
            authority_key(visit.authority) == authority_key(want["authority"]),
            within(visit.start, when),
            visit.kind == want["kind"],
        )
        scores.append((sum(agree), agree[0] and agree[1], -index))
    best = max(scores)
    return -best[2] if best[1] else -1


@cache
def gold() -> list[dict[str, Any]]:
    files: list[dict[str, Any]] = json.loads((REALWORLD / "gold.json").read_text("utf-8"))["files"]
    return files


@cache
def _base() -> StoreData:
    return load_store(ROOT / "db.json")


def score_file(entry: dict[str, Any]) -> FileScore:
    """Import one text on its own into the shipped store and compare with its gold."""
    result = FileScore(entry["file"])
    base = _base()
    article = read_article(REALWORLD / "texts" / entry["file"])
    published = None if article.published else parse_partial(entry["published"])
    try:
        store, outcomes = merge(base, [article], published, force=True)
    except Exception as error:  # a crash is a score too: the file fails
        result.error = f"{type(error).__name__}: {error}"
        return result
    source_id = outcomes[0].source_id
    quotes = [q for q in store.quotes if q.source_id == source_id]
    findings = [f for f in store.findings if f.source_id == source_id]
    result.extracted_findings = len(findings)
    # Precision counts extracted quotations against every quotation the readers listed, scored
    # or not (rating labels, quotations cut off by the excerpt's end, whole sentences of
    # single-marked speech): finding those is not a mistake, inventing one is.
    listed = [fold(q["prefix"]) for q in entry["quotes"]]
    listed += [fold(q["prefix"]) for q in entry.get("unclosed_quotes", [])]
    listed += [fold(q["prefix"]) for q in entry.get("single_quoted_not_scored", [])]
    result.invented_quotes = sum(
        1 for q in quotes if not any(fold(q.text).startswith(p) for p in listed if p)
    )
    for want in entry["quotes"]:
        if want["scare"]:
            continue
        result.quotes_wanted += 1
        result.by_marks[want["marks"]] += 1
        got = next((q for q in quotes if _quote_matches(q, want)), None)
        if got is None:
            result.misses.append(f"  quote missed [{want['marks']}]: {want['prefix']!r}...")
            continue
        result.quotes_found += 1
        result.by_marks[want["marks"] + " found"] += 1
        if _speaker_right(got, want):
            result.speakers_right += 1
        else:
            result.misses.append(f"  speaker {got.speaker!r} want {want['speaker']!r}: {want['prefix']!r}")
    visits = list(store.visits)
    main = next((v for v in visits if v.id == outcomes[0].visit), None)  # as import reports it
    gold_main = next((v for v in entry["visits"] if v["role"] == "main"), None)
    if gold_main is not None:
        result.visit_right = _visit_matches(main, gold_main, result.visit_parts)
        if not result.visit_right:
            seen = f"{main.authority} {main.kind} {main.start} {main.judgement}" if main else "no visit"
            result.misses.append(
                f"  visit {seen} want {gold_main['authority']} "
                f"{gold_main['kind']} {gold_main['when']} {gold_main['judgement']}"
            )
    matched: set[str] = set()
    for want in entry["findings"]:
        result.findings_wanted += 1
        prefix = fold(want["prefix"])
        got_finding = next((f for f in findings if fold(f.text).startswith(prefix)), None)
        if got_finding is None:
            result.misses.append(f"  finding missed: {want['prefix']!r}")
            continue
        matched.add(got_finding.id)
        result.findings_found += 1
        stances = want.get("accept") or [want["stance"]]
        result.stances.append((got_finding.text, stances))
        if got_finding.stance in stances:
            result.stance_right += 1
        else:
            result.misses.append(f"  stance {got_finding.stance} want {want['stance']}: {want['prefix']!r}")
        if _visit_index(got_finding, visits, entry["visits"]) == want["visit"]:
            result.finding_visit_right += 1
        else:
            result.misses.append(
                f"  finding visit {got_finding.visit_id} want visit {want['visit']}: {want['prefix']!r}"
            )
        for theme in set(want["themes"]) | set(got_finding.themes):
            kind = (
                "tp"
                if theme in got_finding.themes and theme in want["themes"]
                else "fp"
                if theme in got_finding.themes
                else "fn"
            )
            result.themes[(theme, kind)] += 1
    for extra in findings:
        if extra.id not in matched:
            result.misses.append(f"  not a finding: {fold(extra.text)[:70]!r}")
    return result


@dataclass
class CorpusScore:
    """The development corpus as a whole."""

    files: list[FileScore]

    def total(self, name: str) -> int:
        return sum(int(getattr(f, name) or 0) for f in self.files)

    @property
    def failed(self) -> list[FileScore]:
        return [f for f in self.files if f.error]

    def ratio(self, top: str, bottom: str) -> float:
        return self.total(top) / max(1, self.total(bottom))

    @property
    def visits_scored(self) -> int:
        return sum(f.visit_right is not None for f in self.files)

    @property
    def quote_precision(self) -> float:
        found = self.total("quotes_found")
        return found / max(1, found + self.total("invented_quotes"))

    def marks(self, style: str) -> tuple[int, int]:
        return (
            sum(f.by_marks[style + " found"] for f in self.files),
            sum(f.by_marks[style] for f in self.files),
        )

    def themes(self) -> dict[str, tuple[float, float, int]]:
        """Per theme: precision, recall and the number of gold findings carrying it."""
        counts: Counter[tuple[str, str]] = Counter()
        for f in self.files:
            counts.update(f.themes)
        out = {}
        for theme in sorted({t for t, _ in counts}):
            tp, fp, fn = (counts[(theme, k)] for k in ("tp", "fp", "fn"))
            out[theme] = (tp / max(1, tp + fp), tp / max(1, tp + fn), tp + fn)
        return out

    def lines(self) -> list[str]:
        """The figures as pytest's summary and README print them."""
        double, single = self.marks("double"), self.marks("single")
        return [
            f"realworld: {len(self.files) - len(self.failed)}/{len(self.files)} files imported "
            f"without error; quotation spans found {self.total('quotes_found')}/"
            f"{self.total('quotes_wanted')} ({self.ratio('quotes_found', 'quotes_wanted'):.2f}; "
            f"double marks {double[0]}/{double[1]}, single {single[0]}/{single[1]}; precision "
            f"{self.quote_precision:.2f})",
            f"realworld: speakers right {self.total('speakers_right')}/{self.total('quotes_found')}"
            f" of found ({self.ratio('speakers_right', 'quotes_found'):.2f}); "
            f"main visit right {self.total('visit_right')}/{self.visits_scored} "
            f"({self.total('visit_right') / max(1, self.visits_scored):.2f})",
            f"realworld: findings recall {self.ratio('findings_found', 'findings_wanted'):.2f} "
            f"({self.total('findings_found')}/{self.total('findings_wanted')}), precision "
            f"{self.ratio('findings_found', 'extracted_findings'):.2f} (of "
            f"{self.total('extracted_findings')}), stance "
            f"{self.ratio('stance_right', 'findings_found'):.2f}, visit "
            f"{self.ratio('finding_visit_right', 'findings_found'):.2f}",
        ]


def score_corpus(only: str = "") -> CorpusScore:
    return CorpusScore([score_file(e) for e in gold() if only in e["file"]])


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    only = next((a for a in argv if not a.startswith("-")), "")
    corpus = score_corpus(only)
    for f in corpus.files:
        if verbose or f.error:
            print(
                f"{f.file}: "
                + (
                    f.error
                    or f"quotes {f.quotes_found}/{f.quotes_wanted} "
                    f"speakers {f.speakers_right} visit {f.visit_right} "
                    f"findings {f.findings_found}/{f.findings_wanted} "
                    f"of {f.extracted_findings}"
                )
            )
            if verbose:
                print("\n".join(f.misses))
    parts: Counter[str] = Counter()
    for f in corpus.files:
        parts.update(k for k, ok in f.visit_parts.items() if not ok)
    print("visit parts wrong:", dict(parts))
    for theme, (p, r, n) in corpus.themes().items():
        print(f"  theme {theme:28} precision {p:.2f} recall {r:.2f} ({n})")
    print("\n".join(corpus.lines()))


if __name__ == "__main__":
    main(sys.argv[1:])
