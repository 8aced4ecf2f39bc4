"""Which addresses a contract run may connect to, checked when each connection is opened.

A base URL typed by a user must not become a way to probe the network the gate runs in. The check
is made on the address the connection really goes to: the host is resolved once, every resolved
address is checked against the allow-list, and the socket connects to that checked address (a
second resolution could answer differently: DNS rebinding). Redirects open new connections, so
they pass through here too. requests (schemathesis' transport) connects through
``urllib3.util.connection.create_connection``; ``guarded`` puts the check there for the run.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import urllib3.util.connection as u3

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class TargetRefused(ConnectionError):
    """The target's address is not on the allow-list (or the run's request budget is spent)."""


@dataclass(frozen=True, slots=True)
class AllowList:
    """What a run may reach: networks (checked on the resolved address) and host names the
    administrator trusts (``staging.dinkes.example.go.id``, or ``*.example.go.id`` for its
    subdomains), whatever they resolve to. ``networks=None`` allows everything (the CLI on a
    developer's own machine)."""

    networks: tuple[Network, ...] | None
    hosts: tuple[str, ...] = ()

    @classmethod
    def parse(cls, entries: Sequence[str] | None) -> AllowList:
        """Each entry a network (``10.20.0.0/16``, ``127.0.0.1``) or a host name; raises ValueError."""
        if entries is None:
            return cls(None)
        networks: list[Network] = []
        hosts: list[str] = []
        for entry in (e.strip() for e in entries):
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                if not _HOST.fullmatch(entry):
                    raise ValueError(f"{entry!r} is neither a network nor a host name") from None
                hosts.append(entry.lower().rstrip("."))
        return cls(tuple(networks), tuple(hosts))

    def allows_host(self, host: str) -> bool:
        name = host.lower().rstrip(".")
        return any(name == h or (h.startswith("*.") and name.endswith(h[1:])) for h in self.hosts)

    def allows(self, address: str) -> bool:
        if self.networks is None:
            return True
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
        return any(ip in net for net in self.networks)


def refused_addresses(allow: AllowList, host: str, port: int, timeout_s: float = 2.0) -> list[str]:
    """Before a run is queued: the addresses of ``host`` when the allow-list refuses all of them.

    Empty when the run may go: the allow-list is open, the name is trusted, one of its addresses is
    allowed, or it does not resolve now (then the run itself finds the target unreachable, KON011,
    which is the application's problem, not the gate's policy)."""
    name = host.strip("[]")
    if allow.networks is None or allow.allows_host(name):
        return []
    try:
        ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        pass
    else:
        return [] if allow.allows(name) else [name]
    found: list[Any] = []
    worker = threading.Thread(target=lambda: found.extend(_resolve(name, port)), daemon=True)
    worker.start()
    worker.join(timeout_s)  # a slow resolver must not hold the request: then the run decides
    addresses = sorted({str(info[4][0]) for info in found})
    if not addresses or any(allow.allows(a) for a in addresses):
        return []
    return addresses


def _resolve(host: str, port: int) -> list[Any]:
    try:
        return list(socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM))
    except (OSError, UnicodeError):
        return []


_HOST = re.compile(r"(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]\.?")


class _Policy:
    """The allow-list and request budget of the run in progress, shared by schemathesis' threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.allow: AllowList | None = None
        self.connected = 0
        self.refused: list[str] = []


_POLICY = _Policy()
_ORIGINAL = u3.create_connection


_DEFAULT_TIMEOUT: Any = getattr(socket, "_GLOBAL_DEFAULT_TIMEOUT", None)


def _checked_connection(
    address: tuple[str, int], timeout: Any = _DEFAULT_TIMEOUT, *args: Any, **kw: Any
) -> socket.socket:
    allow = _POLICY.allow
    if allow is None:
        return _ORIGINAL(address, timeout, *args, **kw)
    host, port = address
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, 0, socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise TargetRefused(f"{host}: cannot be resolved ({exc})") from None
    trusted = allow.allows_host(host.strip("[]"))
    allowed = [info for info in infos if trusted or allow.allows(str(info[4][0]))]
    if not allowed:
        refused = ", ".join(sorted({str(i[4][0]) for i in infos}))
        with _POLICY.lock:
            _POLICY.refused.append(f"{host} ({refused})")
        raise TargetRefused(f"{host} resolves to {refused}, which the allow-list does not include")
    last: OSError | None = None
    for family, kind, proto, _, sockaddr in allowed:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not _DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            sock.connect(sockaddr)  # the checked address itself, not the name again
            with _POLICY.lock:
                _POLICY.connected += 1
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise last or OSError(f"{host}: no address to connect to")


@contextmanager
def guarded(allow: AllowList) -> Iterator[_Policy]:
    """Check every connection opened in this process against ``allow`` while the block runs."""
    with _POLICY.lock:
        if _POLICY.allow is not None:
            raise RuntimeError("a guarded contract run is already in progress in this process")
        _POLICY.allow, _POLICY.refused, _POLICY.connected = allow, [], 0
    u3.create_connection = _checked_connection
    try:
        yield _POLICY
    finally:
        u3.create_connection = _ORIGINAL
        with _POLICY.lock:
            _POLICY.allow = None
