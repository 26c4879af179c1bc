"""`kirklees-tui serve` as its user meets it: what it says as it starts and stops, the page it
serves, and one line and exit 2 for everything that stops it from starting."""

from __future__ import annotations

import asyncio
import http.client
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kirklees_tui.cli.serve import NO_EXTRA
from tests.conftest import ROOT
from tests.served import run_serve, serving
from tests.sshd import free_port


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


def _page(port: int, host: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/", headers={"Host": host})
    response = connection.getresponse()
    assert response.status == 200
    return response.read().decode()


def test_serve_says_where_it_listens_serves_the_page_and_stops_on_ctrl_c(store_path: Path) -> None:
    with serving(store_path) as served:
        page = _page(served.port, f"127.0.0.1:{served.port}")
        assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
        assert "Kirklees inspections" in page
        # Reached through `ssh -L 9000:127.0.0.1:PORT`, the page must point at the forward.
        assert 'data-session-websocket-url="ws://localhost:9000/ws"' in _page(served.port, "localhost:9000")
    assert served.returncode == 0
    assert served.stderr.splitlines() == [
        f"serving {store_path.resolve()} at http://127.0.0.1:{served.port}/ (ctrl+c stops)",
        "stopped",
    ]


async def test_ctrl_c_ends_the_open_sessions_with_the_server(store_path: Path) -> None:
    """A page left open must not keep the server up (aiohttp's grace period for open
    connections kept it twenty seconds), nor leave its session's app behind."""
    import aiohttp

    with serving(store_path) as served:
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(f"{served.url}ws?width=80&height=24") as page,
        ):
            drawn = b""
            while b"Findings" not in drawn:  # the app is up and has drawn its data
                message = await asyncio.wait_for(page.receive(), 30)
                assert message.type == aiohttp.WSMsgType.BINARY, message
                drawn += message.data
            assert _sessions(store_path), "no session process to end"
            stopping = asyncio.get_running_loop().run_in_executor(None, served.stop, 10.0)
            async for _ in page:  # the page answers the server's close, as a browser does
                pass
            assert await stopping, "ctrl+c did not stop serve with a page open"
    assert served.returncode == 0 and served.stderr.splitlines()[-1] == "stopped", served.stderr
    assert _sessions(store_path) == []


def _sessions(store: Path) -> list[str]:
    done = subprocess.run(["pgrep", "-f", f"kirklees_tui --db {store}"], capture_output=True, text=True)
    return done.stdout.split()


def test_a_host_other_than_loopback_is_warned_of_in_one_line(store_path: Path) -> None:
    with serving(store_path, "--host", "0.0.0.0") as served:
        pass
    assert served.returncode == 0
    first = served.stderr.splitlines()[0]
    assert first == (
        f"kirklees-tui: warning: listening on 0.0.0.0, not loopback: anyone who can reach port "
        f"{served.port} can read the store (there is no login)"
    )


def test_loopback_by_name_is_not_warned_of(store_path: Path) -> None:
    with serving(store_path, "--host", "localhost") as served:
        pass
    assert "warning" not in served.stderr


@pytest.mark.parametrize("port", ["abc", "0", "70000", "-1", ""])
def test_a_bad_port_is_one_line_and_exit_2(store_path: Path, port: str) -> None:
    line = _one_line(run_serve("--db", str(store_path), "--port", port))
    assert line == f"kirklees-tui: --port: {port!r} is not a port number (1-65535)"


def test_a_port_in_use_is_one_line_and_exit_2(store_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = _one_line(run_serve("--db", str(store_path), "--port", str(port)))
    assert line == (
        f"kirklees-tui: port {port} on 127.0.0.1 is in use (another serve, or another program); "
        "choose another --port"
    )


def test_an_address_not_of_this_machine_is_one_line_and_exit_2(store_path: Path) -> None:
    line = _one_line(run_serve("--db", str(store_path), "--host", "192.0.2.1", "--port", str(free_port())))
    assert line.endswith("--host 192.0.2.1: not an address of this machine"), line


def test_a_missing_store_is_one_line_and_exit_2(tmp_path: Path) -> None:
    line = _one_line(run_serve("--db", str(tmp_path / "none.json"), "--port", str(free_port())))
    assert line == f"kirklees-tui: {tmp_path / 'none.json'}: no such store"


def test_a_broken_store_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "db.json").write_text('{"meta": ')
    line = _one_line(run_serve("--db", str(tmp_path / "db.json"), "--port", str(free_port())))
    assert line.startswith(f"kirklees-tui: {tmp_path / 'db.json'}: ")


def test_without_the_serve_extra_it_says_how_to_install_it(store_path: Path) -> None:
    """As if installed without `[serve]`: textual_serve cannot be imported."""
    code = (
        "import sys; sys.modules['textual_serve'] = None; "
        f"sys.argv = ['kirklees-tui', 'serve', '--db', {str(store_path)!r}]; "
        "from kirklees_tui.__main__ import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT, check=False
    )
    assert _one_line(done) == f"kirklees-tui: {NO_EXTRA}"
