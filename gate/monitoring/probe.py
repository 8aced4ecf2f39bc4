"""One round of probes: each catalogued deployment's health URL, its TLS certificate, and the live
OpenAPI document it publishes, many at once, each bounded.

Every connection passes the contract runs' allow-list, checked on the resolved address (the
connection goes to that checked address; TLS still verifies the host name): the network backend
below does what ``gate.contract.guard`` does for schemathesis, without patching anything, so
rounds may run beside a contract run in the same process. Nothing is followed: a redirect is an
answer, not an invitation. Bodies are read up to a limit and no further.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpcore

from gate.contract.guard import AllowList

#: What the health answer's body may be read up to (it is discarded: only the status counts).
HEALTH_BODY = 64 * 1024
#: Probes of one host at the same time: a kabupaten's many applications often share a gateway.
PER_HOST = 4


@dataclass(frozen=True, slots=True)
class Target:
    application_id: int
    #: What is fetched to tell whether the deployment answers (its health endpoint, else its base URL).
    health_url: str
    #: The live OpenAPI document, when the application publishes one.
    document_url: str | None = None


@dataclass(frozen=True, slots=True)
class Observation:
    application_id: int
    url: str
    ok: bool
    status: int | None = None
    latency_ms: float | None = None
    #: Days the TLS certificate has left (None over plain HTTP or when there was no handshake).
    tls_days: int | None = None
    error: str = ""
    document: bytes | None = None
    document_error: str = ""


@dataclass(frozen=True, slots=True)
class Limits:
    timeout_s: float = 5.0
    concurrency: int = 100
    max_document_bytes: int = 5 * 1024 * 1024


class Refused(OSError):
    """The address is not on the allow-list."""


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's own backend, with each host resolved once and checked before connecting."""

    def __init__(self, allow: AllowList):
        from httpcore._backends.auto import AutoBackend

        self.allow = allow
        self.inner = AutoBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        name = host.strip("[]")
        if self.allow.networks is not None:
            loop = asyncio.get_running_loop()
            try:
                infos = await asyncio.wait_for(
                    loop.getaddrinfo(name, port, type=socket.SOCK_STREAM), timeout=timeout or None
                )
            except (OSError, TimeoutError) as exc:
                raise OSError(f"{name}: cannot be resolved ({exc})") from None
            trusted = self.allow.allows_host(name)
            allowed = [str(i[4][0]) for i in infos if trusted or self.allow.allows(str(i[4][0]))]
            if not allowed:
                found = ", ".join(sorted({str(i[4][0]) for i in infos}))
                raise Refused(f"{name} resolves to {found}, which the allow-list does not include")
            name = allowed[0]  # connect to the address that was checked, not the name again
        return await self.inner.connect_tcp(name, port, timeout, local_address, socket_options)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise Refused("unix sockets are never probed")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def ssl_context(ca_file: str | None = None) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if ca_file:
        context.load_verify_locations(ca_file)  # a kabupaten's own CA, for internal deployments
    return context


async def probe_all(
    targets: Sequence[Target], allow: AllowList, limits: Limits, *, ca_file: str | None = None
) -> list[Observation]:
    """Probe every target, ``limits.concurrency`` at a time (and ``PER_HOST`` per host)."""
    context = ssl_context(ca_file)
    backend = _GuardedBackend(allow)
    gate = asyncio.Semaphore(max(1, limits.concurrency))
    hosts: dict[str, asyncio.Semaphore] = {}

    def connect(url: str) -> httpcore.AsyncHTTPConnection:
        # A connection of its own for each deployment: its health answer's latency includes the
        # connection and the handshake, as a user's first request does, whichever deployments
        # share its host; its document comes over the same connection when it can.
        return httpcore.AsyncHTTPConnection(
            httpcore.URL(url).origin, ssl_context=context, keepalive_expiry=limits.timeout_s, network_backend=backend
        )

    async def one(target: Target) -> Observation:
        host = urlsplit(target.health_url).hostname or ""
        per_host = hosts.setdefault(host, asyncio.Semaphore(PER_HOST))
        async with gate, per_host:
            try:
                # The whole probe is bounded too: a target that trickles bytes cannot hold the round.
                return await asyncio.wait_for(_probe(connect, target, limits), timeout=3 * limits.timeout_s)
            except TimeoutError:
                return Observation(target.application_id, target.health_url, False, error="no answer in time")

    return list(await asyncio.gather(*(one(t) for t in targets)))


