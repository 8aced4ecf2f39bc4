"""SEC010: examples hold no real-looking passwords, tokens or keys.

A credential is a value that looks like one, not a name that contains ``key`` or ``token``:

- anywhere: a JWT, a PEM private key with its body, or a provider's key format (AWS, GitHub,
  GitLab, Slack, Stripe live keys, Google, OpenAI/Anthropic, DigitalOcean, SendGrid, Hugging
  Face) whose random part is random;
- in a password-like field (``password``, ``client_secret``, ``kata_sandi``, ``private_key``):
  any value that is not a placeholder;
- in a token or key field (``access_token``, ``api_key``, ``authorization``, ``key``): a value
  with the shape of a secret (long, no spaces, high entropy, not a UUID, URL or sequence).

``sid``, ``token_type``, ``token_url`` and ``api_key_ids`` name no secret (see
``security._common.credential_kind``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.security._common import credential_kind

_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")
#: A private key block with a body (``\n`` may be written out as two characters).
_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----(?:\\n|\s)*[A-Za-z0-9+/=]{40}")
#: Providers' key formats; the captured part must itself look random. Compiled on first use
#: (most documents have no value with a provider's prefix).
_PROVIDER_KEYS = (
    ("AWS access key", r"\b(?:AKIA|ASIA)([0-9A-Z]{16})\b"),
    ("GitHub token", r"\b(?:ghp|gho|ghu|ghs|ghr)_([A-Za-z0-9]{36})\b|\bgithub_pat_([A-Za-z0-9_]{60,})"),
    ("GitLab token", r"\bglpat-([A-Za-z0-9_-]{20,})"),
    ("Slack token", r"\bxox[abprs]-([A-Za-z0-9-]{20,})"),
    ("Stripe live key", r"\b(?:sk|rk)_live_([A-Za-z0-9]{20,})"),
    ("Google API key", r"\bAIza([A-Za-z0-9_-]{35})"),
    ("OpenAI/Anthropic key", r"\bsk-(?:proj-|ant-(?:api\d\d-)?)?([A-Za-z0-9_-]{32,})"),
    ("DigitalOcean token", r"\bdo[por]_v1_([a-f0-9]{64})\b"),
    ("SendGrid key", r"\bSG\.([A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})"),
    ("Hugging Face token", r"\bhf_([A-Za-z0-9]{34})\b"),
)


@cache
def _provider_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((label, re.compile(pattern)) for label, pattern in _PROVIDER_KEYS)


#: Values that plainly are placeholders.
_PLACEHOLDER = re.compile(
    r"^(\**|x+|\.+|-+|<[^<>]*>|\{[^{}]*\}|\$\{[^{}]*\}|\$[A-Z][A-Z0-9_]*|%[A-Z][A-Z0-9_]*%|string|token|password"
    r"|secret|rahasia|null|none|\[[^\[\]]*\])$",
    re.I,
)
#: Words that mark a value as made up, wherever they appear in it.
_MADE_UP = re.compile(
    r"example|sample|dummy|placeholder|redacted|changeme|change_me|your[_ -]?|xxxx|\.\.\.|…|fake|contoh|isi[_ -]", re.I
)
#: A value made only of words (``my-api-key``) describes a secret, it is none; so does one that
#: names what it stands for (``new_password``, ``caching_sha2_password``, ``ek_token_123``).
_DESCRIPTIVE = re.compile(r"^[A-Za-z]+(?:[ _.-][A-Za-z]+)*$")
_SECRET_WORDS = re.compile(r"pass|secret|token|key|sandi|rahasia|auth", re.I)
_NAMES_A_SECRET = re.compile(r"pass(?:word|wd)|secret|token", re.I)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
#: Six characters of a counting sequence (``123456``, ``abcdef``) in a value: typed, not generated.
_SEQUENCES = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "9876543210")
_RUN = re.compile(r"(.)\1{4}")
#: Any of the providers' prefixes: the patterns above run only on a value that has one.
_PROVIDER_PREFIX = re.compile(
    r"AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|[sr]k_live_|AIza|sk-|do[por]_v1_|SG\.|hf_"
)
#: An authorization scheme before the credential itself.
_SCHEME = re.compile(r"^(?:Bearer|Basic|Token|Digest|ApiKey)\s+", re.I)
_MAX_NODES = 2000


def is_placeholder(value: str) -> bool:
    """``********``, ``<token>``, ``$API_TOKEN``, ``example string``, ``your-api-key``, ``new_password``.

    Checked after the shapes of real credentials (a JWT stays one whatever it contains)."""
    return bool(
        _PLACEHOLDER.match(value)
        or _MADE_UP.search(value)
        or _NAMES_A_SECRET.search(value)
        or (_DESCRIPTIVE.match(value) and _SECRET_WORDS.search(value))
    )


def _entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def _patterned(value: str) -> bool:
    """A run of one character or a stretch of a counting sequence: typed, not generated."""
    low = value.lower()
    if _RUN.search(low):
        return True
    return any(seq[i : i + 6] in low for seq in _SEQUENCES for i in range(len(seq) - 5))


def looks_random(value: str, min_length: int = 16) -> bool:
    """The shape of a generated secret: long, one word, high entropy, neither UUID, URL nor sequence."""
    if len(value) < min_length or len(value) > 8192 or any(c.isspace() for c in value):
        return False
    if "://" in value or "@" in value or _UUID.match(value) or is_placeholder(value) or _patterned(value):
        return False
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value)))
    return classes >= 2 and _entropy(value) >= 3.0


def _shape(value: str) -> str | None:
    """The kind of credential the value itself is, wherever it is written."""
    if "eyJ" in value and _JWT.search(value):
        return "JWT"
    if "PRIVATE KEY" in value and _PRIVATE_KEY.search(value):
        return "private key"
    if not _PROVIDER_PREFIX.search(value):
        return None
    for label, pattern in _provider_patterns():
        m = pattern.search(value)
        if m and looks_random(next(g for g in m.groups() if g), 16):
            return label
    return None


def _suspicious(value: Any, key: str | None, budget: list[int]) -> str | None:
    """What looks like a secret in ``value`` (found under ``key``), else None."""
    budget[0] -= 1
    if budget[0] < 0:
        return None
    if isinstance(value, str):
        shape = _shape(value)
        if shape:
            return shape
        kind = credential_kind(key) if key is not None else None
        text = _SCHEME.sub("", value.strip())
        if kind is None or not text or is_placeholder(text):
            return None
        if kind == "password" or looks_random(text):
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
            found = _suspicious(example.value, key, [_MAX_NODES])
            if found:
                yield self.violation(example.pointer, what=found)
