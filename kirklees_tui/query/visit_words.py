"""A visit in words, the same in every pane, the chronology and the command line: its
judgement (or why there is none) and the facts its report or the national record give."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kirklees_tui.sanitize import clean, one_line

if TYPE_CHECKING:  # the main screen's first frame comes before the store's modules
    from kirklees_tui.store.model import Visit

__all__ = ["judgement_words", "visit_dates", "visit_facts", "visit_fields"]


def judgement_words(visit: Visit, short: bool = False) -> str:
    """The judgement spelled out, or why there is none: the 2026 format gives four judgements
    and no overall one; monitoring and focused visits are not graded; the national record
    could not read some reports' grades. `short` for a narrow pane."""
    from kirklees_tui.store.model import GRADED_KINDS

    if visit.judgement:
        return visit.judgement
    if visit.grades:
        if short:
            return f"no overall grade ({len(visit.grades)} judgements)"
        return "no overall grade; " + "; ".join(f"{area}: {grade}" for area, grade in visit.grades)
    if visit.kind not in GRADED_KINDS:
        return "no judgement" if short else "no judgement (not graded)"
    if visit.record and visit.report_id is None and not visit.source_ids:
        return "grade not in the record" if short else "grade not in the national record"
    return "judgement not reported"


def visit_fields(visit: Visit) -> dict[str, Any]:
    """A visit as the JSON contracts of `export` and `timeline` give it (fields only added)."""
    return {
        "id": visit.id,
        "authority": visit.authority,
        "kind": visit.kind,
        "start": visit.start,
        "end": visit.end,
        "judgement": visit.judgement,
        "grades": dict(visit.grades),
        "framework": visit.framework,
        "inspectors": list(visit.inspectors),
        "provisional": visit.provisional,
        "record": visit.record,
        "report_id": visit.report_id,
        "published": visit.published,
        "address": visit.address,
        "conflicts": [clean(conflict) for conflict in visit.conflicts],
        "basis": visit.basis,
    }


def visit_dates(visit: Visit) -> str:
    """`2019-06-10 to 2019-06-21`, or one date when the visit has one."""
    return visit.start if visit.end in ("", visit.start) else f"{visit.start} to {visit.end}"


def visit_facts(visit: Visit) -> list[str]:
    """What the store knows of a visit, a line each: for a visit no finding is listed under
    (one the national record alone knows, say), so the detail still says what it was."""
    lines = [f"{one_line(visit.authority)}, {visit.kind}, {visit_dates(visit)}", judgement_words(visit)]
    if visit.judgement and visit.grades:
        lines.append("; ".join(f"{area}: {grade}" for area, grade in visit.grades))
    if visit.framework:
        lines.append(f"framework: {one_line(visit.framework)}")
    if visit.inspectors:
        lines.append(f"inspectors: {one_line(', '.join(visit.inspectors))}")
    if visit.published or visit.address:
        report = "report" + (f" published {visit.published}" if visit.published else "")
        lines.append(report + (f": {one_line(visit.address)}" if visit.address else ""))
    if visit.provisional:
        lines.append(f"provisional: {one_line(visit.basis)}")
    lines += [f"conflict: {one_line(conflict)}" for conflict in visit.conflicts]
    return lines
