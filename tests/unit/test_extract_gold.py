"""Extraction scored against what a careful reader finds in the seed articles.

The floors are the figures the code reaches: quality can rise, never silently fall. The
extractor gets there by rules alone; nothing in kirklees_tui names these files or people.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kirklees_tui.extract.build import analyse
from kirklees_tui.extract.corpus import SourceNotes, load_notes, read_article
from kirklees_tui.extract.people import Registry
from kirklees_tui.extract.quotes import is_grade_label
from kirklees_tui.store.model import StoreData
from tests.conftest import CORPUS, GOLD, needs
from tests.scores import report
from tests.seedfindings import score_seed_findings

pytestmark = needs(GOLD)

SPAN_FLOOR = 44
SPEAKER_FLOOR = 44
VISIT_FLOOR = 5


def _gold(name: str) -> Any:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


def test_quotation_spans_and_speakers(built: StoreData) -> None:
    gold = _gold("seed_quotes.json")["quotes"]
    files = {s.file: s.id for s in built.sources}
    found = {(q.source_id, q.start, q.end): q for q in built.quotes}
    wanted = {(files[g["source"]], g["start"], g["end"]): g for g in gold}
    exact = set(found) & set(wanted)
    # The seed gold was annotated when only double marks were read: it lists “inadequate” as a
    # quotation but not ‘Inadequate’. A rating label it does not list is not held against
    # precision (the realworld gold calls such labels `scare` and scores them neither way).
    counted = [k for k, q in found.items() if k in wanted or not is_grade_label(q.text)]
    precision, recall = len(exact) / len(counted), len(exact) / len(wanted)
    speakers = sum(
        found[k].speaker in (g["accept"] or []) or (g["speaker"] is None and found[k].speaker is None)
        for k, g in wanted.items()
        if k in found
    )
    report(
        f"seed gold: quotation spans exact {len(exact)}/{len(wanted)} "
        f"(precision {precision:.2f}, recall {recall:.2f}); speakers right "
        f"{speakers}/{len(wanted)}"
    )
    assert len(exact) >= SPAN_FLOOR and precision >= len(exact) / len(wanted)
    assert speakers >= SPEAKER_FLOOR


def test_quotation_kinds_match_the_gold(built: StoreData) -> None:
    files = {s.file: s.id for s in built.sources}
    found = {(q.source_id, q.start, q.end): q.kind for q in built.quotes}
    kinds = [
        found.get((files[g["source"]], g["start"], g["end"])) == g["kind"]
        for g in _gold("seed_quotes.json")["quotes"]
    ]
    assert all(kinds)


def test_visits_read_from_the_text_alone() -> None:
    """The text-only reading of each article, before the curator's file is consulted."""
    notes = load_notes(CORPUS / "sources.toml")
    registry = Registry()
    detected = {}
    for path in sorted(CORPUS.glob("*.txt")):
        analysis = analyse(read_article(path), notes.get(path.name, notes.get("*", SourceNotes())), registry)
        detected[path.name] = analysis.visit
    right = 0
    for visit in _gold("seed_visits.json")["visits"]:
        found = detected[visit["reported_in"][0]]
        assert found is not None
        ok = (
            found.first.iso()[: len(visit["when"])] == visit["when"]
            and found.kind == visit["kind"]
            and found.judgement == visit["judgement"]
            and set(found.inspectors) == set(visit["inspectors"])
        )
        right += ok
    report(f"seed gold: visits right (month, kind, judgement, inspectors) {right}/5")
    assert right >= VISIT_FLOOR


def test_shipped_store_equals_a_fresh_build(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kirklees_tui.cli import cli

    out = tmp_path / "db.json"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (CORPUS.parent / "db.json").read_bytes()


SEED_FINDINGS_FOUND = 57  # of 58
SEED_NEAR_MISSES_TAKEN = 6  # of 47; may fall, never rise
SEED_FINDING_PRECISION = 0.90
SEED_STANCE_RIGHT = 55
SEED_FINDING_VISIT_RIGHT = 57
SEED_THEMES_MICRO = (0.83, 0.82)


def test_findings_against_the_seed_findings_gold(built: StoreData) -> None:
    """58 findings with stance, visit and themes, and 47 near-misses that must not be taken
    (reactions, context, background ratings, history a report recounts)."""
    scored = score_seed_findings(built)
    report(scored.line())
    tp, fp, fn = (sum(n for (_, kind), n in scored.themes.items() if kind == k) for k in ("tp", "fp", "fn"))
    report(f"seed themes: precision {tp / (tp + fp):.2f}, recall {tp / (tp + fn):.2f}")
    assert scored.found >= SEED_FINDINGS_FOUND
    assert scored.near_taken <= SEED_NEAR_MISSES_TAKEN
    assert scored.precision >= SEED_FINDING_PRECISION
    assert scored.stance_right >= SEED_STANCE_RIGHT
    assert scored.visit_right >= SEED_FINDING_VISIT_RIGHT
    assert (round(tp / (tp + fp), 2), round(tp / (tp + fn), 2)) >= SEED_THEMES_MICRO
