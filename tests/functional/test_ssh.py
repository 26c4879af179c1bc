"""The browser over a real SSH login, as its users meet it on a shared server.

`sshd` runs on a free loopback port with a throwaway host key and a throwaway user key; the
client logs in with `ssh -tt` inside tmux at 80x24 and starts `kirklees-tui`; the test presses
keys as a person would and reads the screen back. Skipped, with the reason, where OpenSSH or
tmux is missing (`.ci/run` installs them from Debian's packages), or where `sshd` cannot run
because this is not root.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.functional.conftest import FINDINGS

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
MISSING = [
    name
    for name, found in (
        ("sshd", SSHD),
        ("ssh", shutil.which("ssh")),
        ("ssh-keygen", shutil.which("ssh-keygen")),
        ("tmux", shutil.which("tmux")),
    )
    if not found
]
pytestmark = [
    pytest.mark.skipif(
        bool(MISSING), reason=f"needs {', '.join(MISSING)} (apt-get install openssh-server tmux)"
    ),
    pytest.mark.skipif(os.geteuid() != 0, reason="sshd needs root here to log a user in"),
]
APP = Path(sys.executable).with_name("kirklees-tui")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A throwaway sshd on loopback: its port, and the private key that logs in to it."""
    _keygen(tmp_path / "host_key")
    _keygen(tmp_path / "user_key")
    authorized = tmp_path / "authorized_keys"
    shutil.copyfile(tmp_path / "user_key.pub", authorized)
    authorized.chmod(0o600)
    port = _free_port()
    config = tmp_path / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {tmp_path / 'host_key'}\n"
        f"AuthorizedKeysFile {authorized}\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nUsePAM no\n"
        f"StrictModes no\nPidFile {tmp_path / 'sshd.pid'}\nLogLevel ERROR\n"
    )
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # its privilege-separation folder
    server = subprocess.Popen(
        [str(SSHD), "-D", "-e", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if server.poll() is not None:
                pytest.fail(f"sshd did not start: {server.stderr.read().decode() if server.stderr else ''}")
            time.sleep(0.05)
        yield port, tmp_path / "user_key"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


class Tmux:
    """One tmux session at 80x24, read back as text."""

    def __init__(self, command: str) -> None:
        self.name = f"kt-{uuid.uuid4().hex[:8]}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", command], check=True
        )

    def screen(self) -> str:
        done = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return done.stdout

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def until(self, seen: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if seen in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"never saw {seen!r}; the screen was:\n{screen}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _running(marker: str) -> list[str]:
    done = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True)
    return done.stdout.split()


def test_the_browser_over_a_real_ssh_login(sshd: tuple[int, Path], store_path: Path) -> None:
    port, key = sshd
    remote = f"cd {ROOT} && KIRKLEES_TUI_CACHE=off TERM=xterm-256color {APP} --db {store_path}"
    session = Tmux(
        f"ssh -tt -i {key} -p {port} -o StrictHostKeyChecking=no "
        f"-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR root@127.0.0.1 '{remote}'"
    )
    try:
        opened = session.until(f"Findings {FINDINGS}")
        assert "Showing: everything" in opened
        session.keys("1")
        assert "Showing: themes caseloads" in session.until("themes caseloads")
        session.keys("/", "drift")
        session.until("words “drift”")
        session.keys("Enter")  # back to the results, the words kept
        time.sleep(0.5)
        session.keys("Escape")  # clears the search
        deadline = time.monotonic() + 10
        while "“drift”" in session.screen() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "“drift”" not in session.screen()
        session.keys("q")
        deadline = time.monotonic() + 15
        while session.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not session.alive(), f"the login did not end on q:\n{session.screen()}"
        assert _running(str(store_path)) == [], "a browser process was left behind"
    finally:
        session.close()