async def _probe(connect: Callable[[str], httpcore.AsyncHTTPConnection], target: Target, limits: Limits) -> Observation:
    started = time.perf_counter()
    async with connect(target.health_url) as connection:
        try:
            async with connection.stream(
                "GET", target.health_url, headers=_HEADERS, extensions=_timeouts(limits)
            ) as response:
                status = response.status
                latency = round((time.perf_counter() - started) * 1000, 1)
                tls_days = _tls_days(response)
                await _read(response, HEALTH_BODY)
        except (httpcore.TimeoutException, TimeoutError):
            return Observation(target.application_id, target.health_url, False, error="timed out")
        except (httpcore.ConnectError, httpcore.NetworkError, httpcore.ProtocolError, OSError) as exc:
            return Observation(target.application_id, target.health_url, False, error=_reason(exc))
        ok = 200 <= status < 300
        error = "" if ok else f"HTTP {status}"
        document, document_error = None, ""
        if target.document_url:
            origin = httpcore.URL(target.document_url).origin
            if connection.can_handle_request(origin) and connection.is_available():
                document, document_error = await _document(connection, target.document_url, limits)
            else:  # elsewhere, or the health answer left the connection unusable
                async with connect(target.document_url) as other:
                    document, document_error = await _document(other, target.document_url, limits)
    return Observation(
        target.application_id, target.health_url, ok, status, latency, tls_days, error, document, document_error
    )


async def _document(connection: httpcore.AsyncHTTPConnection, url: str, limits: Limits) -> tuple[bytes | None, str]:
    try:
        async with connection.stream("GET", url, headers=_HEADERS, extensions=_timeouts(limits)) as response:
            if not 200 <= response.status < 300:
                return None, f"HTTP {response.status}"
            body, complete = await _read(response, limits.max_document_bytes)
    except (httpcore.TimeoutException, TimeoutError):
        return None, "timed out"
    except (httpcore.ConnectError, httpcore.NetworkError, httpcore.ProtocolError, OSError) as exc:
        return None, _reason(exc)
    if not complete:
        return None, f"larger than {limits.max_document_bytes} bytes"
    return body, ""


async def _read(response: httpcore.Response, limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes of the body; False when there was more (the rest is not read)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_stream():
        size += len(chunk)
        if size > limit:
            return b"", False
        chunks.append(chunk)
    return b"".join(chunks), True


def _tls_days(response: httpcore.Response) -> int | None:
    stream = response.extensions.get("network_stream")
    ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
    if ssl_object is None:
        return None
    cert = ssl_object.getpeercert()
    not_after = cert.get("notAfter") if cert else None
    if not isinstance(not_after, str):
        return None
    expires = datetime.fromtimestamp(ssl.cert_time_to_seconds(not_after), UTC)
    return (expires - datetime.now(UTC)).days


def _timeouts(limits: Limits) -> dict[str, Any]:
    t = limits.timeout_s
    return {"timeout": {"connect": t, "read": t, "write": t, "pool": t}}


def _reason(exc: BaseException) -> str:
    """What went wrong, in a line; a certificate that fails verification says so (httpcore wraps it)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return f"TLS: {seen.verify_message}"[:300]
        seen = seen.__cause__ or seen.__context__
    return (str(exc) or type(exc).__name__)[:300]


_HEADERS = [(b"User-Agent", b"spbe-gate-monitor/1"), (b"Accept", b"application/json, application/yaml, */*")]
