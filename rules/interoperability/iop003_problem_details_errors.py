"""IOP003: error responses use RFC 9457 problem details."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document, Operation, Response
from rules.i18n import Text
from rules.interoperability._common import (
    base_media_type,
    is_json,
    is_success,
    object_properties,
    status_class,
    v2_media_list,
)

_PROBLEM = "application/problem+json"
#: RFC 9457 members a problem object must carry; the second set is the Logius subset.
_MEMBER_SETS = (frozenset({"type", "title", "status"}), frozenset({"title", "status", "detail"}))


class ProblemDetailsErrors(Rule):
    id = "IOP003"
    name = "problem-details-errors"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Respons galat memakai problem details (RFC 9457)", "Error responses use problem details (RFC 9457)")
    rationale = Text(
        "Bila setiap OPD merumuskan bentuk galatnya sendiri (`{status: false, pesan: ...}`, "
        "`{error: ...}`), aplikasi yang memakai banyak API harus menulis penanganan galat untuk "
        "masing-masing. RFC 9457 memberi satu bentuk baku (`type`, `title`, `status`, `detail`) "
        "yang dapat dibaca pustaka HTTP mana pun.",
        "When each OPD invents its own error shape (`{status: false, pesan: ...}`, `{error: ...}`), "
        "an application using many APIs has to write error handling for each one. RFC 9457 gives "
        "one standard shape (`type`, `title`, `status`, `detail`) any HTTP library can read.",
    )
    fix = Text(
        "Kembalikan galat dengan tipe media `application/problem+json` dan skema yang memuat "
        "`type`, `title`, `status` dan `detail` (boleh ditambah anggota lain, mis. `errors` untuk "
        "rincian validasi). Definisikan skema `Problem` sekali di components dan rujuk dari setiap "
        "respons 4xx/5xx.",
        "Return errors with the `application/problem+json` media type and a schema carrying "
        "`type`, `title`, `status` and `detail` (extra members such as `errors` for validation "
        "details are fine). Define a `Problem` schema once in components and reference it from "
        "every 4xx/5xx response.",
    )
    message = Text(
        "Respons galat {status} pada {operation} tidak berbentuk problem details (RFC 9457)",
        "Error response {status} of {operation} is not shaped as problem details (RFC 9457)",
    )
    references = (
        "https://www.rfc-editor.org/rfc/rfc9457",
        "https://opensource.zalando.com/restful-api-guidelines/#176",
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/error-handling/problem-details",
        "https://italia.github.io/lg-modellointeroperabilita-docs/doc/04_Raccomandazioni%20di%20implementazione/"
        "05_raccomandazioni-tecniche-per-rest/02_progettazione-e-naming.html",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for op in doc.operations:
            has_success = any(is_success(r.status) for r in op.responses)
            for resp in op.responses:
                kind = status_class(resp.status)
                if kind not in ("4", "5") and not (kind == "default" and has_success):
                    continue
                for pointer in self._offending(doc, op, resp):
                    if pointer not in seen:
                        seen.add(pointer)
                        yield self.violation(pointer, status=resp.status, operation=op.label)

    def _offending(self, doc: Document, op: Operation, resp: Response) -> list[str]:
        """Where the error response must change; empty when it is problem details or has no body."""
        if doc.is_v2:
            schema = resp.value.get("schema")
            if schema is None:
                return []
            produces = v2_media_list(doc, op, "produces")
            if any(base_media_type(m) == _PROBLEM for m, _ in produces) or _is_problem_schema(doc, schema):
                return []
            return [resp.pointer]
        entries = [m for m in op.response_media if m.pointer.startswith(resp.pointer + "/content/")]
        if not entries:
            return []
        for media in entries:
            if base_media_type(media.media_type) == _PROBLEM:
                return []
            if is_json(media.media_type) and media.schema is not None and _is_problem_schema(doc, media.schema):
                return []
        json_entries = [m.pointer for m in entries if is_json(m.media_type)]
        return json_entries or [m.pointer for m in entries]


def _is_problem_schema(doc: Document, schema: Any) -> bool:
    names = _member_names(doc, schema)
    return any(members <= names for members in _MEMBER_SETS)


def _member_names(doc: Document, schema: Any) -> set[str]:
    """Property names of the schema, its allOf parts, and (leniently) any of its anyOf/oneOf branches."""
    names = set(object_properties(doc, schema))
    value = doc.resolve(schema)
    if isinstance(value, dict):
        for key in ("anyOf", "oneOf"):
            branches = value.get(key)
            if isinstance(branches, list):
                for branch in branches:
                    names.update(object_properties(doc, branch))
    return names
