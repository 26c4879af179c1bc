"""`kirklees-tui serve`: the same browser, in a web page, for readers with no terminal.

textual-serve (the `serve` extra, so that terminal users need no web server) runs one
`kirklees-tui --db PATH` per page opened, under Textual's web driver, and relays its screen to
xterm.js in the page. It listens on loopback unless told otherwise: there is no login, so
anyone who can reach the port can read the store, and a wider `--host` says so. What a reader
does in the page writes nothing on the server: `e` becomes a download and `y` copies to the
browser's clipboard (`ui/screens/export_dialog.py`, `ui/screens/main.py`).

What stops it from starting (a bad port, a port in use, an address not on this machine, a
missing or unsound store, the extra not installed) is one line and exit 2, before anything
listens.
"""

from __future__ import annotations

import errno
import ipaddress
import shlex
import socket
import sys
from typing import TYPE_CHECKING, Any

import click

from kirklees_tui.cli.common import DB_HELP, say
from kirklees_tui.exits import fail
from kirklees_tui.store.paths import choose_db

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["NO_EXTRA", "bind_problem", "is_loopback", "parse_port", "serve"]

NO_EXTRA = (
    "serve needs the serve extra: pipx install 'kirklees-tui[serve]' "
    "(or pipx inject kirklees-tui textual-serve; in a checkout: pip install -e '.[serve]')"
)
TITLE = "Kirklees inspections"


@click.command()
@click.option("--db", metavar="PATH", help=DB_HELP)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback lets anyone who can reach the port read the store.",
)
@click.option("--port", default="8000", show_default=True, metavar="N", help="Port to listen on (1-65535).")
def serve(db: str | None, host: str, port: str) -> None:
    """Serve the browser to web browsers (each page its own session; nothing written on the server)."""
    number = parse_port(port)
    path = _sound_store(db)
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        fail(NO_EXTRA)
    problem = bind_problem(host, number)
    if problem is not None:
        fail(problem)
    if not is_loopback(host):
        say(
            f"kirklees-tui: warning: listening on {host}, not loopback: anyone who can reach "
            f"port {number} can read the store (there is no login)",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    command = "exec " + shlex.join([sys.executable, "-m", "kirklees_tui", "--db", str(path.resolve())])
    say(f"serving {path.resolve()} at http://{shown}:{number}/ (ctrl+c stops)", err=True)
    try:
        _server(command, host, number).serve()
    except OSError as error:  # lost a race for the port, or the like
        fail(f"cannot listen on {shown}:{number}: {error.strerror or error}")
    say("stopped", err=True)


def parse_port(text: str) -> int:
    """The port as a number, or exit 2 with one line (click's own error is three)."""
    try:
        number = int(text.strip())
    except ValueError:
        number = 0
    if not 1 <= number <= 65535:
        fail(f"--port: {text!r} is not a port number (1-65535)")
    return number


def is_loopback(host: str) -> bool:
    """True when only this machine can connect: a loopback address, or a name that resolves
    to loopback addresses only (`localhost`)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)}
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in found)


def bind_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on `host`:`port`, in words, or None. Tried as the
    server will (address reuse on, as aiohttp sets it), then let go."""
    try:
        addresses = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (OSError, UnicodeError) as error:
        return f"--host {host!r}: no such address ({getattr(error, 'strerror', None) or error})"
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                return _said(error, host, port)
    return None


def _said(error: OSError, host: str, port: int) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is in use (another serve, or another program); choose another --port"
    if error.errno == errno.EACCES:
        return f"port {port} on {host}: permission denied (ports below 1024 need root); choose --port 8000"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"--host {host}: not an address of this machine"
    return f"cannot listen on {host}:{port}: {error.strerror or error}"


def _sound_store(db: str | None) -> Path:
    """The store every session will open, read once now (and checked as `check` does), so a
    missing or broken store is said here, not in each reader's page."""
    from kirklees_tui.store.errors import StoreError
    from kirklees_tui.store.integrity import problems
    from kirklees_tui.store.read import load_store

    path = choose_db(db)
    try:
        store = load_store(path, dates=False)
    except StoreError as error:
        fail(str(error))
    found = problems(store)
    if found:
        fail(f"{path}: not sound ({found[0]}); `kirklees-tui check` lists every problem")
    return path


def _server(command: str, host: str, port: int) -> Any:
    """textual-serve's server, quieter: our one line instead of its banner, warnings only,
    never a traceback on the terminal (Rich's handler would print one, with locals), the
    page's websocket addressed to the host the browser asked for (so that `--host 0.0.0.0`
    and `ssh -L 9000:127.0.0.1:8000` work), and the open sessions ended on ctrl+c."""
    import asyncio
    import logging

    from textual_serve.server import Server

    class Quiet(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            message = record.getMessage().splitlines()[0] if record.getMessage() else record.levelname
            if record.exc_info and record.exc_info[1] is not None:
                message = f"{message} ({type(record.exc_info[1]).__name__})"
            return f"kirklees-tui serve: {message}"

    class QuietServer(Server):
        def __init__(self, command: str, host: str, port: int, title: str) -> None:
            super().__init__(command, host=host, port=port, title=title)
            self.sessions: set[asyncio.Task[Any]] = set()
            """The page sessions open now (their handlers' tasks)."""

        def initialize_logging(self) -> None:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(Quiet())
            logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
            # A session still ending as the server stops is reaped after the loop has closed;
            # asyncio warns of it, but the process has ended all the same.
            logging.getLogger("asyncio").setLevel(logging.ERROR)

        async def on_startup(self, app: object) -> None:
            """No banner: `serve` has said where it listens."""

        async def handle_websocket(self, request: Any) -> Any:
            task = asyncio.current_task()
            assert task is not None
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        async def on_shutdown(self, app: object) -> None:
            """ctrl+c: end every session now (each tells its app to quit and waits for it), not
            after aiohttp's grace period for open connections; a page left open kept the
            server up for twenty seconds."""
            for task in list(self.sessions):
                task.cancel()

        async def handle_index(self, request: Any) -> Any:
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

    return QuietServer(command, host=host, port=port, title=TITLE)
