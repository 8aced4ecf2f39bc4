"""SEC010: examples hold no real-looking passwords, tokens or keys."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.security._common import is_credential_name

_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.")
_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
#: Values that plainly are placeholders.
_PLACEHOLDER = re.compile(
    r"^(\**|x+|\.+|-+|<[^<>]*>|\{[^{}]*\}|\$\{[^{}]*\}|string|token|password|secret|rahasia|\[[^\[\]]*\])$", re.I
)
_MAX_NODES = 2000


def _suspicious(value: Any, key: str | None, budget: list[int]) -> str | None:
    """What looks like a secret in ``value`` (found under ``key``), else None."""
    budget[0] -= 1
    if budget[0] < 0:
        return None
    if isinstance(value, str):
        if _JWT.search(value):
            return "JWT"
        if _PRIVATE_KEY.search(value):
            return "private key"
        if key is not None and is_credential_name(key) and value.strip() and not _PLACEHOLDER.match(value.strip()):
            return key
        return None
    if isinstance(value, dict):
        for k, v in value.items():
            found = _suspicious(v, str(k), budget)
            if found:
                return found
    elif isinstance(value, list):
        for v in value:
            found = _suspicious(v, key, budget)
            if found:
                return found
    return None


class NoCredentialsInExamples(Rule):
    id = "SEC010"
    name = "no-credentials-in-examples"
    category = Category.SECURITY
    severity = Severity.ERROR
    title = Text("Tanpa kredensial di contoh", "No credentials in examples")
    rationale = Text(
        "Dokumen API dibaca banyak orang dan dipublikasikan di katalog. Kata sandi, token atau kunci privat "
        "yang ditulis sebagai contoh sering kali kredensial asli dari lingkungan pengembangan, dan tetap "
        "dapat dipakai penyerang.",
        "API documents are read by many and published in the catalogue. A password, token or private key "
        "written as an example is often a real credential from a development environment, and an attacker "
        "can still use it.",
    )
    fix = Text(
        "Ganti nilainya dengan penanda yang jelas palsu, mis. `********` atau `<token>`, lalu cabut dan "
        "ganti kredensial yang sempat tertulis.",
        "Replace the value with an obviously fake placeholder, e.g. `********` or `<token>`, then revoke and "
        "rotate any credential that was written there.",
    )
    message = Text("Contoh ini memuat kredensial ({what})", "This example holds a credential ({what})")
    references = (
        "https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/",
        "https://cwe.mitre.org/data/definitions/798.html",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for example in doc.examples:
            if example.pointer in seen:
                continue
            seen.add(example.pointer)
            key = None
            if example.kind == "schema" and example.schema_pointer:
                info = doc.schema_at(example.schema_pointer)
                key = info.name if info else None
            elif example.kind == "parameter" and isinstance(example.schema, dict):
                key = None
            found = _suspicious(example.value, key, [_MAX_NODES])
            if found:
                yield self.violation(example.pointer, what=found)
