"""Ofsted's reports beside the articles (issue 19): what the shipped corpus's three reports
give its visits and quotations, and what `import`, `import --record` and `verify` do.

The reports are the corpus's own (`corpus/reports/`); the expected visit facts are read from
each report's front page by the reader, not written here, so these tests check how they are
tied together: the report made authoritative for its visit, its sentences findings, each
quotation of Ofsted looked up in it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from msgspec.structs import replace

from kirklees_tui.cli import cli
from kirklees_tui.extract.build import build_corpus
from kirklees_tui.extract.checks import FALLBACK_WORDS, is_checked, quoted_grade
from kirklees_tui.extract.folding import quote_tokens, text_tokens
from kirklees_tui.extract.record_visits import RECORD_BASIS
from kirklees_tui.extract.reports import read_report_file
from kirklees_tui.query.checked import report_passage
from kirklees_tui.store.integrity import problems
from kirklees_tui.store.model import SCHEMA_VERSION, StoreData
from kirklees_tui.store.read import load_store
from kirklees_tui.store.update import write_store
from tests.conftest import CORPUS, REPORTS, needs

CORPUS_REPORTS = sorted((CORPUS / "reports").glob("*.pdf"))


def _words(text: str) -> list[str]:
    return [token.word for token in quote_tokens(text, None) if token.word]


def _articles_only(corpus_copy: Path, tmp_path: Path) -> Path:
    """A store built from the corpus's articles alone: no reports, no record."""
    shutil.rmtree(corpus_copy / "reports")
    path = tmp_path / "articles.json"
    write_store(path, build_corpus(corpus_copy), keep_backups=0)
    return path


def _import(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["import", *args])
    return result.exit_code, result.output


# -- the shipped corpus --------------------------------------------------------------------------
def test_each_report_is_its_visits_authority(built: StoreData) -> None:
    reports = [s for s in built.sources if s.kind == "report"]
    assert len(reports) == len(CORPUS_REPORTS) == 3
    for path in CORPUS_REPORTS:
        read = read_report_file(path)
        source = next(s for s in reports if s.sha256 == read.sha256)
        visit = next(v for v in built.visits if v.report_id == source.id)
        assert (visit.start, visit.end, visit.precision) == (read.start.iso(), read.end.iso(), "day")
        assert visit.judgement == read.front.overall and visit.grades == read.front.judgements
        assert visit.inspectors[: len(read.front.lead_inspectors)] == read.front.lead_inspectors
        assert visit.framework == read.front.kind and not visit.provisional
        assert source.id in visit.source_ids and visit.record  # the national record lists it too
        assert source.pages[0] == 0 and len(source.pages) == len(read.text.pages)


def test_a_report_gives_findings_never_quotations(built: StoreData) -> None:
    reports = {s.id: s for s in built.sources if s.kind == "report"}
    own = [f for f in built.findings if f.source_id in reports]
    assert len(own) > 100 * len(reports)
    assert all(f.section for f in own) and not any(f.section for f in built.findings if f not in own)
    assert all(reports[f.source_id].text[f.start : f.end] == f.text for f in own)
    visits = {v.id: v for v in built.visits}
    assert all(visits[f.visit_id or ""].report_id == f.source_id for f in own)
    assert not [q for q in built.quotes if q.source_id in reports]
    assert problems(built) == []


def test_the_seed_quotations_of_ofsted_checked(built: StoreData) -> None:
    """Verified where the article printed the report's words, altered where it did not (the
    difference names the words), and no report for the monitoring visits' letters."""
    sources = {s.id: s for s in built.sources}
    visits = {v.id: v for v in built.visits}
    checked = [q for q in built.quotes if is_checked(q)]
    assert checked and all(q.check is not None for q in checked)
    assert all(q.check is None for q in built.quotes if not is_checked(q))
    for quote in checked:
        assert quote.check is not None
        found = report_passage(quote, sources)
        visit = visits[quote.visit_id or ""]
        if quote.check.status == "no report":
            assert visit.report_id is None and found is None
            continue
        grade = quoted_grade(quote.text)
        given = {g for _, g in visit.grades}
        if grade is not None and grade not in given:  # the word is in the report; not as a grade
            assert quote.check.status == "not found" and found is None
            assert all(g in quote.check.difference for g in given)
            continue
        assert found is not None, quote
        report, start, end = found
        same = _words(quote.text) == [t.word for t in text_tokens(report.text[start:end])]
        assert (quote.check.status == "verified") == same, (quote.text, report.text[start:end])
        assert bool(quote.check.difference) == (quote.check.status == "altered")
        assert grade is None or grade in given
        if report.id != visit.report_id:  # found in another of the council's reports
            assert len(quote.text.split()) >= FALLBACK_WORDS
    statuses = {q.check.status for q in checked if q.check is not None}
    assert {"verified", "altered", "no report"} <= statuses


