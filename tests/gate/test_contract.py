"""Contract tests against the demonstration application, started on 127.0.0.1; the allow-list."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator

import pytest

from gate.cli import main
from gate.contract.guard import AllowList, guarded
from gate.contract.runner import Bounds, run_contract
from rules.bundle import DirectorySource, load
from rules.parsing import Limits
from tests.helpers import DEMO_APP, free_port

APP = DEMO_APP
AUTH = "Authorization: Bearer token-uji-perizinan"


def _document() -> dict[str, object]:
    data = load(DirectorySource(APP), "openapi.yaml", Limits()).data
    assert isinstance(data, dict)
    return data


def test_the_application_that_keeps_its_contract_passes(good: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(APP / "openapi.yaml"), "--base-url", good, "--auth-header", AUTH, "-f", "json"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert '"contract": 100.0' in out
    assert "token-uji-perizinan" not in out


def test_each_defect_is_reported_at_its_operation_with_its_check(defective: str) -> None:
    run = run_contract(_document(), defective, headers={"Authorization": "Bearer token-uji-perizinan"})
    found = {(f.check, f.operation) for f in run.failures}
    assert ("not_a_server_error", "GET /izin") in found
    assert ("response_schema_conformance", "GET /jenis-izin/{kode}") in found
    assert ("status_code_conformance", "DELETE /izin/{nomor_izin}") in found
    assert ("content_type_conformance", "GET /statistik") in found
    assert run.stopped == "completed" and run.operations_tested == run.operations_total == 10
    for f in run.failures:
        assert f.curl.startswith("curl ") and "token-uji-perizinan" not in f.curl + f.message + f.body


# The CLI on the defective application: the README's console block, run by tests/test_docs.py.


@pytest.mark.parametrize("allowed", [["10.0.0.0/8"], []])
def test_loopback_is_refused_unless_allowed(good: str, allowed: list[str]) -> None:
    run = run_contract(_document(), good, allow=AllowList.parse(allowed))
    assert run.stopped == "unreachable"
    assert "allow-list" in run.error
    assert not [f for f in run.failures if f.status is not None]


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("127.0.0.1", False),
        ("169.254.169.254", False),
        ("10.1.2.3", False),
        ("192.168.1.1", False),
        ("172.16.0.1", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("203.0.113.10", True),
    ],
)
def test_allow_list_checks_addresses(address: str, allowed: bool) -> None:
    allow = AllowList.parse(["203.0.113.0/24"])
    assert allow.allows(address) is allowed


def test_a_target_that_answers_nothing_fails(capsys: pytest.CaptureFixture[str]) -> None:
    closed = f"http://127.0.0.1:{free_port()}/perizinan/v1"  # nothing listens there
    code = main(["test", str(APP / "openapi.yaml"), "--base-url", closed, "--time-limit", "20", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert "KON011" in out


class _Redirect(http.server.BaseHTTPRequestHandler):
    """Answers everything with a redirect to ``target`` (a different, private address)."""

    target = ""

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", self.target + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


class _Hello(_Redirect):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        body = b'{"status": "ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(handler: type[http.server.BaseHTTPRequestHandler], host: str) -> Iterator[int]:
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


HELLO = {
    "openapi": "3.0.3",
    "info": {"title": "Halo", "version": "1.0.0"},
    "paths": {
        "/halo": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                }
            }
        }
    },
}


@contextlib.contextmanager
def _redirecting() -> Iterator[str]:
    """A server on 127.0.0.1 whose every answer redirects to a server on 127.0.0.2 (loopback
    too, but another address); yields the first one's URL."""
    _Hello.hits = 0
    with contextlib.ExitStack() as stack:
        private = stack.enter_context(contextlib.contextmanager(_serve)(_Hello, "127.0.0.2"))
        _Redirect.target = f"http://127.0.0.2:{private}"
        public = stack.enter_context(contextlib.contextmanager(_serve)(_Redirect, "127.0.0.1"))
        yield f"http://127.0.0.1:{public}"


def test_a_redirect_to_an_address_not_allowed_is_refused() -> None:
    """The guard checks every connection of the run, so a client that follows the redirect
    (requests does, across hosts) is refused at the second address unless it is allowed."""
    import requests

    with _redirecting() as url:
        with guarded(AllowList.parse(["127.0.0.1/32"])) as policy, pytest.raises(requests.ConnectionError):
            requests.get(url + "/halo", timeout=5)
        assert _Hello.hits == 0 and any("127.0.0.2" in r for r in policy.refused)
        with guarded(AllowList.parse(["127.0.0.0/8"])):
            assert requests.get(url + "/halo", timeout=5).json() == {"status": "ok"}
        assert _Hello.hits == 1


def test_a_contract_run_follows_no_redirect_to_another_host() -> None:
    """schemathesis itself follows redirects only within the same host and port: a run never
    reaches the other address, whatever the allow-list says."""
    with _redirecting() as url:
        run = run_contract(HELLO, url, allow=AllowList.parse(["127.0.0.0/8"]), bounds=Bounds(max_examples=2))
    assert _Hello.hits == 0 and run.requests > 0 and not run.error


def test_oauth2_client_credentials_from_the_environment(
    good: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    token_url = good.removesuffix("/perizinan/v1") + "/sso/token"
    args = ["test", str(APP / "openapi.yaml"), "--base-url", good, "--oauth2-token-url", token_url, "-f", "json"]
    assert main([*args, "--max-examples", "3"]) == 2  # no client credentials in the environment: a usage error
    monkeypatch.setenv("SPBE_GATE_OAUTH2_CLIENT_ID", "gerbang-spbe")
    monkeypatch.setenv("SPBE_GATE_OAUTH2_CLIENT_SECRET", "rahasia-keliru-7731")
    assert main([*args, "--max-examples", "3"]) == 1  # refused by the token endpoint: nothing could be tested
    out = capsys.readouterr().out
    assert "KON011" in out and "401" in out and "rahasia-keliru-7731" not in out
    monkeypatch.setenv("SPBE_GATE_OAUTH2_CLIENT_SECRET", "rahasia-uji-perizinan")
    assert main([*args, "--max-examples", "3"]) == 0
    out = capsys.readouterr().out
    assert "rahasia-uji-perizinan" not in out and "token-uji-perizinan" not in out
