"""IOP001: the API's base URL carries its major version."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from rules import pointer as jp
from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document, Operation, Server, is_health_path
from rules.i18n import Text
from rules.interoperability._common import path_pointer


class VersionedBasePath(Rule):
    id = "IOP001"
    name = "versioned-base-path"
    category = Category.INTEROPERABILITY
    severity = Severity.ERROR
    title = Text("Versi mayor ada di URL dasar", "The major version is in the base URL")
    rationale = Text(
        "OPD lain membangun di atas API ini; versi mayor di URL (mis. /v1) membuat perubahan "
        "yang merusak dapat dirilis sebagai /v2 tanpa memutus integrasi yang sudah berjalan.",
        "Other OPDs build on this API; the major version in the URL (e.g. /v1) lets a breaking "
        "change ship as /v2 without cutting the integrations that already run.",
    )
    fix = Text(
        "Tambahkan segmen versi mayor pada URL server, mis. `https://api.contoh.go.id/perizinan/v1`, "
        "atau pada setiap path.",
        "Add a major-version segment to the server URL, e.g. `https://api.example.go.id/permits/v1`, or to every path.",
    )
    message = Text(
        "URL dasar '{url}' tidak memuat versi mayor (mis. /v1), begitu pula path '{path}' yang dilayaninya",
        "Base URL '{url}' does not carry a major version (e.g. /v1), nor does the path '{path}' it serves",
    )
    references = (
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/uri-version",
        "https://opensource.zalando.com/restful-api-guidelines/#api-versioning",
    )
    options = {
        "pattern": Option(
            r"/(?:v\d+(?:\.\d+)*(?:(?:alpha|beta|rc)\d*)?|\d+(?:\.\d+)+|\d{4}-\d{2}-\d{2}"
            r"|\{(?i:[a-z_]*version)\})(?:[/.]|$)",
            Text(
                "Pola segmen versi (bawaan: /v1, /v1.2, /v1beta1, /2.0, tanggal /2024-04-01, atau variabel "
                "path {version})",
                "Pattern of the version segment (default: /v1, /v1.2, /v1beta1, /2.0, a date /2024-04-01, or a "
                "{version} path variable)",
            ),
        ),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        version = re.compile(ctx.option("pattern"))
        unversioned: dict[str, list[Operation]] = {}
        bases: set[str] = set()  # what comes before the version in versioned paths: /apis/apps
        for op in doc.operations:
            m = version.search(op.path + "/")
            if m:
                bases.add(op.path[: m.start()])
            else:
                unversioned.setdefault(op.path, []).append(op)
        if not unversioned:
            return  # every path is versioned itself
        exempt = _discovery_paths(bases)
        open_ops = [op for path, ops in unversioned.items() if not _exempt(path, exempt) for op in ops]
        if not open_ops:
            return
        servers = doc.servers
        if not servers:
            yield Violation(
                path_pointer(open_ops[0].path),
                params={"path": open_ops[0].path},
                message=Text(
                    "Path '{path}' tidak memuat versi mayor dan dokumen tidak menyatakan URL server berversi",
                    "The path '{path}' carries no major version and the document declares no versioned server URL",
                ),
            )
            return
        holders: dict[str, list[Server]] = {}
        for server in servers:
            holders.setdefault(server.pointer.rsplit("/", 2)[0], []).append(server)
        reported: set[str] = set()
        for op in open_ops:
            for server in _effective(doc, op, holders):
                # One finding per server, however many paths or path items declare it (2.0: one
                # per host and base path, whatever its schemes).
                key = server.url.split("://", 1)[-1]
                if key in reported or not key.strip("/"):
                    continue  # no host: a URL the API hands out at run time (a presigned upload)
                path = urlsplit(server.url).path if "://" in server.url else server.url
                if version.search(path + "/"):
                    continue
                reported.add(key)
                yield self.violation(server.path_pointer, url=server.url, path=op.path)


def _effective(doc: Document, op: Operation, holders: dict[str, list[Server]]) -> list[Server]:
    """The servers an operation is served from: its own, its path item's, or the document's."""
    if doc.is_v2:
        return [s for group in holders.values() for s in group]
    for base in (jp.join(op.pointer, "servers"), jp.join(op.path_item_pointer, "servers")):
        if base in holders:
            return holders[base]
    return holders.get("/servers", [])


def _discovery_paths(bases: set[str]) -> set[str]:
    """``/apis/apps`` and ``/apis`` when ``/apis/apps/v1/...`` exists: they list the versions."""
    out: set[str] = set()
    for base in bases:
        parts = base.rstrip("/").split("/")
        for i in range(1, len(parts) + 1):
            out.add("/".join(parts[:i]))
    return out


def _exempt(path: str, discovery: set[str]) -> bool:
    """Version discovery, the version endpoint itself, health checks and /.well-known/ (RFC 8615)."""
    bare = path.rstrip("/")
    if bare in discovery or path.startswith("/.well-known/"):
        return True
    return is_health_path(path) or bare.rsplit("/", 1)[-1].lower() in ("version", "versi")
