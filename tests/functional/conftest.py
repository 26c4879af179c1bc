"""Fixtures for app tests: an app over a throwaway copy of the built store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kirklees_tui.app import KirkleesApp
from kirklees_tui.catalog import Filter


async def loaded(pilot: Pilot[None]) -> None:
    """Wait until the store has loaded and the screen shows it."""
    app = pilot.app
    assert isinstance(app, KirkleesApp)
    for _ in range(200):
        if app.catalog is not None or app.error is not None:
            break
        await pilot.pause(0.02)
    await pilot.pause()
    assert app.catalog is not None, app.error


@pytest.fixture
def make_app(store_path: Path) -> Callable[..., KirkleesApp]:
    def make(themes: tuple[str, ...] = (), words: str = "", db: Path | None = None) -> KirkleesApp:
        return KirkleesApp(db or store_path, Filter(frozenset(themes), words=words))

    return make
