"""Extraction scores collected during a run and printed in pytest's summary (see conftest)."""

from __future__ import annotations

LINES: list[str] = []


def report(line: str) -> None:
    """Record a figure to show at the end of the test run, passed or failed."""
    LINES.append(line)
