"""The browser notices an import that replaced its store, and reloads on `r`, filter kept."""

from __future__ import annotations

from pathlib import Path

from kirklees_tui.extract.importer import import_files
from tests.conftest import ROOT
from tests.functional.conftest import FINDINGS, MakeApp, listed, loaded, notices, status, until

ARTICLE = ROOT / "tests" / "generalisation" / "g01_calderdale_monitoring.txt"


async def test_changed_store_is_offered_and_reloaded_keeping_the_filter(
    make_app: MakeApp, store_path: Path
) -> None:
    app = make_app(themes=("caseloads",))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        before = listed(app, "findings")
        app.look_at_store()
        assert "Store changed" not in status(app)  # nothing changed yet
        import_files(store_path, [ARTICLE])
        app.look_at_store()
        await until(pilot, lambda: "Store changed on disk: r reloads" in status(app))
        assert any("press r to reload" in n for n in notices(app))
        assert listed(app, "findings") == before  # nothing moves until the user says so
        await pilot.press("r")
        await until(pilot, lambda: "Store changed" not in status(app))
        await pilot.pause()
        assert any(n.startswith("Reloaded:") for n in notices(app))
        after = listed(app, "findings")
        assert "Store changed" not in status(app)
        assert "themes caseloads" in status(app)
        assert all("caseloads" in f.themes for f in after)
        new = [f for f in after if f.source_id.startswith("g01")]
        assert new and len(after) == len(before) + len(new)


async def test_a_broken_store_on_disk_is_not_shown(make_app: MakeApp, store_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        store_path.write_bytes(store_path.read_bytes()[:1000])  # as a careless hand edit might
        app.look_at_store()
        await pilot.press("r")
        await until(pilot, lambda: any(n.startswith("Cannot reload") for n in notices(app)))
        assert app.error is None and app.is_running
        assert len(listed(app, "findings")) == FINDINGS