def test_the_quotation_the_issue_checked_by_hand(built: StoreData) -> None:
    """The 2016 report says "too much focus on the parents, rather than on the experience of
    children"; the article left out the second "on"."""
    quote = next(q for q in built.quotes if q.text.startswith("There is too much focus on the parents"))
    assert quote.check is not None
    assert (quote.check.status, quote.check.difference) == ("altered", "dropped “on”")
    report, start, end = report_passage(quote, {s.id: s for s in built.sources}) or (None, 0, 0)
    assert report is not None and "rather than on the experience" in report.text[start:end]
    assert quote.check.page == report.page_of(start)


def test_a_grade_alone_is_borne_out_only_by_the_reports_grades(built: StoreData) -> None:
    """ "inadequate" quoted of the 2016 report is its judgement; "good" (a rating the article
    recalls from before) is a word that report uses, never a grade it gave."""
    visits = {v.id: v for v in built.visits}
    graded = [q for q in built.quotes if is_checked(q) and quoted_grade(q.text) and q.check]
    statuses = set()
    for quote in graded:
        assert quote.check is not None
        visit = visits[quote.visit_id or ""]
        if visit.report_id is None:
            continue
        gave = quoted_grade(quote.text) in {g for _, g in visit.grades}
        assert quote.check.status == ("verified" if gave else "not found"), quote.text
        statuses.add(quote.check.status)
    assert statuses == {"verified", "not found"}


@pytest.mark.parametrize(
    ("words", "grade"),
    [
        ("good", "Good"),
        ("Inadequate.", "Inadequate"),
        ("requires improvement", "Requires improvement to be good"),
        ("requires improvement to be good", "Requires improvement to be good"),
        ("good progress", None),
        ("requires improvement in early help", None),
        ("inadequate, due to serious failures", None),
    ],
)
def test_which_quotations_are_a_grade_alone(words: str, grade: str | None) -> None:
    assert quoted_grade(words) == grade


def test_a_quotation_json_export_carries_its_check(store_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", "--db", str(store_path), "--records", "quotes", "--format", "json"]
    )
    rows = orjson.loads(result.output)
    for row in rows:
        assert set(row["check"]) == {"status", "source_id", "start", "end", "page", "difference"}
    assert {r["check"]["status"] for r in rows} >= {"verified", "altered", "no report", None}


# -- import ---------------------------------------------------------------------------------------
def test_reports_imported_confirm_visits_and_check_the_quotations(
    corpus_copy: Path, tmp_path: Path, built: StoreData
) -> None:
    db = _articles_only(corpus_copy, tmp_path)
    before = load_store(db)
    assert all(q.check is None or q.check.status == "no report" for q in before.quotes)
    status, output = _import("--db", str(db), *map(str, CORPUS_REPORTS))
    assert status == 0, output
    assert output.count("added report ") == 3 and "visit 2016-09-full confirmed" in output
    after = load_store(db)
    assert problems(after) == []
    checks = {q.text: q.check.status for q in after.quotes if q.check is not None}
    assert checks == {q.text: q.check.status for q in built.quotes if q.check is not None}
    status, output = _import("--db", str(db), str(CORPUS_REPORTS[0]))
    assert status == 1 and "identical to source" in output
    assert len(load_store(db).sources) == len(after.sources)


