"""The served app turns Nagle's algorithm off, also on the sockets uvicorn binds for ``--workers N``."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

import pytest
from uvicorn.importer import import_from_string

from gate.core.server import set_nodelay


async def _accepted_nodelay(fix: bool) -> int:
    # The listener as uvicorn's Config.bind_socket() makes it for --workers N: proto left at 0.
    listener = socket.socket(socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
            if fix:
                set_nodelay(transport)
            sock = transport.get_extra_info("socket")
            seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
    try:
        port = listener.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        result = await asyncio.wait_for(seen, 5)
        writer.close()
        return result
    finally:
        server.close()


@pytest.mark.skipif(not hasattr(socket, "TCP_NODELAY"), reason="no TCP_NODELAY on this platform")
def test_accepted_connections_get_nodelay() -> None:
    # Without the fix asyncio leaves Nagle on for such a listener (the ~40 ms delayed-ACK stall).
    assert asyncio.run(_accepted_nodelay(fix=False)) == 0
    assert asyncio.run(_accepted_nodelay(fix=True)) != 0


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_hands_uvicorn_the_protocol(workers: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from gate.cli import build_parser
    from gate.core.config import get_settings
    from gate.core.server import PROTOCOL, NoDelayHTTPProtocol

    monkeypatch.setenv("GATE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("GATE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    monkeypatch.setattr("gc.freeze", lambda: None)  # the test process is not a server
    try:
        args = build_parser().parse_args(["serve", "--workers", str(workers), "--port", "0"])
        assert args.func(args) == 0
    finally:
        get_settings.cache_clear()
    assert calls[0]["http"] == PROTOCOL
    # Worker processes resolve the class by that path.
    assert import_from_string(PROTOCOL) is NoDelayHTTPProtocol


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_warms_each_web_process_and_answers_quietly(workers: int, tmp_path: Path) -> None:
    """``serve`` warms every web process before its first request (in uvicorn's worker processes,
    inside their event loop) and prints nothing an operator would take for a fault: no
    deprecation warning (made an error here, in every process), no traceback."""
    import contextlib
    import os
    import subprocess
    import sys
    import time

    import httpx

    from tests.helpers import free_port

    port = free_port()
    env = {
        **os.environ,
        "GATE_DATA_DIR": str(tmp_path),
        "GATE_SECRET_KEY": "uji-rahasia-" + "x" * 20,
        "GATE_MONITOR": "false",
        "PYTHONWARNINGS": "error::DeprecationWarning",
    }
    env.pop("GATE_DATABASE_URL", None)
    command = [sys.executable, "-m", "gate", "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(
        [*command, "--job-workers", "1"], env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        deadline, answered = time.monotonic() + 60, []
        while time.monotonic() < deadline and len(answered) < 3:
            try:
                answered.append(httpx.get(f"http://127.0.0.1:{port}/masuk", timeout=5).status_code)
            except httpx.HTTPError:
                assert server.poll() is None, "serve stopped"
                time.sleep(0.2)
        assert answered == [200, 200, 200]
    finally:
        server.terminate()  # as an operator stops it: serve stops what it started
        try:
            _, stderr = server.communicate(timeout=30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, 9)  # whatever is left of the group
    assert "Traceback" not in stderr and "Warning" not in stderr, stderr


def test_a_job_worker_whose_serve_stopped_while_it_started_leaves_quietly(tmp_path: Path) -> None:
    """``serve`` stopped before a job worker said it was ready: the worker finds its pipe closed
    and leaves, without a traceback on the operator's terminal."""
    import os
    import subprocess
    import sys

    script = (
        "from multiprocessing import Pipe\n"
        "from gate.core.config import Settings\n"
        "from gate.jobs.local import _child\n"
        "supervisor, worker = Pipe()\n"
        "supervisor.close()\n"
        "_child(Settings(), worker)\n"
        "print('selesai')\n"
    )
    env = {**os.environ, "GATE_DATA_DIR": str(tmp_path), "GATE_SECRET_KEY": "uji-rahasia-" + "x" * 20}
    env.pop("GATE_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "selesai", "")
