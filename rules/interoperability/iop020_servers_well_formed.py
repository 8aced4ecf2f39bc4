"""IOP020: the API says where it is served, with well-formed URLs.

2.0: ``host`` (a bare host name), ``basePath`` and ``schemes``; 3.x: at least one server,
URLs without a trailing slash or a documentation host, every ``{variable}`` defined.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

_VARIABLE = re.compile(r"\{([^{}]*)\}")
#: Host names reserved for documentation (RFC 2606, RFC 6761).
_EXAMPLE_HOSTS = ("example.com", "example.org", "example.net")


def _example_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host.endswith(".example") or any(host == h or host.endswith("." + h) for h in _EXAMPLE_HOSTS)


def _problem(id_: str, en: str) -> dict[str, Any]:
    return {"problem": Text(id_, en)}


class ServersWellFormed(Rule):
    id = "IOP020"
    name = "servers-well-formed"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Server dinyatakan dengan benar", "Servers are declared and well formed")
    rationale = Text(
        "OPD lain membaca alamat API dari dokumen ini, dan generator klien serta katalog merangkainya "
        "dengan path. Tanpa server, alamatnya harus ditebak; `host` yang memuat skema atau path, garis "
        "miring di akhir URL, atau variabel yang tidak didefinisikan menghasilkan URL yang salah, dan "
        "host contoh (`example.com`) bukan alamat siapa pun.",
        "Other OPDs read the API's address from this document, and client generators and the catalogue "
        "join it with the paths. Without a server the address must be guessed; a `host` holding a "
        "scheme or a path, a trailing slash, or an undefined variable produce wrong URLs, and an example "
        "host (`example.com`) is nobody's address.",
    )
    fix = Text(
        "2.0: tulis `host` tanpa skema dan path (mis. `api.contohkab.go.id`), `basePath` diawali `/`, dan "
        "`schemes: [https]`. 3.x: nyatakan `servers` dengan URL lengkap tanpa garis miring di akhir, dan "
        "definisikan setiap `{variabel}` di `variables`.",
        "2.0: write `host` without scheme or path (e.g. `api.example.go.id`), a `basePath` starting with `/`, "
        "and `schemes: [https]`. 3.x: declare `servers` with full URLs without a trailing slash, and define "
        "every `{variable}` under `variables`.",
    )
    message = Text("{problem}", "{problem}")
    references = (
        "https://spec.openapis.org/oas/v3.1.0#server-object",
        "https://swagger.io/specification/v2/#swagger-object",
        "https://www.rfc-editor.org/rfc/rfc2606",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if not doc.operations:
            return  # webhooks or components only: nothing is served from a base URL
        if doc.is_v2:
            yield from self._v2(doc)
        else:
            yield from self._v3(doc)

    def _v2(self, doc: Document) -> Iterator[Violation]:
        data = doc.data
        host = data.get("host")
        if not isinstance(host, str) or not host.strip():
            yield Violation(
                "",
                _problem(
                    "Dokumen tidak menyatakan `host`: alamat API harus ditebak",
                    "The document declares no `host`: the API's address must be guessed",
                ),
            )
            return
        # A scheme or a path in `host` is VAL002's (the 2.0 schema's pattern).
        if _example_host(host.split(":", 1)[0]):
            yield Violation("/host", _example(host))
        base = data.get("basePath")
        if isinstance(base, str) and (not base.startswith("/") or (len(base) > 1 and base.endswith("/"))):
            yield Violation(
                "/basePath",
                _problem(
                    f"`basePath` '{base}' harus diawali `/` dan tidak diakhiri `/`",
                    f"`basePath` '{base}' must start with `/` and not end with `/`",
                ),
            )
        schemes = data.get("schemes")
        if not isinstance(schemes, list) or not schemes:
            yield Violation(
                "/host",
                _problem(
                    "Dokumen tidak menyatakan `schemes`: klien tidak tahu apakah memakai HTTPS",
                    "The document declares no `schemes`: clients cannot tell whether to use HTTPS",
                ),
            )

    def _v3(self, doc: Document) -> Iterator[Violation]:
        servers = doc.servers
        if not servers:
            yield Violation(
                "",
                _problem(
                    "Dokumen tidak menyatakan `servers`: alamat API harus ditebak",
                    "The document declares no `servers`: the API's address must be guessed",
                ),
            )
            return
        seen: set[str] = set()
        for server in servers:
            url = server.url
            if url in seen:
                continue
            seen.add(url)
            holder = doc.get(server.pointer.rsplit("/", 1)[0])
            defined = holder.get("variables") if isinstance(holder, dict) else None
            missing = [v for v in _VARIABLE.findall(url) if not isinstance(defined, dict) or v not in defined]
            if missing:
                names = ", ".join(f"{{{v}}}" for v in missing)
                yield Violation(
                    server.pointer,
                    _problem(
                        f"Variabel {names} pada URL server '{url}' tidak didefinisikan di `variables`",
                        f"Variable {names} of server URL '{url}' is not defined under `variables`",
                    ),
                )
                continue
            try:
                parts = urlsplit(_VARIABLE.sub("x", url))
            except ValueError:
                continue
            if parts.scheme and not parts.netloc:
                yield Violation(
                    server.pointer,
                    _problem(f"URL server '{url}' tidak memuat host", f"Server URL '{url}' has no host"),
                )
            elif parts.path.endswith("/") and (parts.netloc or len(parts.path) > 1):
                yield Violation(
                    server.pointer,
                    _problem(
                        f"URL server '{url}' diakhiri garis miring: path yang digabungkan menjadi '//...'",
                        f"Server URL '{url}' ends with a slash: joined paths become '//...'",
                    ),
                )
            elif parts.hostname and _example_host(parts.hostname):
                yield Violation(server.pointer, _example(url))


def _example(where: str) -> dict[str, Any]:
    return _problem(
        f"'{where}' adalah host contoh (RFC 2606), bukan alamat API",
        f"'{where}' is an example host (RFC 2606), not the API's address",
    )
