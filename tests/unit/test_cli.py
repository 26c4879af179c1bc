"""The command line as a user meets it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from kirklees_tui import __main__ as launch
from kirklees_tui import __version__
from kirklees_tui.store.digest import corpus_digest
from kirklees_tui.store.model import SCHEMA_VERSION
from kirklees_tui.store.read import load_store
from tests.conftest import ROOT


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kirklees_tui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_browsing_without_a_terminal_prints_a_hint_and_exits_2() -> None:
    done = _run()
    assert done.returncode == 2
    assert "use `kirklees-tui export`" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_browsing_through_click_without_a_terminal_prints_the_same_hint() -> None:
    done = _run("--db", str(ROOT / "db.json"), "--theme", "caseloads")
    assert done.returncode == 2
    assert done.stderr == "kirklees-tui: not a terminal; to print records use `kirklees-tui export`\n"


def test_the_first_frame_waits_for_neither_click_nor_the_store_modules() -> None:
    """What `kirklees-tui` (no arguments) imports before the app draws its first frame: the
    app and its entry point, but not click (7 ms) nor the catalog, record model or store
    (read after the first frame)."""
    code = (
        "import sys; from kirklees_tui.ui.launch import open_browser; import kirklees_tui.ui.app; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('click', "
        "'kirklees_tui', 'tinydb', 'orjson')))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True
    )
    loaded = set(done.stdout.split())
    assert {"kirklees_tui.ui.app", "kirklees_tui.ui.launch", "kirklees_tui.query.filter"} <= loaded
    assert not loaded & {
        "click",
        "kirklees_tui.query.catalog",
        "kirklees_tui.store.model",
        "kirklees_tui.store.read",
        "kirklees_tui.cli",
        "tinydb",
        "orjson",
    }


def test_version_names_the_program_the_store_its_schema_and_corpus(tmp_path: Path) -> None:
    shipped = load_store(ROOT / "db.json")
    done = _run("--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"kirklees-tui, version {__version__}",
        f"store: {ROOT / 'db.json'} (the copy shipped with the program): schema {SCHEMA_VERSION}, "
        f"corpus {corpus_digest(shipped.sources)} "
        f"({sum(s.kind == 'article' for s in shipped.sources)} articles, "
        f"{sum(s.kind == 'report' for s in shipped.sources)} reports, "
        f"{len(shipped.findings)} findings, {len(shipped.quotes)} quotes)",
    ]


def test_version_names_the_store_given_before_or_after_it(store_path: Path, tmp_path: Path) -> None:
    for args in (("--db", str(store_path), "--version"), ("--version", "--db", str(store_path))):
        done = _run(*args)
        assert done.returncode == 0
        assert done.stdout.splitlines()[1].startswith(
            f"store: {store_path}: schema {SCHEMA_VERSION}, corpus sha256:"
        ), args
    missing = _run("--db", str(tmp_path / "none.json"), "--version")
    assert missing.returncode == 0, "the version is said whatever the store"
    assert missing.stdout.splitlines()[1] == f"store: not readable: {tmp_path / 'none.json'}: no such store"


def test_the_corpus_digest_is_stable_and_follows_the_articles(store_path: Path) -> None:
    sources = load_store(store_path).sources
    digest = corpus_digest(sources)
    assert digest == corpus_digest(reversed(sources)), "the order of import does not matter"
    assert re.fullmatch(r"sha256:[0-9a-f]{12}", digest)
    assert corpus_digest(sources[1:]) != digest
    assert corpus_digest([*sources[1:], msgspec.structs.replace(sources[0], sha256="0" * 64)]) != digest


@pytest.mark.parametrize(
    ("shell", "said"),
    [
        ("bash", "complete -o nosort -F _kirklees_tui_completion kirklees-tui"),
        ("zsh", "compdef _kirklees_tui_completion kirklees-tui"),
        ("fish", "complete --no-files --command kirklees-tui"),
    ],
)
def test_shell_completion_scripts_are_printed(shell: str, said: str) -> None:
    """What README tells users to put in their shell's start-up file."""
    done = subprocess.run(
        [sys.executable, "-m", "kirklees_tui"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "_KIRKLEES_TUI_COMPLETE": f"{shell}_source"},
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert said in done.stdout


def test_completion_offers_the_commands() -> None:
    """What the bash script asks for as the user presses tab after `kirklees-tui s`."""
    done = subprocess.run(
        [sys.executable, "-m", "kirklees_tui"],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            "_KIRKLEES_TUI_COMPLETE": "bash_complete",
            "COMP_WORDS": "kirklees-tui s",
            "COMP_CWORD": "1",
        },
        stdin=subprocess.DEVNULL,
    )
    assert done.stdout.splitlines() == ["plain,serve"]


def test_db_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    done = _run("export", "--db", str(tmp_path / "none.json"))
    assert done.returncode == 2 and "no such store" in done.stderr
    assert not (tmp_path / "none.json").exists()


def test_environment_variable_chooses_the_store(tmp_path: Path, store_path: Path) -> None:
    env = {**os.environ, "KIRKLEES_TUI_DB": str(tmp_path / "missing.json")}
    done = subprocess.run(
        [sys.executable, "-m", "kirklees_tui", "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 2 and "missing.json" in done.stderr


def test_shipped_store_is_found_from_anywhere(tmp_path: Path) -> None:
    done = _run("check", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "sound" in done.stdout


def test_build_refuses_a_bad_corpus(tmp_path: Path) -> None:
    done = _run("build", "--corpus", str(tmp_path), "--out", str(tmp_path / "db.json"))
    assert done.returncode == 2 and "no articles" in done.stderr
    assert not (tmp_path / "db.json").exists()


def test_an_unexpected_error_is_one_line_naming_the_log_and_exit_70(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import kirklees_tui.store.integrity

    def broken(*args: object) -> list[str]:
        raise RuntimeError("a bug in check")

    monkeypatch.setattr(kirklees_tui.store.integrity, "problems", broken)
    monkeypatch.setenv("KIRKLEES_TUI_STATE", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "argv", ["kirklees-tui", "check", "--db", str(store_path)])
    with pytest.raises(SystemExit) as exit_:
        launch.main()
    assert exit_.value.code == 70
    out, err = capsys.readouterr()
    log = tmp_path / "state" / "errors.log"
    assert err == (
        f"kirklees-tui: unexpected error (RuntimeError: a bug in check); the details are in {log}\n"
    )
    assert "Traceback" not in out
    assert "RuntimeError: a bug in check" in log.read_text()
    with pytest.raises(SystemExit):  # a second error is added to the same log
        launch.main()
    assert log.read_text().count("RuntimeError: a bug in check") == 2
