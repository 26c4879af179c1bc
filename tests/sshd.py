"""A throwaway OpenSSH server on loopback, for the SSH test and the SSH benchmark.

A fresh host key and user key in a temporary folder, a free port on 127.0.0.1, no passwords,
no PAM: a real login by key, as a user of a shared server makes one, that leaves nothing
behind. It needs `sshd`, `ssh`, `ssh-keygen` (Debian's openssh-server, which `.ci/run`
installs) and root (sshd switches to the user it logs in).
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["free_port", "missing", "ssh_argv", "throwaway_sshd"]

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)


def missing(*more: str) -> str | None:
    """Why a login cannot be made here (one line), or None."""
    absent = [
        name
        for name, found in (
            ("sshd", SSHD),
            ("ssh", shutil.which("ssh")),
            ("ssh-keygen", shutil.which("ssh-keygen")),
            *((name, shutil.which(name)) for name in more),
        )
        if not found
    ]
    if absent:
        return f"needs {', '.join(absent)} (apt-get install openssh-server {' '.join(more)})".strip()
    if os.geteuid() != 0:
        return "sshd needs root here to log a user in"
    return None


def free_port() -> int:
    """A port nothing listens on now, on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)


@contextmanager
def throwaway_sshd(folder: Path) -> Iterator[tuple[int, Path]]:
    """sshd on a free loopback port, its keys and config in `folder`: the port, and the
    private key that logs in to it. Stopped on leaving."""
    assert SSHD is not None
    _keygen(folder / "host_key")
    _keygen(folder / "user_key")
    authorized = folder / "authorized_keys"
    shutil.copyfile(folder / "user_key.pub", authorized)
    authorized.chmod(0o600)
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host_key'}\n"
        f"AuthorizedKeysFile {authorized}\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nUsePAM no\n"
        f"StrictModes no\nPidFile {folder / 'sshd.pid'}\nLogLevel ERROR\n"
    )
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # its privilege-separation folder
    server = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if server.poll() is not None:
                said = server.stderr.read().decode() if server.stderr else ""
                raise RuntimeError(f"sshd did not start: {said}")
            time.sleep(0.05)
        yield port, folder / "user_key"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


def ssh_argv(port: int, key: Path, remote: str, *options: str) -> list[str]:
    """`ssh -tt` to this user on loopback, trusting the throwaway host key, running `remote`."""
    ssh = shutil.which("ssh") or "ssh"
    return [
        ssh,
        "-tt",
        "-i",
        str(key),
        "-p",
        str(port),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        *options,
        f"{getpass.getuser()}@127.0.0.1",
        remote,
    ]
