"""Helpers shared by the security rules: credential names, schema types, hosts."""

from __future__ import annotations

import ipaddress
from itertools import pairwise
from typing import Any, Literal
from urllib.parse import urlsplit

from rules.interoperability._common import words

#: Words that make a name a secret that is read like a password: any real value is a credential.
PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "passphrase", "secret", "sandi", "katasandi"})
#: Words that make a name a token or key: a value is a credential when it looks like one.
TOKEN_WORDS = frozenset(
    {"token", "apikey", "credential", "credentials", "authorization", "auth", "sessionid", "jwt", "bearer"}
)
#: Pairs that are credentials together: api_key, access_key, session_id, kata_sandi, private_key...
PASSWORD_PAIRS = frozenset({("kata", "sandi"), ("private", "key")})
TOKEN_PAIRS = frozenset({("api", "key"), ("access", "key"), ("session", "id"), ("auth", "key")})
#: Pagination cursors are named like tokens but are not credentials.
CURSOR_WORDS = frozenset({"page", "next", "continuation", "cursor", "sync", "halaman"})
#: The last word of a name says what it holds: ``token_type``, ``token_url``, ``api_key_ids``,
#: ``credential_list_sid`` and ``time_to_first_token_ns`` hold no credential.
NOT_SECRET_HEADS = frozenset(
    {
        *("id", "ids", "sid", "sids", "uuid", "uuids", "guid", "type", "types", "kind", "url", "urls", "uri"),
        *("endpoint", "name", "names", "count", "ns", "ms", "length", "len", "size", "at", "date", "time"),
        *("expiry", "expires", "expiration", "ttl", "hint", "prefix", "suffix", "format", "status", "scope"),
        *("scopes", "method", "methods", "mode", "location", "path", "label", "description", "enabled"),
        *("required", "version", "limit", "limits", "policy", "rotation", "fingerprint", "last4", "hash"),
        *("digest", "algorithm", "strength", "plugin", "provider", "mechanism", "source", "flow", "grant"),
        *("config", "settings", "nama", "jenis", "tipe", "tanggal", "waktu"),
    }
)
#: Names that are a credential on their own (but ``key`` is also an ordinary word, which the value
#: decides). Neither ``sid`` (Twilio's resource ids) nor ``session`` (Stripe's session objects, by
#: id) is one: ``session_id`` and ``sessionid`` are.
CREDENTIAL_NAMES = frozenset({"key", "auth"})

CredentialKind = Literal["password", "token"]


def credential_kind(name: str) -> CredentialKind | None:
    """What a field of this name holds: a password-like secret, a token or key, or neither.

    ``password``, ``client_secret``, ``kata_sandi``, ``private_key``: a password; ``access_token``,
    ``api_key``, ``authorization``, ``key``: a token; ``token_type``, ``token_url``, ``sid``,
    ``page_token``, ``api_key_ids``: neither.
    """
    parts = words(name)
    if not parts or (parts[-1] in NOT_SECRET_HEADS and parts[-2:] != ("session", "id")):
        return None
    if CURSOR_WORDS.intersection(parts):
        return None
    pairs = set(pairwise(parts))
    if PASSWORD_WORDS.intersection(parts) or pairs & PASSWORD_PAIRS:
        return "password"
    if TOKEN_WORDS.intersection(parts) or pairs & TOKEN_PAIRS or name.lower() in CREDENTIAL_NAMES:
        return "token"
    return None


def is_credential_name(name: str) -> bool:
    return credential_kind(name) is not None


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
