"""Request bodies are bounded before they are parsed: by the declared length, and while streaming."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers import free_port
from tests.service.conftest import DEV_DINKES, World
from tests.service.test_pages import Visitor
from tests.service.test_workflow import submit

MB = 1024 * 1024


def test_an_oversized_json_body_is_refused_before_it_is_read(world: World) -> None:
    client = world.client(None)
    r = client.post(
        "/api/v1/auth/login",
        content=b'{"email": "' + b"a" * (2 * MB) + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "1 MB" in r.json()["detail"]
    english = client.post(
        "/api/v1/auth/login?lang=en", content=b"x" * (2 * MB), headers={"Content-Type": "application/json"}
    )
    assert english.json()["detail"] == "The request body exceeds this address's limit of 1 MB."


def test_a_chunked_body_is_refused_once_it_streams_past_the_limit(world: World) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        for _ in range(64):  # 4 MB in all, if nobody stopped reading
            sent += 64 * 1024
            yield b" " * (64 * 1024)

    r = world.client(None).post("/api/v1/auth/login", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_pages_refuse_an_oversized_form_with_the_explained_error_page(world: World) -> None:
    visitor = Visitor(world)
    visitor.get("/masuk")
    r = visitor.client.post("/masuk", data={"csrf_token": visitor.csrf, "email": "x" * (2 * MB), "password": "p"})
    assert r.status_code == 413 and "text/html" in r.headers["content-type"]
    assert "melebihi batas 1 MB" in r.text


def test_a_pasted_document_may_be_as_large_as_an_uploaded_one(world: World) -> None:
    """The documented limit is the real one: a pasted document of 3 MB is accepted (it used to get 400)."""
    filler = "\n".join(f"# baris pengisi {i:07d} " + "x" * 60 for i in range(40_000))
    document = "openapi: 3.0.3\ninfo: {title: Tempel Besar, version: 1.0.0}\npaths: {}\n" + filler
    assert len(document) > 3 * MB
    r = world.client(DEV_DINKES).post("/api/v1/submissions", data={"application": "Tempel", "document": document})
    assert r.status_code == 201, r.text[:300]
    too_big = "openapi: 3.0.3\n" + "#" * (world.settings.max_upload_bytes + 10)
    r = world.client(DEV_DINKES).post("/api/v1/submissions", data={"application": "Tempel", "document": too_big})
    assert r.status_code == 413


def test_uploads_keep_their_own_larger_limit(world: World) -> None:
    document = b"openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths: {}\n" + b"#" * (2 * MB)
    assert submit(world.client(DEV_DINKES), "Dua MB", document).status_code == 201


def _rss_peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, int]]:
    port = free_port()
    env = {**os.environ, "GATE_DATA_DIR": str(tmp_path / "data"), "GATE_SECRET_KEY": "uji-" + "r" * 40}
    env.pop("GATE_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "gate", "serve", "--port", str(port), "--job-workers", "1", "--no-access-log"],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/v1/kesehatan", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(10)


def test_two_hundred_megabytes_to_the_sign_in_cost_the_server_nothing(served: tuple[str, int]) -> None:
    """The attack from issue 13: 6.7 s and 599 MB in one web worker before a 422."""
    base, pid = served
    before = _rss_peak_kb(pid)
    port = int(base.rsplit(":", 1)[1])
    started = time.monotonic()
    sent = 0
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {200 * MB}\r\n\r\n".encode()
        )
        chunk = b"a" * (64 * 1024)
        answer = b""
        while sent < 200 * MB:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                answer = sock.recv(65536)
                break
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        if not answer:
            answer = sock.recv(65536)
    took = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert took < 2 and sent < 50 * MB, (took, sent)
    assert _rss_peak_kb(pid) - before < 20 * 1024  # the server's peak grew by less than 20 MB
