"""Why the importer read an article as it did: `kirklees-tui import --explain`.

One line per decision, so a curator can check each call against the article and report a
wrong one with its reason: the visit and the words that date and judge it, and each
quotation with its speaker, the rule that chose the speaker and the words that rule read.
Every piece of article text is cleaned for the terminal and cut short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from kirklees_tui.sanitize import one_line

if TYPE_CHECKING:
    from kirklees_tui.extract.build import Analysis
    from kirklees_tui.extract.inspections import DetectedVisit

__all__ = ["explain"]

_WIDTH: Final = 60


def _short(text: str, width: int = _WIDTH) -> str:
    words = one_line(text)
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"


def _visit(visit: DetectedVisit) -> str:
    when = visit.first.iso() if visit.first == visit.last else (f"{visit.first.iso()} to {visit.last.iso()}")
    judged = f", {visit.judgement}" if visit.judgement else ""
    where = visit.authority or "no council named"
    return f"{visit.kind}, {where}, {when}{judged}"


def explain(analysis: Analysis) -> list[str]:
    """The lines `--explain` prints under an article."""
    lines = []
    if analysis.visit is None:
        lines.append("  visit: none reported")
    else:
        basis = f" — from “{_short(analysis.visit.basis)}”" if analysis.visit.basis else ""
        lines.append(f"  visit: {_visit(analysis.visit)}{basis}")
    for earlier in analysis.earlier:
        lines.append(f"  earlier visit: {_visit(earlier)} — from “{_short(earlier.basis)}”")
    for number, ((quote, speaker), why) in enumerate(
        zip(analysis.quotes, analysis.speech.why, strict=True), 1
    ):
        who = one_line(speaker.name) if speaker else "nobody"
        cue = f": “{_short(why.cue, 40)}”" if why.cue else ""
        lines.append(f"  quote {number} “{_short(quote.words, 50)}” — {who} [{why.rule}{cue}]")
    return lines
