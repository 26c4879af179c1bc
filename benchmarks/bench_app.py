"""The app's speed in a real pseudo-terminal, against a bare Textual app in the same run.

Measures, at 140x40 on synthetic stores of 10k and 100k findings (medians of several runs):
first frame (vs. the bare app), data interactive, a theme key and a typed search character
to the frame that shows the new results, and to the screen settling; the longest main-loop
stall; resident memory; bytes written to the terminal per keystroke. Each figure is printed
beside its budget (issue 4). Run: `python benchmarks/bench_app.py [SIZE ...]`.
"""

from __future__ import annotations

import compileall
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SIZE = (140, 40)
RUNS = 5


class Terminal:
    """A program running in a pseudo-terminal, and every byte it writes."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # size the terminal before the program starts, or it may see 80x24
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
            os.chdir(ROOT)
            os.environ.update(
                {"TERM": "xterm-256color", "COLUMNS": str(SIZE[0]), "LINES": str(SIZE[1]), **(env or {})}
            )
            os.execv(argv[0], argv)
        self.output = bytearray()

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 1 << 20)
        except OSError:
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, marker: bytes, since: int = 0, timeout: float = 30.0) -> float:
        """Seconds (perf_counter) at which `marker` first appeared after offset `since`."""
        deadline = time.perf_counter() + timeout
        while marker not in self.output[since:]:
            if time.perf_counter() > deadline:
                raise TimeoutError(marker)
            self._read(0.005)
        return time.perf_counter()

    def settle(self, quiet: float = 0.15) -> float:
        """Read until nothing arrives for `quiet` seconds; the time of the last byte."""
        last = time.perf_counter()
        while True:
            if self._read(quiet):
                last = time.perf_counter()
            else:
                return last

    def send(self, keys: bytes) -> float:
        now = time.perf_counter()
        os.write(self.fd, keys)
        return now

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.pid}/status").read_text()
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        return kb / 1024

    def quit(self) -> None:
        os.write(self.fd, b"\x11")
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and self._read(0.1):
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def bare_first_frame() -> float:
    term = Terminal([sys.executable, str(ROOT / "benchmarks" / "bare_app.py")])
    at = term.wait_for(b"bare app ready")
    term.settle()
    term.quit()
    return (at - term.started) * 1000


def measure(store: Path, expected: dict[str, int], stall_log: Path, cache: Path) -> dict[str, float]:
    term = Terminal(
        [sys.executable, str(ROOT / "benchmarks" / "monitored_app.py"), str(store)],
        env={"KIRKLEES_STALL_LOG": str(stall_log), "KIRKLEES_TUI_CACHE": str(cache)},
    )
    first = term.wait_for(b"oading the store")
    ready = term.wait_for(f"Findings {expected['all']}".encode())
    term.settle()
    figures = {
        "first frame": (first - term.started) * 1000,
        "data interactive": (ready - term.started) * 1000,
    }
    key_frames, key_settled, key_bytes = [], [], []
    for turn in range(6):
        target = expected["caseloads"] if turn % 2 == 0 else expected["all"]
        mark = len(term.output)
        sent = term.send(b"1")
        shown = term.wait_for(f"Findings {target}".encode(), since=mark)
        settled = term.settle()
        key_frames.append((shown - sent) * 1000)
        key_settled.append((settled - sent) * 1000)
        key_bytes.append(len(term.output) - mark)
    term.send(b"/")
    term.settle()
    search_frames, search_settled, search_bytes = [], [], []
    for turn in range(6):
        typed = turn % 2 == 0
        mark = len(term.output)
        sent = term.send(b"s" if typed else b"\x7f")
        target = expected["s"] if typed else expected["all"]
        shown = term.wait_for(f"Findings {target}".encode(), since=mark)
        settled = term.settle()
        search_frames.append((shown - sent) * 1000)
        search_settled.append((settled - sent) * 1000)
        search_bytes.append(len(term.output) - mark)
    figures.update(
        {
            "theme key to frame": statistics.median(key_frames),
            "theme key settled": statistics.median(key_settled),
            "search char to frame": statistics.median(search_frames),
            "search char settled": statistics.median(search_settled),
            "bytes per keystroke (KB)": max(key_bytes + search_bytes) / 1024,
            "RSS (MB)": term.rss_mb(),
        }
    )
    term.quit()
    stall, verifier_rss = map(float, stall_log.read_text().split())
    figures["longest stall after load"] = stall
    figures["verifier peak RSS (MB)"] = verifier_rss
    return figures


def counts(store: Path) -> dict[str, int]:
    from kirklees_tui.query.catalog import Catalog
    from kirklees_tui.query.filter import Filter
    from kirklees_tui.store.read import load_store

    catalog = Catalog(load_store(store))
    return {
        "all": len(catalog.findings),
        "caseloads": len(catalog.select("findings", Filter(frozenset({"caseloads"})))),
        "s": len(catalog.select("findings", Filter(words="s"))),
    }


FIRST_FRAME_RATIO = 1.10
BUDGETS = {
    10_000: {
        "data interactive": 300,
        "theme key to frame": 16,
        "search char to frame": 16,
        "theme key settled": 60,
        "search char settled": 60,
        "RSS (MB)": 100,
        "longest stall after load": 50,
        "bytes per keystroke (KB)": 15,
    },
    100_000: {
        "data interactive": 600,
        "theme key to frame": 33,
        "search char to frame": 33,
        "theme key settled": 60,
        "search char settled": 60,
        "RSS (MB)": 300,
        "longest stall after load": 50,
        "bytes per keystroke (KB)": 15,
    },
}


def main(sizes: list[int]) -> None:
    from benchmarks.synthetic import write_synthetic

    # Compiled as an installed package is (pip compiles wheels; Python caches on first import),
    # so that, with PYTHONDONTWRITEBYTECODE set, the app is not timed compiling its own source
    # against a bare app whose Textual is compiled.
    compileall.compile_dir(ROOT / "kirklees_tui", quiet=1)
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            store = write_synthetic(Path(tmp) / "db.json", size)
            expected = counts(store)
            cache = Path(tmp) / "cache"
            bare, runs, colds = [], [], []
            for i in range(RUNS):  # the baseline beside each run: the machine's speed drifts
                shutil.rmtree(cache, ignore_errors=True)  # a user's first open: JSON, no cache
                colds.append(measure(store, expected, Path(tmp) / f"stall-cold{i}", cache))
                bare.append(bare_first_frame())
                runs.append(measure(store, expected, Path(tmp) / f"stall{i}", cache))
            baseline = statistics.median(bare)
            print(
                f"\n{size:,} findings at {SIZE[0]}x{SIZE[1]}: medians of {RUNS} opens with the "
                f"per-user cache current, each after a bare Textual app (first frame "
                f"{baseline:.0f} ms); then of {RUNS} first opens (JSON, no cache yet)"
            )
            for label in (label for label in runs[0] if label != "verifier peak RSS (MB)"):
                value = statistics.median(r[label] for r in runs)
                budget = BUDGETS[size].get(label)
                if label == "first frame":
                    ratio = value / baseline
                    verdict = "ok" if ratio <= FIRST_FRAME_RATIO else "OVER"
                    note = f"  x{ratio:.2f} of the bare app (budget x{FIRST_FRAME_RATIO}) {verdict}"
                elif budget is not None:
                    note = f"  budget {budget:>5} {'ok' if value <= budget else 'OVER'}"
                else:
                    note = ""
                print(f"  {label:<38} {value:9.1f}{note}")
            for label in ("data interactive", "longest stall after load"):
                value, budget = statistics.median(c[label] for c in colds), BUDGETS[size][label]
                print(
                    f"  {'first open: ' + label:<38} {value:9.1f}  budget {budget:>5} "
                    f"{'ok' if value <= budget else 'OVER'}"
                )
            value = statistics.median(c["verifier peak RSS (MB)"] for c in colds)
            print(
                f"  {'first open: verifier peak RSS (MB)':<38} {value:9.1f}  (a second "
                f"process for ~0.4 s; counts the mapped file)"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
