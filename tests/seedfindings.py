"""Scoring the findings of the built seed store against `../shared/gold/seed_findings.json`.

58 findings (with stance, visit and themes) and 47 near-misses that must not become findings
(reactions, context, background ratings, history a report recounts). Run as a script for the
misses: `python -m tests.seedfindings`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kirklees_tui.extract.build import build_corpus
from kirklees_tui.store.model import Finding, StoreData
from tests.realworld import fold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "seed_findings.json"


def _same_visit(found: str | None, wanted: str) -> bool:
    """Gold names the fifth monitoring visit `2018-monitoring`; the store `2018-monitoring-5`."""
    return found is not None and (found == wanted or found.startswith(wanted + "-"))


@dataclass
class SeedFindings:
    """Findings of the seeds against their gold."""

    wanted: int = 0
    found: int = 0
    extracted: int = 0
    near_misses: int = 0
    near_taken: int = 0
    stance_right: int = 0
    visit_right: int = 0
    misses: list[str] = field(default_factory=list)
    themes: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(theme, "tp" | "fp" | "fn") over matched findings; a theme the gold accepts is no fp."""

    @property
    def precision(self) -> float:
        return self.found / max(1, self.extracted)

    @property
    def recall(self) -> float:
        return self.found / max(1, self.wanted)

    def line(self) -> str:
        return (
            f"seed findings: {self.found}/{self.wanted} found (recall {self.recall:.2f}), "
            f"precision {self.precision:.2f} (of {self.extracted}), {self.near_taken}/"
            f"{self.near_misses} near-misses taken, stance right {self.stance_right}/"
            f"{self.found}, visit right {self.visit_right}/{self.found}"
        )


def score_seed_findings(store: StoreData) -> SeedFindings:
    gold = json.loads(GOLD.read_text("utf-8"))["files"]
    ids = {s.file: s.id for s in store.sources}
    result = SeedFindings()
    for entry in gold:
        source = ids[entry["file"]]
        findings: list[Finding] = [f for f in store.findings if f.source_id == source]
        result.extracted += len(findings)
        matched: set[str] = set()
        for want in entry["findings"]:
            result.wanted += 1
            prefix = fold(want["prefix"])
            got = next((f for f in findings if fold(f.text).startswith(prefix)), None)
            if got is None:
                result.misses.append(f"  missed: {want['prefix']!r}")
                continue
            matched.add(got.id)
            result.found += 1
            if got.stance in (want.get("accept") or [want["stance"]]):
                result.stance_right += 1
            else:
                result.misses.append(f"  stance {got.stance} want {want['stance']}: {want['prefix']!r}")
            accepted = set(want["themes"]) | set(want.get("themes_accept", []))
            for theme in set(want["themes"]) | set(got.themes):
                kind = (
                    "tp"
                    if theme in got.themes and theme in want["themes"]
                    else "fn"
                    if theme not in got.themes
                    else "ok"
                    if theme in accepted
                    else "fp"
                )
                result.themes[(theme, kind)] += 1
            if _same_visit(got.visit_id, want["visit"]):
                result.visit_right += 1
            else:
                result.misses.append(f"  visit {got.visit_id} want {want['visit']}: {want['prefix']!r}")
        for near in entry["not_findings_near_misses"]:
            result.near_misses += 1
            prefix = fold(near["prefix"])
            if any(fold(f.text).startswith(prefix) for f in findings):
                result.near_taken += 1
                result.misses.append(f"  near-miss taken: {near['prefix']!r} ({near['why']})")
        for extra in findings:
            if extra.id not in matched:
                result.misses.append(f"  not in gold: {fold(extra.text)[:80]!r}")
    return result


def main() -> None:
    result = score_seed_findings(build_corpus(ROOT / "corpus"))
    print("\n".join(result.misses))
    print(result.line())


if __name__ == "__main__":
    main()
    sys.exit(0)
