"""The real command line, opening the app with a main-loop stall monitor, for bench_app.py.

The app is started as users start it (`kirklees-tui`, the store named by $KIRKLEES_TUI_DB as a
shared server would set it), through the real entry point, so its first frame is measured
honestly: the monitored subclass is put in place only once the entry point has forked its
verifier and is about to import Textual. A 10 ms timer measures how late each tick fires once
the data has loaded; the longest delay is written to $KIRKLEES_STALL_LOG when the app quits,
with the verifier process's peak RSS. The product itself carries no such code.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import kirklees_tui.store.verifier
from kirklees_tui.__main__ import main

if TYPE_CHECKING:
    from kirklees_tui.store.verifier import Verifier
    from kirklees_tui.ui.app import KirkleesApp
    from kirklees_tui.ui.loader import StoreLoaded


def monitored(app_class: type[KirkleesApp]) -> type[KirkleesApp]:
    """The app with a timer measuring main-loop stalls once the data has loaded."""

    class MonitoredApp(app_class):  # type: ignore[valid-type,misc]
        longest = 0.0
        _last: float | None = None

        def on_store_loaded(self, event: StoreLoaded) -> None:
            super().on_store_loaded(event)
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
            # The verifier, reaped by now, is this process's only child: its peak memory.
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            Path(os.environ["KIRKLEES_STALL_LOG"]).write_text(f"{self.longest:.1f} {children:.1f}")
            await super().action_quit()

    return MonitoredApp


_start = kirklees_tui.store.verifier.Verifier.start


def _start_then_monitor(db: Path) -> Verifier | None:
    """The entry point's own `Verifier.start`, then the monitored app in place of the real."""
    started = _start(db)
    import kirklees_tui.ui.app

    kirklees_tui.ui.app.KirkleesApp = monitored(kirklees_tui.ui.app.KirkleesApp)  # type: ignore[misc]
    return started


if __name__ == "__main__":
    kirklees_tui.store.verifier.Verifier.start = _start_then_monitor  # type: ignore[method-assign]
    os.environ["KIRKLEES_TUI_DB"] = sys.argv[1]
    sys.argv = ["kirklees-tui"]
    main()
