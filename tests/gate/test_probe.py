"""One probe of a deployment, against real servers on 127.0.0.1: the allow-list is checked before
connecting, the document comes over the health check's connection, a redirect is an answer, and
a body or a silence beyond its limit ends the probe."""

from __future__ import annotations

import asyncio
import http.server
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from gate.contract.guard import AllowList
from gate.monitoring.probe import Limits, Observation, Target, probe_all
from tests.helpers import free_port

DOCUMENT = b'{"openapi": "3.0.3", "info": {"title": "Uji", "version": "1"}, "paths": {}}'


class Server(http.server.ThreadingHTTPServer):
    """Counts connections and requests; each path answers as ``routes`` says."""

    daemon_threads = True

    def __init__(self, port: int, routes: dict[str, tuple[int, bytes, dict[str, str]] | str]):
        self.routes = routes
        self.connections = 0
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", port), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.connections += 1
        super().process_request(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one connection may carry both requests
    server: Server

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        route = self.server.routes.get(self.path, (404, b"{}", {}))
        if route == "hang":
            time.sleep(5)
            return
        assert not isinstance(route, str)
        status, body, headers = route
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Any]:
    started: list[Server] = []

    def start(routes: dict[str, Any], context: ssl.SSLContext | None = None) -> Server:
        server = Server(free_port(), routes)
        if context is not None:
            server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


def _probe(target: Target, allow: str = "127.0.0.1/32", ca_file: str | None = None, **limits: Any) -> Observation:
    [seen] = asyncio.run(probe_all([target], AllowList.parse([allow]), Limits(**limits), ca_file=ca_file))
    return seen


def _health(port: int, scheme: str = "http") -> tuple[str, str]:
    base = f"{scheme}://127.0.0.1:{port}"
    return base + "/kesehatan", base + "/openapi.json"


def test_health_and_document_come_over_one_connection(serve: Any) -> None:
    server = serve({"/kesehatan": (200, b'{"status":"ok"}', {}), "/openapi.json": (200, DOCUMENT, {})})
    health, document = _health(server.server_address[1])
    seen = _probe(Target(1, health, document))
    assert seen.ok and seen.status == 200 and seen.latency_ms is not None and seen.tls_days is None
    assert seen.document == DOCUMENT and seen.document_error == ""
    assert server.requests == ["/kesehatan", "/openapi.json"] and server.connections == 1


def test_a_document_elsewhere_gets_its_own_connection(serve: Any) -> None:
    app = serve({"/kesehatan": (200, b"{}", {})})
    docs = serve({"/openapi.json": (200, DOCUMENT, {})})
    seen = _probe(Target(1, _health(app.server_address[1])[0], _health(docs.server_address[1])[1]))
    assert seen.ok and seen.document == DOCUMENT
    assert (app.connections, docs.connections) == (1, 1)


def test_an_address_off_the_allow_list_is_never_connected_to(serve: Any) -> None:
    server = serve({"/kesehatan": (200, b"{}", {})})
    health, document = _health(server.server_address[1])
    seen = _probe(Target(1, health, document), allow="10.0.0.0/8")
    assert not seen.ok and seen.status is None and "allow-list" in seen.error
    assert server.connections == 0 and server.requests == []


def test_a_redirect_is_an_answer_not_followed(serve: Any) -> None:
    elsewhere = serve({"/kesehatan": (200, b"{}", {})})
    server = serve({"/kesehatan": (302, b"", {"Location": _health(elsewhere.server_address[1])[0]})})
    seen = _probe(Target(1, _health(server.server_address[1])[0]))
    assert not seen.ok and seen.status == 302 and seen.error == "HTTP 302"
    assert elsewhere.requests == []


def test_a_document_beyond_the_limit_is_not_read(serve: Any) -> None:
    server = serve({"/kesehatan": (200, b"{}", {}), "/openapi.json": (200, b" " * 5000 + DOCUMENT, {})})
    health, document = _health(server.server_address[1])
    seen = _probe(Target(1, health, document), max_document_bytes=4096)
    assert seen.ok and seen.document is None and seen.document_error == "larger than 4096 bytes"


def test_a_silent_deployment_times_out(serve: Any) -> None:
    server = serve({"/kesehatan": "hang"})
    started = time.monotonic()
    seen = _probe(Target(1, _health(server.server_address[1])[0]), timeout_s=0.5)
    assert not seen.ok and seen.error == "timed out" and time.monotonic() - started < 3


def test_https_reports_the_certificate_and_refuses_an_untrusted_one(serve: Any, tmp_path: Path) -> None:
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    server = serve({"/kesehatan": (200, b"{}", {}), "/openapi.json": (200, DOCUMENT, {})}, context)
    health, document = _health(server.server_address[1], "https")
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    seen = _probe(Target(1, health, document), ca_file=str(ca_file))
    assert seen.ok and seen.tls_days is not None and seen.tls_days > 300 and seen.document == DOCUMENT
    assert server.connections == 1
    untrusted = _probe(Target(1, health, document))  # the system's CAs do not know this one
    assert not untrusted.ok and untrusted.error.startswith("TLS:")


@pytest.mark.parametrize(
    ("error", "indonesian"),
    [
        ("timed out", "waktu habis"),
        ("HTTP 503", "menjawab HTTP 503"),
        ("All connection attempts failed", "koneksi gagal: ditolak atau tidak terjangkau"),
        ("a.go.id: cannot be resolved (no such name)", "nama a.go.id tidak dapat ditemukan di DNS (no such name)"),
        (
            "a.go.id resolves to 10.0.0.1, which the allow-list does not include",
            "a.go.id mengarah ke 10.0.0.1, yang tidak ada dalam daftar alamat yang diizinkan",
        ),
        ("something new", "something new"),  # unknown: as the network said it
    ],
)
def test_a_probe_error_reads_in_indonesian(error: str, indonesian: str) -> None:
    from gate.services.monitoring import error_text

    assert error_text(error).id == indonesian and error_text(error).en == error


def test_the_errors_a_probe_writes_all_read_in_indonesian(serve: Any) -> None:
    """Every error a real probe writes here has its Indonesian form."""
    from gate.services.monitoring import error_text

    hang = serve({"/kesehatan": "hang"})
    failing = serve({"/kesehatan": (503, b"{}", {})})
    seen = [
        _probe(Target(1, f"http://127.0.0.1:{free_port()}/kesehatan")),
        _probe(Target(1, _health(hang.server_address[1])[0]), timeout_s=0.3),
        _probe(Target(1, _health(failing.server_address[1])[0])),
        _probe(Target(1, _health(failing.server_address[1])[0]), allow="10.0.0.0/8"),
    ]
    for observation in seen:
        assert observation.error and error_text(observation.error).id != observation.error, observation.error
