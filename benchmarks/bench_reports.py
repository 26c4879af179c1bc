"""Seconds per report for reading a PDF, its front page and its findings; and milliseconds
per quotation checked against all the reports.

Issue 19's target: at most 1 s per report on the 2-core reference machine. Each report is
read `--repeat` times (3 by default) in this process and the median taken; the figure printed
is the median over the reports, beside the slowest. A benchmark, not a test: timings vary by
machine. Run: `python benchmarks/bench_reports.py [FOLDER] [--repeat N]` (the folder defaults
to ../shared/reports beside the repo).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_S = 1.0
QUOTES = (
    "There is too much focus on the parents, rather than the experience of children.",
    "Services for vulnerable children in Kirklees are inadequate, due to serious widespread "
    "failures which result in some children not being protected or having their needs met.",
    "Kirklees has the finest children's services in the country and needs no help.",
    "strong and resilient senior leadership",
)


def main() -> int:
    from kirklees_tui.extract.pdf import ReportText, read_report
    from kirklees_tui.extract.report_findings import report_findings
    from kirklees_tui.extract.report_front import read_front_page
    from kirklees_tui.extract.verify import check_quotation
    from kirklees_tui.sanitize import one_line  # file names are printed, and may be anything

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "reports")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.folder.glob("*.pdf"))
    if not paths:
        print(f"no PDF in {one_line(str(args.folder))}")
        return 1
    per_report: list[tuple[float, str, int]] = []
    reports: list[tuple[str, ReportText]] = []
    for path in paths:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            report = read_report(path)
            read_front_page(report)
            findings = report_findings(report)
            times.append(time.perf_counter() - start)
        per_report.append((statistics.median(times), one_line(path.name), len(findings)))
        reports.append((path.name, report))
    for seconds, name, count in per_report:
        print(f"  {name:34} {seconds:6.2f} s  {count:4} findings")
    median = statistics.median(seconds for seconds, _, _ in per_report)
    slowest = max(per_report)
    print(
        f"read + front page + findings: median {median:.2f} s per report "
        f"(target {TARGET_S:.1f} s), slowest {slowest[0]:.2f} s ({slowest[1]}), "
        f"{len(per_report)} reports"
    )
    start = time.perf_counter()
    check_quotation(QUOTES[0], reports)
    first = time.perf_counter() - start
    checks = []
    for _ in range(5):
        for quote in QUOTES:
            start = time.perf_counter()
            check_quotation(quote, reports)
            checks.append((time.perf_counter() - start) * 1000)
    print(
        f"quotation check against {len(reports)} reports: median {statistics.median(checks):.1f} ms "
        f"(first, building the indexes: {first * 1000:.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
