"""The browser served to a real web browser: `kirklees-tui serve`, Debian's chromium driven
headless through chromium-driver by selenium (no browser is downloaded).

The page's terminal is xterm.js drawing on a canvas, so its text is not in the page's DOM;
the test reads it from xterm.js's own buffer, through a hook installed before the page's
script runs (textual-serve keeps its terminal object in a closure: the hook catches it as the
terminal's `fitAddon` is assigned). It presses `1` and reads the caseloads filter back, copies
a finding (`y`) and reads the browser's clipboard, exports (`e`, `enter`) and compares the
downloaded file with what `export` prints, and checks that nothing was written on the server
and that no session outlives the server. A screenshot is kept in `artifacts/` (README shows
a copy, `docs/served-browser.png`). Skipped, with the reason, where chromium or its driver is
missing (`.ci/run` installs them).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kirklees_tui.query.catalog import Catalog
from kirklees_tui.query.export import render
from kirklees_tui.query.filter import Filter
from tests.conftest import ROOT
from tests.functional.conftest import FINDINGS
from tests.served import serving

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
DRIVER = shutil.which("chromedriver")
ABSENT = [name for name, found in (("chromium", CHROMIUM), ("chromium-driver", DRIVER)) if not found]
pytestmark = pytest.mark.skipif(
    bool(ABSENT), reason=f"needs {' and '.join(ABSENT)} (apt-get install chromium chromium-driver)"
)
ARTIFACTS = ROOT / "artifacts"
HOOK = """
Object.defineProperty(Object.prototype, "fitAddon", {
  configurable: true,
  set(value) {
    window.__textual = this;
    Object.defineProperty(this, "fitAddon", {value, writable: true, configurable: true, enumerable: true});
  },
});
"""
READ_SCREEN = """
const terminal = window.__textual && window.__textual.terminal;
if (!terminal) return null;
const buffer = terminal.buffer.active;
const rows = [];
for (let y = 0; y < terminal.rows; y++) {
  const line = buffer.getLine(buffer.viewportY + y);
  rows.push(line ? line.translateToString(true) : "");
}
return rows.join("\\n");
"""
READ_CLIPBOARD = """
const done = arguments[arguments.length - 1];
navigator.clipboard.readText().then(done, (error) => done("unreadable: " + error));
"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """Headless chromium, downloading into `tmp_path/downloads` without asking."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,700"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
        (tmp_path / "downloads").mkdir()
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path / "downloads")}
        )
        yield driver
    finally:
        driver.quit()


def _until(check: Callable[[], Any], what: str, timeout: float = 30.0) -> Any:
    """`check()`'s first truthy value, or fail saying `what` never came."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"never saw {what}")


def _status(screen: str) -> str:
    return next((line.strip() for line in screen.splitlines() if "Showing:" in line), "")


def test_the_browser_in_a_web_browser(
    browser: Any, store_path: Path, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    server_side = tmp_path / "server"  # the serving user's folder and home: nothing may land there
    server_side.mkdir()
    monkeypatch.setenv("HOME", str(server_side))
    caseloads = Filter(frozenset({"caseloads"}))
    shown = (len(catalog.select("findings", caseloads)), len(catalog.select("quotes", caseloads)))

    def screen() -> str:
        return str(browser.execute_script(READ_SCREEN) or "")

    with serving(store_path, cwd=server_side) as served:
        browser.get(served.url)
        _until(lambda: f"Findings {FINDINGS}" in screen(), "the store in the page")
        keys = browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")

        keys.send_keys("1")
        status = _until(lambda: "caseloads" in _status(screen()) and _status(screen()), "the theme key")
        assert status.startswith(f"Showing: themes caseloads  ·  {shown[0]} findings, {shown[1]} quotes")
        ARTIFACTS.mkdir(exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "served-browser.png"))

        origin = served.url.rstrip("/")
        browser.execute_cdp_cmd(
            "Browser.grantPermissions",
            {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
        )
        keys.send_keys("y")
        copied = _until(lambda: "Copied" in screen(), "the copy notice") and browser.execute_async_script(
            READ_CLIPBOARD
        )
        first = catalog.select("findings", caseloads)[0]
        assert catalog.findings[first].text in copied and "Huddersfield Examiner" in copied, copied

        keys.send_keys("e")
        _until(lambda: "Download findings in the current view as" in screen(), "the download dialog")
        keys.send_keys(Keys.ENTER)
        download = tmp_path / "downloads" / "kirklees-findings.csv"
        _until(download.exists, "the download", timeout=20)
        assert download.read_text(encoding="utf-8") == render(catalog, "findings", caseloads, "csv")

        keys.send_keys("q")
        ended = "return document.body.classList.contains('-closed')"  # the page's "Session ended."
        _until(lambda: browser.execute_script(ended) and _ended(store_path), "the session end")
    assert served.returncode == 0, served.stderr
    assert served.stderr.splitlines()[-1] == "stopped"
    assert not [p for p in server_side.rglob("*") if p.suffix in (".csv", ".json", ".md")]
    assert _ended(store_path), "a session outlived the server"


def _ended(store: Path) -> bool:
    """No session process (`kirklees_tui --db STORE`) is left."""
    done = subprocess.run(["pgrep", "-f", f"kirklees_tui --db {store}"], capture_output=True, text=True)
    return not done.stdout.strip()