def test_a_report_that_differs_from_the_articles_says_so(corpus_copy: Path, tmp_path: Path) -> None:
    visits = (corpus_copy / "visits.toml").read_text(encoding="utf-8")
    (corpus_copy / "visits.toml").write_text(
        visits.replace('judgement = "Requires improvement to be good"', 'judgement = "Good"'),
        encoding="utf-8",
    )
    db = _articles_only(corpus_copy, tmp_path)
    report = next(p for p in CORPUS_REPORTS if "2019" in p.name)
    status, output = _import("--db", str(db), str(report))
    assert status == 0, output
    assert "visit 2019-06-full: judgement: Good" in output and "the report: Requires improvement" in output
    visit = next(v for v in load_store(db).visits if v.id == "2019-06-full")
    assert visit.judgement == "Requires improvement to be good"
    assert any(c.startswith("judgement: Good") for c in visit.conflicts)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"%PDF-1.4\n%%EOF\n", "damaged or truncated PDF"),
        (b"%PDF-1.4\n" + b"\0" * 10, "damaged or truncated PDF"),
    ],
)
def test_a_bad_report_is_one_line_and_nothing_is_written(
    store_path: Path, tmp_path: Path, content: bytes, said: str
) -> None:
    bad = tmp_path / "report.pdf"
    bad.write_bytes(content)
    before = store_path.read_bytes()
    status, output = _import("--db", str(store_path), str(CORPUS_REPORTS[0]), str(bad))
    assert status == 2 and said in output and "nothing was imported" in output
    assert len(output.strip().splitlines()) == 1 and "Traceback" not in output
    assert store_path.read_bytes() == before


