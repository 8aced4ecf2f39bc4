"""IOP014: GET and HEAD operations do not change state."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import literal_segments, words

_UNSAFE = ("post", "put", "patch", "delete")


class SafeMethodSemantics(Rule):
    id = "IOP014"
    name = "safe-method-semantics"
    category = Category.INTEROPERABILITY
    severity = Severity.ERROR
    title = Text("GET dan HEAD tidak mengubah data", "GET and HEAD do not change data")
    rationale = Text(
        "GET dan HEAD adalah metode aman (RFC 9110): perayap mesin pencari, pemindai keamanan, "
        "prefetch peramban dan cache boleh memanggilnya kapan saja tanpa izin pengguna. Operasi "
        "GET yang menghapus, mengubah atau menyimpan data akan dijalankan oleh mereka juga, dan "
        "perlindungan CSRF untuk metode tidak aman tidak berlaku.",
        "GET and HEAD are safe methods (RFC 9110): search crawlers, security scanners, browser "
        "prefetch and caches may call them at any time without the user's consent. A GET that "
        "deletes, changes or saves data will be run by them too, and CSRF protection for unsafe "
        "methods does not apply.",
    )
    fix = Text(
        "Gunakan metode yang sesuai: `POST` untuk membuat, `PUT`/`PATCH` untuk mengubah, `DELETE` "
        "untuk menghapus, dan namai path dengan sumber dayanya (mis. `DELETE /pengajuan/{id}` "
        "alih-alih `GET /pengajuan/{id}/hapus`).",
        "Use the matching method: `POST` to create, `PUT`/`PATCH` to change, `DELETE` to delete, "
        "and name the path after its resource (e.g. `DELETE /applications/{id}` instead of "
        "`GET /applications/{id}/delete`).",
    )
    message = Text(
        "{operation} tampak mengubah data: {where} diawali '{verb}'",
        "{operation} appears to change data: {where} starts with '{verb}'",
    )
    references = (
        "https://www.rfc-editor.org/rfc/rfc9110#section-9.2.1",
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/http-safety",
        "https://opensource.zalando.com/restful-api-guidelines/#149",
        "https://italia.github.io/lg-modellointeroperabilita-docs/doc/04_Raccomandazioni%20di%20implementazione/"
        "05_raccomandazioni-tecniche-per-rest/02_progettazione-e-naming.html",
    )
    options = {
        "verbs": Option(
            [
                "delete",
                "remove",
                "destroy",
                "purge",
                "update",
                "create",
                "insert",
                "save",
                "set",
                "reset",
                "cancel",
                "approve",
                "reject",
                "send",
                "hapus",
                "ubah",
                "perbarui",
                "perbaharui",
                "tambah",
                "buat",
                "simpan",
                "batalkan",
                "setujui",
                "tolak",
                "kirim",
            ],
            Text(
                "Kata kerja pengubah data yang tidak boleh mengawali operationId atau segmen path GET",
                "State-changing verbs that must not start a GET operationId or path segment",
            ),
        ),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        verbs = frozenset(str(v).lower() for v in ctx.option("verbs"))
        # Paths at or above an unsafe operation: there a verb segment names the action's resource.
        acted_on: set[str] = set()
        for op in doc.operations:
            if op.method in _UNSAFE:
                path = op.path.rstrip("/")
                while path and path not in acted_on:
                    acted_on.add(path)
                    path = path.rsplit("/", 1)[0]
        seen: set[str] = set()
        for op in doc.operations:
            if op.method not in ("get", "head") or op.pointer in seen:
                continue
            seen.add(op.pointer)
            op_words = words(op.operation_id or "")
            if op_words and op_words[0] in verbs:
                where = Text(f"operationId '{op.operation_id}'", f"operationId '{op.operation_id}'")
                yield self.violation(op.pointer, operation=op.label, where=where, verb=op_words[0])
                continue
            segments = literal_segments(op.path)
            if not segments or op.path.rstrip("/") in acted_on:
                # GET /droplets/{id}/destroy_with_associated_resources, with DELETE on it or below
                # it, reads what the DELETE would remove: the segment names the action's resource.
                continue
            last = words(segments[-1])
            if last and last[0] in verbs:
                where = Text(f"segmen path '{segments[-1]}'", f"path segment '{segments[-1]}'")
                yield self.violation(op.pointer, operation=op.label, where=where, verb=last[0])
