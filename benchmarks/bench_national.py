"""The national size: every report of the national record found in a folder, imported into a
copy of the shipped store, then the browser opened on the result.

Issue 19: import with the real command (its process pool, 2 workers on the reference machine)
and report seconds per report against the 1 s target; then records, store size, and the
browser's figures at that size from `bench_app` (first open with no per-user cache, opens with
it, a theme key and a search character to the frame), each beside a bare Textual app measured
in the same run and the budgets of the nearest synthetic size. A benchmark, not a test.

Run: `python benchmarks/bench_national.py FOLDER [--record CSV] [--runs N] [--fill]`; the folder
holds report PDFs (all ~500 when someone has them; ../shared/reports has 17), the record
defaults to FOLDER/national_record.csv. Without all the PDFs, `--fill` estimates the national
size: after the import, every visit only the record knows gets a copy of one imported report
(its text, pages and findings, round robin), as if its own report had been imported; the
figures are then of a store of the national size and shape, with real reports' text.
"""

from __future__ import annotations

import argparse
import collections
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_S_PER_REPORT = 1.0


def import_all(store: Path, record: Path, pdfs: list[Path]) -> tuple[float, int, str]:
    """Seconds, exit status and last line of `kirklees-tui import --record CSV PDF...`."""
    program = Path(sys.executable).with_name("kirklees-tui")
    argv = [str(program), "import", "--db", str(store), "--record", str(record), *map(str, pdfs)]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    lines = (done.stdout + done.stderr).strip().splitlines()
    return seconds, done.returncode, lines[-1] if lines else ""


def fill(store: Path) -> int:
    """Give each visit only the record knows a copy of an imported report; how many."""
    import hashlib

    from msgspec.structs import replace

    from kirklees_tui.store.model import Finding
    from kirklees_tui.store.read import load_store
    from kirklees_tui.store.update import write_store

    data = load_store(store)
    reports = [s for s in data.sources if s.kind == "report"]
    findings_of: dict[str, list[Finding]] = collections.defaultdict(list)
    for finding in data.findings:
        findings_of[finding.source_id].append(finding)
    bare = [v for v in data.visits if v.record and v.report_id is None and not v.source_ids]
    sources, findings, visits = list(data.sources), list(data.findings), {v.id: v for v in data.visits}
    for n, visit in enumerate(bare):
        template = reports[n % len(reports)]
        copy_id = f"{template.id}-for-{visit.id}"
        sha = hashlib.sha256(f"{template.sha256}{copy_id}".encode()).hexdigest()
        sources.append(replace(template, id=copy_id, file=f"{copy_id}.pdf", sha256=sha))
        findings += [
            replace(f, id=f"{f.id}-{n}", source_id=copy_id, visit_id=visit.id)
            for f in findings_of[template.id]
        ]
        visits[visit.id] = replace(visit, report_id=copy_id, source_ids=(copy_id,), provisional=False)
    write_store(
        store,
        replace(data, sources=tuple(sources), findings=tuple(findings), visits=tuple(visits.values())),
        keep_backups=0,
    )
    return len(bare)


def records(store: Path) -> dict[str, int]:
    from kirklees_tui.store.read import load_store

    data = load_store(store)
    kinds = collections.Counter(source.kind for source in data.sources)
    return {
        "articles": kinds["article"],
        "reports": kinds["report"],
        "visits": len(data.visits),
        "provisional visits": sum(1 for visit in data.visits if visit.provisional),
        "findings": len(data.findings),
        "quotes": len(data.quotes),
    }


def main() -> int:
    from benchmarks.bench_app import BUDGETS, FIRST_FRAME_RATIO, bare_first_frame, counts, measure
    from kirklees_tui.sanitize import one_line

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of inspection report PDFs")
    parser.add_argument("--record", type=Path, help="national_record.csv (default: in FOLDER)")
    parser.add_argument("--runs", type=int, default=3, help="opens of the browser measured")
    parser.add_argument("--fill", action="store_true", help="estimate the national size (see above)")
    args = parser.parse_args()
    record = args.record or args.folder / "national_record.csv"
    pdfs = sorted(args.folder.glob("*.pdf"))
    if not pdfs or not record.is_file():
        print(f"need report PDFs and a national record in {one_line(str(args.folder))}")
        return 1
    compileall.compile_dir(ROOT / "kirklees_tui", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "db.json"
        shutil.copyfile(ROOT / "db.json", store)
        seconds, status, last = import_all(store, record, pdfs)
        print(
            f"import of {len(pdfs)} reports and the record with {os.cpu_count()} cores: "
            f"{seconds:.1f} s, {seconds / len(pdfs):.2f} s per report (target "
            f"{TARGET_S_PER_REPORT:.1f} s), exit {status}: {one_line(last)}"
        )
        if args.fill:
            filled = fill(store)
            print(f"  --fill: {filled} visits known only to the record given a copy of an imported report")
        figures = records(store)
        print("  " + ", ".join(f"{count:,} {label}" for label, count in figures.items()))
        print(f"  store {store.stat().st_size / 2**20:.1f} MB")
        expected = counts(store)
        budgets = BUDGETS[10_000 if expected["all"] <= 10_000 else 100_000]
        cache = Path(tmp) / "cache"
        bare, colds, runs = [], [], []
        for i in range(args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            colds.append(measure(store, expected, Path(tmp) / f"stall-cold{i}", cache))
            bare.append(bare_first_frame())
            runs.append(measure(store, expected, Path(tmp) / f"stall{i}", cache))
    baseline = statistics.median(bare)
    print(
        f"the browser at {expected['all']:,} findings, medians of {args.runs} opens (bare "
        f"Textual app's first frame {baseline:.0f} ms; budgets of the nearest synthetic size)"
    )
    median = {label: statistics.median(run[label] for run in runs) for label in runs[0]}
    ratio = median["first frame"] / baseline
    print(
        f"  {'first frame':<38} {median['first frame']:9.1f}  x{ratio:.2f} of the bare app "
        f"(budget x{FIRST_FRAME_RATIO}) {'ok' if ratio <= FIRST_FRAME_RATIO else 'OVER'}"
    )
    first_open = statistics.median(cold["data interactive"] for cold in colds)
    rows: list[tuple[str, float, int | None]] = [
        ("first open (no cache)", first_open, budgets["data interactive"])
    ]
    rows += [(label, median[label], budgets.get(label)) for label in median if label != "first frame"]
    for label, value, budget in rows:
        note = f"  budget {budget:>5} {'ok' if value <= budget else 'OVER'}" if budget else ""
        print(f"  {label:<38} {value:9.1f}{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
