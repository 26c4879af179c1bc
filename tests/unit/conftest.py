"""Fixtures of the domain's tests: the real reports, each read once per session."""

from __future__ import annotations

import pytest

from kirklees_tui.extract.national_record import RecordRow, read_national_record
from kirklees_tui.extract.pdf import ReportText, read_report
from tests.conftest import REPORTS


@pytest.fixture(scope="session")
def reports() -> dict[str, ReportText]:
    """Every report PDF beside the repo, by file name."""
    return {path.name: read_report(path) for path in sorted(REPORTS.glob("*.pdf"))}


@pytest.fixture(scope="session")
def record() -> list[RecordRow]:
    """The national record's rows."""
    rows, _ = read_national_record(REPORTS / "national_record.csv")
    return rows
