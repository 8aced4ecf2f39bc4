"""Helpers shared by the security rules: credential names, schema types, hosts."""

from __future__ import annotations

import ipaddress
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from rules.interoperability._common import words

#: Words that make a name a credential (English and Indonesian).
CREDENTIAL_WORDS = frozenset(
    {
        "token",
        "password",
        "passwd",
        "pwd",
        "secret",
        "apikey",
        "sandi",
        "katasandi",
        "credential",
        "credentials",
        "authorization",
        "sessionid",
        "jwt",
    }
)
#: Pairs that are credentials together: api_key, access_key, session_id, kata_sandi, client_secret...
CREDENTIAL_PAIRS = frozenset(
    {("api", "key"), ("access", "key"), ("session", "id"), ("kata", "sandi"), ("private", "key")}
)
#: Pagination cursors are named like tokens but are not credentials.
CURSOR_WORDS = frozenset({"page", "next", "continuation", "cursor", "sync", "halaman"})
CREDENTIAL_NAMES = frozenset({"key", "sid", "auth", "session"})


def is_credential_name(name: str) -> bool:
    parts = words(name)
    if not parts:
        return False
    if name.lower() in CREDENTIAL_NAMES:
        return True
    if CURSOR_WORDS.intersection(parts):
        return False
    if CREDENTIAL_WORDS.intersection(parts):
        return True
    return any(pair in CREDENTIAL_PAIRS for pair in pairwise(parts))


def types_of(schema: dict[str, Any]) -> set[str]:
    """The schema's declared types (3.1 lists included); empty when it declares none."""
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".test", ".home.arpa", ".intranet")


def local_host(url: str) -> str | None:
    """The host when it is an IP address or a name that only resolves inside a network, else None."""
    if "{" in url:  # server variables: the host is not known
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    if host == "localhost" or host.endswith(LOCAL_SUFFIXES) or "." not in host:
        return host
    return None


def documents_status(statuses: set[str], code: str) -> bool:
    """The operation answers ``code`` explicitly, through its range (``4XX``) or ``default``."""
    return code in statuses or f"{code[0]}XX" in statuses or "default" in statuses


def is_secured(requirements: list[Any] | None) -> bool:
    return bool(requirements) and not any(isinstance(r, dict) and not r for r in requirements or [])
