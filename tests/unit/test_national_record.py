"""The national record read into typed rows; councils named by one rule everywhere."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from kirklees_tui.extract.authorities import authority_name
from kirklees_tui.extract.national_record import COLUMNS, RecordError, read_national_record
from tests.conftest import REPORTS, needs

HEADER = ",".join(COLUMNS)
GOOD = (
    "80478,kirklees,https://files.ofsted.gov.uk/v1/file/1,x.pdf,05/08/19,standard,"
    "Lisa Summers,10/06/2019,21/06/2019,requires improvement,requires improvement,"
    "requires improvement,requires improvement,inspection_pre_dates_judgement,1"
)


@pytest.mark.parametrize(
    ("written", "place"),
    [
        ("telford & wrekin", "Telford and Wrekin"),
        ("Telford and Wrekin Council", "Telford and Wrekin"),
        ("stoke-on-trent", "Stoke-on-Trent"),
        ("Stoke-on-Trent City Council", "Stoke-on-Trent"),
        ("isles of scilly", "Isles of Scilly"),
        ("Council of the Isles of Scilly", "Isles of Scilly"),
        ("Kirklees Metropolitan Borough Council", "Kirklees"),
        ("KIRKLEES", "Kirklees"),
        ("Staffordshire County Council", "Staffordshire"),
        ("bournemouth, christchurch & poole", "Bournemouth, Christchurch and Poole"),
        ("kingston upon hull", "Kingston upon Hull"),
        ("blackburn with darwen", "Blackburn with Darwen"),
        ("southend-on-sea", "Southend-on-Sea"),
        ("London Borough of Tower Hamlets", "Tower Hamlets"),
        ("Royal Borough of Kensington and Chelsea", "Kensington and Chelsea"),
        ("City of York Council", "York"),
        ("Bristol, City of", "Bristol"),
        ("st helens", "St Helens"),
    ],
)
def test_authority_names(written: str, place: str) -> None:
    assert authority_name(written) == place
    assert authority_name(place) == place  # a place name is its own


def _write(tmp_path: Path, *lines: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "record.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_a_good_row(tmp_path: Path) -> None:
    rows, problems = read_national_record(_write(tmp_path, "\ufeff" + HEADER, GOOD))
    assert problems == []
    [row] = rows
    assert (row.line, row.authority, row.published, row.framework, row.lead_inspector) == (
        2,
        "Kirklees",
        "2019-08-05",
        "standard",
        "Lisa Summers",
    )
    assert (row.start, row.end, row.address, row.unreadable) == (
        "2019-06-10",
        "2019-06-21",
        "https://files.ofsted.gov.uk/v1/file/1",
        False,
    )
    ri = "Requires improvement to be good"
    assert row.judgements == (
        ("Overall effectiveness", ri),
        ("Impact of leaders", ri),
        ("Help and protection", ri),
        ("Children in care and care leavers", ri),
    )
    assert row.grade("Care leavers") is None


def _with(**cells: str) -> str:
    values = dict(zip(COLUMNS, next(csv.reader([GOOD])), strict=True))
    values.update(cells)
    return ",".join(values[column] for column in COLUMNS)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            _with(publication_date="2019-08-05"),
            "line 2: publication_date '2019-08-05' is not a date (dd/mm/yy)",
        ),
        (_with(publication_date=""), "line 2: no publication_date"),
        (
            _with(inspection_start_date="31/02/2019"),
            "line 2: inspection_start_date '31/02/2019' is not a date (dd/mm/yyyy)",
        ),
        (
            _with(help_and_protection_grade="to requires improvement"),
            "line 2: help_and_protection_grade 'to requires improvement' is not a grade",
        ),
        (
            _with(inspection_framework="longer"),
            "line 2: inspection_framework 'longer' is not standard or short",
        ),
        (
            _with(inspection_end_date="01/06/2019"),
            "line 2: the inspection ends (2019-06-01) before it starts (2019-06-10)",
        ),
        (_with(local_authority=" "), "line 2: no local authority"),
        (_with(inspection_link="files/1"), "line 2: inspection_link 'files/1' is not a web address"),
        (GOOD + ",extra", "line 2: 16 fields, the header has 15"),
    ],
)
def test_a_bad_row_is_one_message(tmp_path: Path, line: str, problem: str) -> None:
    rows, problems = read_national_record(_write(tmp_path, HEADER, line, GOOD.replace("/1,", "/2,")))
    assert problems == [problem]
    assert [row.line for row in rows] == [3]


def test_unreadable_grades_and_names(tmp_path: Path) -> None:
    sif = _with(
        inspection_framework="",
        inspector_name="Jenny -ellen Scotland",
        inspection_start_date="",
        inspection_end_date="",
        overall_effectiveness_grade="",
        **{c: "data_unreadable" for c in COLUMNS[10:14]},
    )
    rows, problems = read_national_record(_write(tmp_path, HEADER, sif, sif))
    assert problems == ["line 3: the same report as line 2"]
    assert (rows[0].framework, rows[0].start, rows[0].judgements, rows[0].unreadable) == (
        None,
        None,
        (),
        True,
    )
    assert rows[0].lead_inspector == "Jenny-Ellen Scotland"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER.replace("inspector_name,", ""), "record.csv: missing column(s): inspector_name"),
        (HEADER + ",urn", "record.csv: repeated column(s): urn"),
        ("", "record.csv: empty (no header line)"),
    ],
)
def test_a_bad_header_refuses_the_file(tmp_path: Path, header: str, message: str) -> None:
    with pytest.raises(RecordError) as caught:
        read_national_record(_write(tmp_path, header, GOOD))
    assert str(caught.value) == f"{tmp_path}/{message}", "the file named as it was given"


def test_an_unknown_column_is_named_and_ignored(tmp_path: Path) -> None:
    rows, problems = read_national_record(_write(tmp_path, HEADER + ",notes", GOOD + ",a note"))
    assert problems == ["column 'notes': not one of the record's; ignored"]
    assert len(rows) == 1


def test_a_file_that_is_not_text(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="not UTF-8 text"):
        read_national_record(_write(tmp_path, HEADER, "é", encoding="latin-1"))
    with pytest.raises(RecordError, match="cannot be read"):
        read_national_record(tmp_path / "missing.csv")


@needs(REPORTS)
def test_the_real_record(tmp_path: Path) -> None:
    path = REPORTS / "national_record.csv"
    rows, problems = read_national_record(path)
    with path.open(newline="", encoding="utf-8") as handle:
        raw = list(csv.DictReader(handle))
    assert len(rows) + len(problems) == len(raw)
    assert all(problem.startswith("line ") for problem in problems)
    by_line = {row.line: row for row in rows}
    for number, cells in enumerate(raw, 2):
        row = by_line.get(number)
        if row is None:
            continue
        day, month, year = cells["publication_date"].split("/")
        assert row.published == f"20{year}-{month}-{day}"
        assert row.authority.casefold() == cells["local_authority"].replace("&", "and")
        assert row.address == cells["inspection_link"]
        assert row.unreadable == ("data_unreadable" in cells.values())


def test_hostile_council_names_are_cleaned_as_they_are_read() -> None:
    """A council's name comes from a PDF or the record: no control or escape character
    survives into the store (the visits pane writes its headings to the terminal)."""
    for hostile in ("evil\x1b]0;pwned\x07town", "wake\x00field", "bad\u202etown"):
        name = authority_name(hostile)
        assert name and not any(unicodedata.category(c) in ("Cc", "Cf") for c in name), repr(name)
    assert authority_name("evil\x1b]0;pwned\x07town").startswith("Evil")


def test_a_runaway_quoted_field_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """A stray quote makes the csv module read on past its field limit (128 kB)."""
    runaway = GOOD.replace(",x.pdf,", ',"x.pdf,') + "\n" + "a" * 140_000
    with pytest.raises(RecordError, match=r"record\.csv: line \d+: field larger than field limit"):
        read_national_record(_write(tmp_path, HEADER, runaway))


def test_a_row_with_a_start_and_no_end_dates_a_visit_soundly(tmp_path: Path) -> None:
    """The row's first day, and its last taken as the same: never a day-precise start with a
    month-precise end (an invalid store)."""
    from kirklees_tui.extract.record_visits import merge_record
    from kirklees_tui.store.model import Visit

    no_end = GOOD.replace("10/06/2019,21/06/2019", "10/06/2019,")
    rows, problems = read_national_record(_write(tmp_path, HEADER, no_end))
    assert problems == []
    stored = Visit(
        id="2019-06-full", authority="Kirklees", kind="full inspection", start="2019-06",
        end="2019-06", precision="month", basis="an article",
    )  # fmt: skip
    [visit], _ = merge_record([stored], rows, "Kirklees")
    assert (visit.start, visit.end, visit.precision) == ("2019-06-10", "2019-06-10", "day")
