"""The national record: one row per published inspection report of every English council.

The record is a CSV made by a public project that parses Ofsted's reports: the council in
lower case, the report's address, its publication date (dd/mm/yy), the framework ("standard"
or "short"; blank before 2018), the lead inspector, the inspection's first and last day
(dd/mm/yyyy) and a grade per judgement area, with markers where there is none to give
("data_unreadable" for the 2014-2018 reports it cannot read, "inspection_pre_dates_judgement"
for care leavers before they were judged apart, "not_reported_post_reform" for the overall
grade the 2026 format no longer gives). Every row becomes a typed `RecordRow` named and graded
as `report_front` reads a report, so the two can be compared and merged.

A file that lacks a column the record has, or repeats one, is refused whole (`RecordError`);
a column it does not know is ignored, and a row that cannot be read left out, each with one
message naming it and why.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from kirklees_tui.extract.authorities import authority_name
from kirklees_tui.extract.judgements import grade_of
from kirklees_tui.sanitize import one_line

__all__ = ["COLUMNS", "MAX_BYTES", "RecordError", "RecordRow", "read_national_record"]

COLUMNS: Final = (
    "urn",
    "local_authority",
    "inspection_link",
    "pdf_filename",
    "publication_date",
    "inspection_framework",
    "inspector_name",
    "inspection_start_date",
    "inspection_end_date",
    "overall_effectiveness_grade",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
    "parser_version",
)
"""The record's columns; `pdf_filename` and `parser_version` may be absent, no other."""
_OPTIONAL: Final = frozenset(("pdf_filename", "parser_version"))
MAX_BYTES: Final = 20 * 1024 * 1024
"""About 100 times the record's size today (110 kB for 500 reports)."""
_NO_GRADE: Final = frozenset(
    ("", "data_unreadable", "inspection_pre_dates_judgement", "not_reported_post_reform")
)
_GRADE_COLUMNS: Final = (
    ("overall_effectiveness_grade", "Overall effectiveness"),
    ("impact_of_leaders_grade", "Impact of leaders"),
    ("help_and_protection_grade", "Help and protection"),
    ("in_care_grade", "Children in care"),
    ("care_leavers_grade", "Care leavers"),
)


class RecordError(ValueError):
    """A national record that cannot be read at all; `str()` is the one line to show."""


@dataclass(frozen=True, slots=True)
class RecordRow:
    """One published report as the national record gives it."""

    line: int
    """The row's line in the file (the header is line 1)."""
    urn: str
    """Ofsted's unique reference number for the council."""
    authority: str
    """The council's place name, by `authorities.authority_name`: "Telford and Wrekin"."""
    published: str
    """ISO date the report was published."""
    framework: Literal["standard", "short"] | None
    """An ILACS inspection's length; None before 2018."""
    lead_inspector: str | None
    """The lead inspector as the record names them; None where it gives none."""
    start: str | None
    """ISO date of the inspection's first day on site."""
    end: str | None
    """ISO date of the inspection's last day on site."""
    address: str
    """Where Ofsted publishes the report."""
    judgements: tuple[tuple[str, str], ...]
    """(area, grade) for each area graded, by `judgements.AREAS` names; in care and care
    leavers are one area ("Children in care and care leavers") before care leavers were
    judged apart."""
    unreadable: bool
    """The record could not read this report's grades ("data_unreadable")."""

    def grade(self, area: str) -> str | None:
        return next((grade for named, grade in self.judgements if named == area), None)


def _date(row: dict[str, str], column: str) -> str | None:
    """A date cell as ISO, None when empty: the publication date is dd/mm/yy (this century),
    the inspection's dd/mm/yyyy. Raises ValueError naming the column otherwise."""
    value = row[column].strip()
    if not value:
        return None
    short = column == "publication_date"
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", value)
    try:
        if not match or (len(match.group(3)) == 2) != short:
            raise ValueError
        day, month, year = (int(part) for part in match.groups())
        return datetime.date(year + 2000 if short else year, month, day).isoformat()
    except ValueError:
        form = "dd/mm/yy" if short else "dd/mm/yyyy"
        raise ValueError(f"{column} {one_line(value)!r} is not a date ({form})") from None


