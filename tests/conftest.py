"""Fixtures shared by unit and functional tests: the corpus, the gold, a built store."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kirklees_tui.extract.build import build_corpus
from kirklees_tui.query.catalog import Catalog
from kirklees_tui.store.model import StoreData
from kirklees_tui.store.update import write_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = ROOT.parent / "shared" / "gold"
REALWORLD = ROOT.parent / "shared" / "realworld"
REPORTS = ROOT.parent / "shared" / "reports"
"""Ofsted's report PDFs (17: three on Kirklees, 14 on other councils) and the national record."""
GENERALISATION = ROOT / "tests" / "generalisation"


def needs(folder: Path) -> pytest.MarkDecorator:
    """Mark a test that reads the data in `folder` (`pytest_runtest_setup` below decides)."""
    return pytest.mark.needs(folder)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test whose data folder is missing is skipped on a developer's machine, and fails in
    CI (`CI` set), where a scoring test must never pass by not running."""
    for mark in item.iter_markers("needs"):
        folder = Path(mark.args[0])
        if folder.is_dir():
            continue
        if os.environ.get("CI"):
            pytest.fail(f"{folder} is missing: the scoring tests need it in CI", pytrace=False)
        pytest.skip(f"{folder} is not beside the repo")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test (and every process it starts) caches under its own temporary directory."""
    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("KIRKLEES_TUI_CACHE", str(directory))
    return directory


@pytest.fixture(autouse=True)
def private_views(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its saved views in its own folder, never the user's."""
    directory = tmp_path_factory.mktemp("views")
    monkeypatch.setenv("KIRKLEES_TUI_DATA", str(directory))
    return directory


@pytest.fixture(scope="session")
def built() -> StoreData:
    """The store built from the shipped corpus, once per session."""
    return build_corpus(CORPUS)


@pytest.fixture(scope="session")
def catalog(built: StoreData) -> Catalog:
    return Catalog(built)


@pytest.fixture
def store_path(tmp_path: Path, built: StoreData) -> Path:
    """A throwaway copy of the built store; nothing touches the real db.json."""
    path = tmp_path / "db.json"
    write_store(path, built, keep_backups=0)
    return path


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the extraction scores (seed gold and generalisation) with every run."""
    from tests.scores import LINES

    if LINES:
        terminalreporter.section("extraction scores")
        for line in LINES:
            terminalreporter.write_line(line)