def test_a_fifo_named_like_a_report_is_refused_not_read(store_path: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    status, output = _import("--db", str(store_path), str(fifo))
    assert status == 2 and "report.pdf" in output


@needs(REPORTS)
def test_the_national_record_gives_every_council_its_visits(store_path: Path) -> None:
    before = load_store(store_path)
    status, output = _import("--db", str(store_path), "--record", str(REPORTS / "national_record.csv"))
    assert status == 1, output  # some rows of the real record cannot be read: each is named
    skipped = [line for line in output.splitlines() if line.startswith("  national_record.csv: line ")]
    assert skipped and f"{len(skipped)} rows skipped" in output
    after = load_store(store_path)
    new = [v for v in after.visits if v.id not in {b.id for b in before.visits}]
    assert len(new) > 400 and all(v.record and v.provisional and v.address for v in new)
    kirklees = [v for v in after.visits if v.authority == "Kirklees" and v.record]
    assert {v.id for v in kirklees} == {v.id for v in before.visits if v.record}  # matched, not doubled
    assert problems(after) == []
    again = store_path.read_bytes()
    backups = sorted(p.name for p in store_path.parent.iterdir() if ".bak" in p.name)
    status, output = _import("--db", str(store_path), "--record", str(REPORTS / "national_record.csv"))
    assert "nothing new: the store was left as it was" in output
    assert store_path.read_bytes() == again, "a repeated import writes nothing"
    assert sorted(p.name for p in store_path.parent.iterdir() if ".bak" in p.name) == backups


@needs(REPORTS)
def test_a_report_dated_only_by_its_copyright_line_takes_the_records_day(store_path: Path) -> None:
    """Some reports print no publication date, only "© Crown copyright 2019"; the record
    knows the day (in January 2020, say). Imported before or after the record, the report's
    citations give that day."""
    pdfs = sorted(REPORTS.glob("*.pdf"))
    record = REPORTS / "national_record.csv"
    original = store_path.read_bytes()
    _import("--db", str(store_path), *map(str, pdfs))
    before = {s.id: s.published for s in load_store(store_path).sources if s.kind == "report"}
    year_only = {s for s, day in before.items() if len(day) == 4}
    assert year_only, "some of the real reports give only a year"
    _import("--db", str(store_path), "--record", str(record))
    after = load_store(store_path)
    published = {s.id: (s.published, s.precision) for s in after.sources if s.kind == "report"}
    for source_id in year_only:
        day, precision = published[source_id]
        assert len(day) == 10 and precision == "day", source_id
    assert all(published[s][0] == day for s, day in before.items() if s not in year_only)
    bases = {s.id: s.basis for s in after.sources}
    assert all(bases[s] == RECORD_BASIS for s in year_only), "as a build says it"
    other_order = store_path.with_name("record-first.json")
    other_order.write_bytes(original)
    _import("--db", str(other_order), "--record", str(record))
    _import("--db", str(other_order), *map(str, pdfs))
    visits = {(v.id, v.kind, v.start, v.end, v.report_id) for v in after.visits}
    assert {(v.id, v.kind, v.start, v.end, v.report_id) for v in load_store(other_order).visits} == visits, (
        "the same visits, named alike, whichever came first"
    )
    assert problems(after) == []


def test_a_text_file_named_pdf_is_refused_as_not_a_pdf(store_path: Path, tmp_path: Path) -> None:
    fake = tmp_path / "report.pdf"
    fake.write_text("Title: looks like an article\n\nsome text", encoding="utf-8")
    before = store_path.read_bytes()
    status, output = _import("--db", str(store_path), "--published", "2020-01", str(fake))
    assert status == 2 and f"{fake}: not a PDF" in output
    assert store_path.read_bytes() == before


@needs(REPORTS)
def test_a_record_visit_is_confirmed_by_its_report(store_path: Path) -> None:
    _import("--db", str(store_path), "--record", str(REPORTS / "national_record.csv"))
    listed = {v.id: v for v in load_store(store_path).visits}
    status, output = _import("--db", str(store_path), str(REPORTS / "halton_2024-07-12.pdf"))
    assert status == 0 and "confirmed" in output, output
    visit = next(v for v in load_store(store_path).visits if v.authority == "Halton" and v.report_id)
    assert visit.id in listed and listed[visit.id].provisional and not visit.provisional


def test_verify_lists_the_altered_with_both_texts(store_path: Path, built: StoreData) -> None:
    result = CliRunner().invoke(cli, ["verify", "--db", str(store_path)])
    assert result.exit_code == 0
    altered = [q for q in built.quotes if q.check is not None and q.check.status == "altered"]
    for quote in altered:
        assert f"{quote.id} altered" in result.output
    assert result.output.count("  report:  “") == len(altered)
    assert "difference: dropped “on”" in result.output
    total = sum(1 for q in built.quotes if q.check is not None)
    assert result.output.strip().splitlines()[-1].startswith(f"{total} quotations of Ofsted or an inspector:")


@needs(REPORTS)
def test_a_reissued_copy_of_a_stored_report_is_skipped_not_a_second_visit(
    store_path: Path, tmp_path: Path
) -> None:
    """New bytes (a re-saved PDF), the same front page: the same inspection."""
    stored = next(p for p in CORPUS_REPORTS if "2019" in p.name)
    copy = tmp_path / "reissued.pdf"
    copy.write_bytes(stored.read_bytes() + b"\n% re-saved\n")
    before = load_store(store_path)
    status, output = _import("--db", str(store_path), str(copy))
    assert status == 1 and "skipped reissued.pdf: the same inspection" in output, output
    after = load_store(store_path)
    assert len(after.visits) == len(before.visits) and len(after.sources) == len(before.sources)


def test_a_quotation_of_ofsted_with_no_visit_is_checked_on_import(corpus_copy: Path, tmp_path: Path) -> None:
    """Its council is unknown, so no council's quotations are redone for it: it is checked
    because it never was (`no report`), not left without a mark."""
    from kirklees_tui.extract.checks import check_quotes

    built = build_corpus(corpus_copy)
    quote = next(q for q in built.quotes if is_checked(q))
    loose = replace(quote, visit_id=None, check=None)
    [checked] = check_quotes([loose], built.visits, built.sources, councils={"Somewhere else"})
    assert checked.check is not None and checked.check.status == "no report"


def test_an_import_into_an_older_store_writes_this_schema_version(store_path: Path, tmp_path: Path) -> None:
    """The new fields are written, so the store says it is of this version (an older program
    then names the versions it reads, rather than failing on a field)."""
    raw = orjson.loads(store_path.read_bytes())
    raw["meta"]["1"]["schema_version"] = 2
    store_path.write_bytes(orjson.dumps(raw))
    article = tmp_path / "new.txt"
    article.write_text(
        "Title: Ofsted visit\nDate: 2021-03-01\n\nInspectors said Kirklees Council's services "
        "were improving, in a letter after a monitoring visit in February.\n",
        encoding="utf-8",
    )
    status, output = _import("--db", str(store_path), str(article))
    assert status == 0, output
    assert orjson.loads(store_path.read_bytes())["meta"]["1"]["schema_version"] == SCHEMA_VERSION
