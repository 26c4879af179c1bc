"""The real command line, opening the app with a main-loop stall monitor, for bench_app.py.

The app is started as users start it (`kirklees-tui`, the store named by $KIRKLEES_TUI_DB as a
shared server would set it), through the real entry point, so its first frame is measured
honestly. A 10 ms timer measures how late each tick fires once the data has
loaded; the longest delay is written to $KIRKLEES_STALL_LOG when the app quits. The product
itself carries no such code.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import kirklees_tui.app
from kirklees_tui.launch import main

if TYPE_CHECKING:
    from kirklees_tui.catalog import Catalog


class MonitoredApp(kirklees_tui.app.KirkleesApp):
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

    async def action_quit(self) -> None:
        Path(os.environ["KIRKLEES_STALL_LOG"]).write_text(f"{self.longest:.1f}")
        await super().action_quit()


if __name__ == "__main__":
    kirklees_tui.app.KirkleesApp = MonitoredApp  # type: ignore[misc]  # what the command opens
    os.environ["KIRKLEES_TUI_DB"] = sys.argv[1]
    sys.argv = ["kirklees-tui"]
    main()
