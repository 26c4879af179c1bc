"""How a quotation's check against Ofsted's reports reads, without colour, everywhere.

The lists, the detail, the article view and exports take the marks and words from here:
`✓` the report's own words, `≠` altered (the difference said), `?` not found or no report to
look in. A quotation no report could hold (a councillor's reply) has no check and no mark.
"""

from __future__ import annotations

from typing import Final

from kirklees_tui.store.model import CheckStatus, Quote, Source

__all__ = ["CHECK_MARKS", "check_legend", "check_mark", "check_words", "report_passage"]

CHECK_MARKS: Final[dict[CheckStatus, str]] = {
    "verified": "✓",
    "altered": "≠",
    "not found": "?",
    "no report": "?",
}
_SAID: Final[dict[CheckStatus, str]] = {
    "verified": "verified: the report's own words",
    "altered": "altered from the report's words",
    "not found": "not found in the report of its visit, nor in the council's other reports",
    "no report": "no report of its visit in the store to check it against",
}


def check_mark(quote: Quote) -> str:
    """The quotation's mark (`✓`, `≠`, `?`), or "" when it has no check."""
    return CHECK_MARKS[quote.check.status] if quote.check is not None else ""


def check_words(quote: Quote) -> str:
    """The mark and what it means, with the difference when altered; "" with no check."""
    check = quote.check
    if check is None:
        return ""
    if check.status == "not found" and check.difference:  # a grade the report did not give
        return f"{CHECK_MARKS[check.status]} not borne out by the report: {check.difference}"
    words = f"{CHECK_MARKS[check.status]} {_SAID[check.status]}"
    return f"{words}: {check.difference}" if check.difference else words


def check_legend(separator: str) -> str:
    """`✓ verified, ≠ altered, ? not found or no report`."""
    return separator.join(("✓ verified", "≠ altered", "? not found or no report"))


def report_passage(quote: Quote, sources: dict[str, Source]) -> tuple[Source, int, int] | None:
    """The report and the span of it a checked quotation was found at, if it was."""
    check = quote.check
    if check is None or check.source_id is None or check.start is None or check.end is None:
        return None
    source = sources.get(check.source_id)
    return (source, check.start, check.end) if source is not None else None
