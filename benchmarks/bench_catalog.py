"""Open+index and filter timings of the catalog, against TinyDB's own Query in the same run.

Each side is measured in a fresh process (as a user's process would be), on the same
synthetic store. Prints medians, each beside its budget, and the ratio to TinyDB. Budgets
(issue 3): open+index of 100k findings <= 0.6 s, theme filter <= 1 ms, word filter <= 20 ms.
Run: `make bench` or `python benchmarks/bench_catalog.py [SIZE ...]`.
"""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUDGETS: dict[str, float | dict[int, float]] = {
    "open + index": {100_000: 600.0},
    "theme filter": 1.0,
    "all + exclude": 1.0,
    "word filter": 20.0,
}


def median_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure_ours(path: Path) -> dict[str, float]:
    from kirklees_tui.query.catalog import Catalog
    from kirklees_tui.query.filter import Filter
    from kirklees_tui.store.read import load_store

    opens = []
    catalog = None
    for _ in range(5):
        catalog = None  # a fresh process holds no earlier store
        gc.unfreeze()
        gc.collect()
        start = time.perf_counter()
        catalog = Catalog(load_store(path))
        opens.append((time.perf_counter() - start) * 1000)
    assert catalog is not None
    one = Filter(frozenset({"caseloads"}))
    two = Filter(frozenset({"caseloads", "workforce"}), "all", frozenset({"funding"}))
    table = catalog._tables["findings"]

    def words(term: str) -> int:
        table._last_terms = ()  # no reuse: each measurement searches afresh
        return len(catalog.select("findings", Filter(words=term)))

    words("warm")  # the first search folds case once, as the first keystroke would
    return {
        "open + index": statistics.median(opens),
        "theme filter": median_ms(lambda: len(catalog.select("findings", one)), 200),
        "theme filter, row list": median_ms(lambda: catalog.select("findings", one).rows(), 50),
        "all + exclude": median_ms(lambda: len(catalog.select("findings", two)), 200),
        "facet counts, 18 themes": median_ms(lambda: catalog.theme_counts("findings", one), 50),
        "word filter": median_ms(lambda: words("supervision"), 20),
        "word filter, one letter": median_ms(lambda: words("s"), 20),
    }


def measure_tinydb(path: Path) -> dict[str, float]:
    from tinydb import Query, TinyDB
    from tinydb.queries import QueryLike
    from tinydb.storages import JSONStorage

    def opened() -> TinyDB:
        return TinyDB(path, storage=JSONStorage, access_mode="r")

    result = {"open + index": median_ms(lambda: opened().table("findings").all(), 3)}
    table = opened().table("findings")
    q = Query()

    def search(query: QueryLike) -> int:
        table.clear_cache()  # TinyDB caches query results; time the search itself
        return len(table.search(query))

    result["theme filter"] = median_ms(lambda: search(q.themes.any(["caseloads"])), 3)
    result["word filter"] = median_ms(lambda: search(q.text.test(lambda t: "supervision" in t.casefold())), 3)
    return result


def _worker(side: str, path: str) -> None:
    measure = measure_ours if side == "ours" else measure_tinydb
    print(json.dumps(measure(Path(path))))


def _run(side: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", side, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main(sizes: list[int]) -> None:
    from benchmarks.synthetic import write_synthetic

    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = write_synthetic(Path(tmp) / "db.json", size)
            print(f"\n{size:,} findings, {size // 4:,} quotes ({path.stat().st_size / 1e6:.1f} MB)")
            ours, theirs = _run("ours", path), _run("tinydb", path)
            for label, value in ours.items():
                budget = BUDGETS.get(label)
                limit = budget.get(size) if isinstance(budget, dict) else budget
                verdict = (
                    ""
                    if limit is None
                    else (f"  budget {limit:6.1f} ms {'ok' if value <= limit else 'OVER'}")
                )
                base = theirs.get(label)
                ratio = "" if base is None else f"  tinydb {base:8.1f} ms (x{base / value:,.0f})"
                print(f"  {label:<25} {value:9.3f} ms{verdict}{ratio}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        _worker(sys.argv[2], sys.argv[3])
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
