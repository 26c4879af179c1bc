"""Bytes per keystroke over a real SSH login, beside the same keystrokes in a local terminal
measured in the same run (the baseline).

The app is started as users start it (`kirklees-tui --db STORE`), once in a local pseudo-
terminal and once through `ssh -tt` to a throwaway sshd on loopback (`tests/sshd.py`), with a
relay between client and server that counts the bytes on the wire (encrypted, SSH's framing
and MACs included), with and without `ssh -C`. The keystrokes are bench_app.py's: six theme
keys and six search characters, each followed to the frame that shows its results and until
the screen settles. Prints medians and the worst keystroke, each as a ratio of the local
figure, at 80x24 (the SSH test's terminal) and 140x40 (bench_app.py's). No budget: the local
figure has one (bench_app.py, 15 KB); this says what SSH adds to it.
Run: `python benchmarks/bench_ssh.py [SIZE]` (10,000 findings unless told; needs root and
OpenSSH, as the SSH test does).
"""

from __future__ import annotations

import contextlib
import socket
import statistics
import sys
import tempfile
import threading
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import benchmarks.bench_app as bench_app
from benchmarks.bench_app import ROOT, Terminal, counts
from tests.sshd import missing, ssh_argv, throwaway_sshd

APP = Path(sys.executable).with_name("kirklees-tui")
RUNS = 3
SIZES = ((80, 24), (140, 40))


class CountingRelay:
    """A TCP relay on loopback between the ssh client and sshd, counting the bytes each way."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.down = 0
        """Bytes from the server to the client: the screen, encrypted."""
        self.up = 0
        """Bytes from the client to the server: the keys, encrypted."""
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        client, _ = self.listener.accept()
        server = socket.create_connection(("127.0.0.1", self.target))
        threading.Thread(target=self._pump, args=(client, server, "up"), daemon=True).start()
        self._pump(server, client, "down")

    def _pump(self, source: socket.socket, sink: socket.socket, counter: str) -> None:
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                with contextlib.suppress(OSError):
                    sink.shutdown(socket.SHUT_WR)
                return
            setattr(self, counter, getattr(self, counter) + len(data))
            try:
                sink.sendall(data)
            except OSError:
                return

    def close(self) -> None:
        self.listener.close()


def keystrokes(term: Terminal, expected: dict[str, int], relay: CountingRelay | None) -> dict[str, list[int]]:
    """Bytes the terminal received for each keystroke, and (through the relay) on the wire."""
    seen: dict[str, list[int]] = {"terminal": [], "alone": [], "down": [], "up": []}

    def one(key: bytes, target: int) -> None:
        mark = len(term.output)
        down, up = (relay.down, relay.up) if relay else (0, 0)
        term.send(key)
        term.wait_for(f"Findings {target}".encode(), since=mark)
        term.settle()
        seen["terminal"].append(len(term.output) - mark)
        seen["alone"].append(len(zlib.compress(bytes(term.output[mark:]))))  # as -C would, with no past
        if relay:
            seen["down"].append(relay.down - down)
            seen["up"].append(relay.up - up)

    term.wait_for(f"Findings {expected['all']}".encode())
    term.settle()
    for turn in range(6):
        one(b"1", expected["caseloads"] if turn % 2 == 0 else expected["all"])
    term.send(b"/")
    term.settle()
    for turn in range(6):
        one(b"s" if turn % 2 == 0 else b"\x7f", expected["s"] if turn % 2 == 0 else expected["all"])
    term.quit()
    return seen


def main(size: int) -> None:
    reason = missing()
    if reason is not None:
        print(f"bench_ssh: skipped: {reason}")
        return
    from benchmarks.synthetic import write_synthetic

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = write_synthetic(folder / "db.json", size)
        expected = counts(store)
        cache = folder / "cache"
        env = {"KIRKLEES_TUI_CACHE": str(cache)}
        remote = f"cd {ROOT} && KIRKLEES_TUI_CACHE={cache} TERM=xterm-256color {APP} --db {store}"
        (folder / "ssh").mkdir()
        with throwaway_sshd(folder / "ssh") as (port, key):
            for columns, rows in SIZES:
                bench_app.SIZE = (columns, rows)  # the pseudo-terminal's size, read as each starts
                figures: dict[str, list[int]] = {}
                for _ in range(RUNS):  # alternated, so that drift in the machine's speed is shared
                    local = keystrokes(Terminal([str(APP), "--db", str(store)], env), expected, None)
                    figures.setdefault("local terminal (baseline)", []).extend(local["terminal"])
                    figures.setdefault("  the same, each compressed alone (zlib)", []).extend(local["alone"])
                    for label, options in (("", ()), (" -C", ("-o", "Compression=yes"))):
                        relay = CountingRelay(port)
                        argv = ssh_argv(relay.port, key, remote, *options)
                        over = keystrokes(Terminal(argv, env), expected, relay)
                        relay.close()
                        if not label:
                            figures.setdefault("over SSH: what the terminal receives", []).extend(
                                over["terminal"]
                            )
                        figures.setdefault(f"over SSH{label}: on the wire, down", []).extend(over["down"])
                        figures.setdefault(f"over SSH{label}: on the wire, up (the key)", []).extend(
                            over["up"]
                        )
                _report(size, columns, rows, figures)


def _report(size: int, columns: int, rows: int, figures: dict[str, list[int]]) -> None:
    baseline = statistics.median(figures["local terminal (baseline)"])
    print(
        f"\n{size:,} findings at {columns}x{rows}: bytes per keystroke, medians and worst of "
        f"{len(figures['local terminal (baseline)'])} keystrokes (6 theme keys and 6 search "
        f"characters a run, {RUNS} runs)"
    )
    print(f"  {'':<44} {'median':>9} {'worst':>9} {'x local':>8}")
    for label, values in figures.items():
        median = statistics.median(values)
        ratio = "" if "up (the key)" in label else f"x{median / baseline:.2f}"
        print(f"  {label:<44} {median:>9,.0f} {max(values):>9,} {ratio:>8}")
    print(
        "  (-C: zlib finds a screen shown a keystroke before in its 32 KB window, as these keys\n"
        "  toggle between two views; a screen not seen lately compresses as 'each compressed alone')"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
