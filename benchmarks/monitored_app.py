"""The real app with a main-loop stall monitor, for bench_app.py.

A 10 ms timer measures how late each tick fires once the data has loaded; the longest delay
is written to $KIRKLEES_STALL_LOG at exit. The product itself carries no such code.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kirklees_tui.app import KirkleesApp
from kirklees_tui.catalog import Catalog


class MonitoredApp(KirkleesApp):
    longest = 0.0
    _last: float | None = None

    def loaded(self, catalog: Catalog, signature: tuple[int, int, int, int] | None) -> None:
        super().loaded(catalog, signature)
        self.call_after_refresh(self._begin_monitoring)

    def _begin_monitoring(self) -> None:
        self._last = time.perf_counter()
        self.set_interval(0.01, self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.longest = max(self.longest, (now - self._last - 0.01) * 1000)
        self._last = now


if __name__ == "__main__":
    app = MonitoredApp(Path(sys.argv[1]))
    app.run()
    Path(os.environ["KIRKLEES_STALL_LOG"]).write_text(f"{app.longest:.1f}")