def _inspector(value: str) -> str | None:
    """The record's parser leaves a space before the hyphen of a double-barrelled name and
    lowers what follows ("Jenny -ellen Scotland"): rejoined as "Jenny-Ellen Scotland"."""
    name = re.sub(r"\s+-\s*(\w)", lambda m: "-" + m.group(1).upper(), " ".join(value.split()))
    return name or None


def _judgements(row: dict[str, str]) -> tuple[tuple[str, str], ...]:
    together = row["care_leavers_grade"].strip() == "inspection_pre_dates_judgement"
    found = []
    for column, area in _GRADE_COLUMNS:
        cell = " ".join(row[column].split()).casefold()
        if cell in _NO_GRADE:
            continue
        grade = grade_of(cell)
        if grade is None:
            raise ValueError(f"{column} {one_line(row[column])!r} is not a grade")
        if area == "Children in care" and together:
            area = "Children in care and care leavers"
        found.append((area, grade))
    return tuple(found)


def _row(line: int, row: dict[str, str]) -> RecordRow:
    """One row, typed; raises ValueError naming what is wrong with it."""
    authority = authority_name(row["local_authority"])
    if not authority:
        raise ValueError("no local authority")
    address = row["inspection_link"].strip()
    if not address.startswith(("https://", "http://")):
        raise ValueError(f"inspection_link {one_line(address)!r} is not a web address")
    framework = row["inspection_framework"].strip()
    if framework not in ("", "standard", "short"):
        raise ValueError(f"inspection_framework {one_line(framework)!r} is not standard or short")
    start, end = _date(row, "inspection_start_date"), _date(row, "inspection_end_date")
    published = _date(row, "publication_date")
    if published is None:
        raise ValueError("no publication_date")
    if start and end and end < start:
        raise ValueError(f"the inspection ends ({end}) before it starts ({start})")
    if end and published < end:
        raise ValueError(f"the report is published ({published}) before the inspection ends")
    unreadable = any(row[column].strip() == "data_unreadable" for column, _ in _GRADE_COLUMNS)
    return RecordRow(
        line,
        row["urn"].strip(),
        authority,
        published,
        "standard" if framework == "standard" else "short" if framework else None,
        _inspector(row["inspector_name"]),
        start,
        end,
        address,
        _judgements(row),
        unreadable,
    )


def _text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise RecordError(
                f"{one_line(str(path))}: too large (the limit is {MAX_BYTES // (1024 * 1024)} MB)"
            )
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise RecordError(
            f"{one_line(str(path))}: cannot be read ({one_line(error.strerror or str(error))})"
        ) from None
    except UnicodeDecodeError:
        raise RecordError(f"{one_line(str(path))}: not UTF-8 text") from None


def read_national_record(path: Path) -> tuple[list[RecordRow], list[str]]:
    """The record's rows that can be read, and one message per row that cannot.

    Raises:
        RecordError: the file cannot be read, or its header lacks a column the record has or
            names one it does not.
    """
    reader = csv.reader(io.StringIO(_text(path), newline=""))
    header = [name.strip() for name in next(reader, [])]
    if not any(header):
        raise RecordError(f"{one_line(str(path))}: empty (no header line)")
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in COLUMNS if name not in header and name not in _OPTIONAL]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    for problem, names in (("missing", missing), ("repeated", duplicated)):
        if names:
            listed = ", ".join(one_line(name)[:40] for name in names)
            raise RecordError(f"{one_line(str(path))}: {problem} column(s): {listed}")
    problems = [f"column {one_line(name)[:40]!r}: not one of the record's; ignored" for name in unknown]
    try:
        rows = _rows(reader, header, problems)
    except csv.Error as error:  # a stray quote runs a field past the csv module's limit
        raise RecordError(f"{one_line(str(path))}: line {reader.line_num}: {one_line(str(error))}") from None
    return rows, problems


def _rows(reader: Any, header: list[str], problems: list[str]) -> list[RecordRow]:
    """The rows that can be read; a line in `problems` for each that cannot."""
    rows: list[RecordRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(f"line {line}: {len(cells)} fields, the header has {len(header)}")
            continue
        try:
            row = _row(line, dict(zip(header, cells, strict=True)))
        except ValueError as error:
            problems.append(f"line {line}: {error}")
            continue
        if row.address in seen:
            problems.append(f"line {line}: the same report as line {seen[row.address]}")
            continue
        seen[row.address] = line
        rows.append(row)
    return rows
