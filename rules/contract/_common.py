"""What every contract rule shares: it judges the failures of the schemathesis checks it owns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from rules import pointer as jp
from rules.base import Context, Rule, Violation
from rules.contract_run import ContractFailure
from rules.document import Document
from rules.i18n import Text

#: One message for every contract rule: what went wrong in the reader's language, with the evidence
#: (the operation, the response received, the curl command that repeats it) as code, as it was.
MESSAGE = Text(
    "{operation}: {problem}. Respons: {response}. Ulangi dengan: {curl}",
    "{operation}: {problem}. Response: {response}. Reproduce with: {curl}",
)

#: What each schemathesis check found, in words: the one table the reports and the service's job
#: page use (schemathesis' own titles and check ids are English and technical).
CHECKS: dict[str, Text] = {
    "not_a_server_error": Text("Galat server (5xx)", "Server error (5xx)"),
    "status_code_conformance": Text("Kode status yang tidak terdokumentasi", "Undocumented status code"),
    "content_type_conformance": Text("Content-Type yang tidak terdokumentasi", "Undocumented Content-Type"),
    "response_schema_conformance": Text("Isi respons tidak sesuai skemanya", "Response body does not match its schema"),
    "response_headers_conformance": Text(
        "Header respons wajib tidak ada atau tidak sesuai", "Required response headers missing or not matching"
    ),
    "negative_data_rejection": Text(
        "Permintaan yang melanggar skema diterima", "A request that violates the schema was accepted"
    ),
    "positive_data_acceptance": Text(
        "Permintaan yang sesuai skema ditolak", "A request that fits the schema was rejected"
    ),
    "use_after_free": Text("Sumber daya yang dihapus masih tersedia", "A deleted resource is still available"),
    "ensure_resource_availability": Text("Sumber daya yang dibuat tidak ditemukan", "A created resource is not found"),
    "ignored_auth": Text("Autentikasi tidak ditegakkan", "Authentication is not enforced"),
    "object_level_authorization": Text(
        "Otorisasi tingkat objek dapat dilewati", "Object-level authorization can be bypassed"
    ),
    "unsupported_method": Text(
        "Jawaban salah untuk metode yang tidak dideklarasikan", "Wrong answer to a method the path does not declare"
    ),
    "allow_header_conformance": Text(
        "Header Allow tidak sesuai dokumen", "The Allow header does not match the document"
    ),
    "missing_required_header": Text(
        "Permintaan tanpa header wajib diterima", "A request without a required header was accepted"
    ),
}


def check_label(check: str) -> Text:
    """A check in words; one this table does not know (a newer schemathesis) by its name."""
    return CHECKS.get(check) or Text(check, check)


def _code(text: str) -> str:
    """Evidence set apart as code (`...`), unless it holds a backtick itself: then as it is."""
    return f"`{text}`" if "`" not in text else text


#: schemathesis' details (English) that have a known shape, said again in the reader's language;
#: the values stay as they were. Anything else is shown as schemathesis wrote it, as code. The
#: patterns match from the start of the detail's first paragraph; the last four are jsonschema's.
_DETAILS: tuple[tuple[re.Pattern[str], Text], ...] = (
    (
        re.compile(r"Received: (?P<received>[^\n]+)\nDocumented: (?P<documented>[^\n]+)"),
        Text("diterima {received}, yang terdokumentasi {documented}", "received {received}, documented {documented}"),
    ),
    (
        re.compile(r"Invalid data should have been rejected\nExpected: (?P<expected>[^\n]+)"),
        Text("diharapkan {expected}", "expected {expected}"),
    ),
    (
        re.compile(r"(?P<name>.+) is a required property$"),
        Text("properti wajib {name} tidak ada", "required property {name} is missing"),
    ),
    (
        re.compile(r"(?P<value>.+) is not of type (?P<type>.+)$"),
        Text("{value} bukan bertipe {type}", "{value} is not of type {type}"),
    ),
    (
        re.compile(r"(?P<value>.+) is not one of (?P<choices>.+)$"),
        Text("{value} bukan salah satu dari {choices}", "{value} is not one of {choices}"),
    ),
    (
        re.compile(r"Additional properties are not allowed \((?P<names>.+) (?:was|were) unexpected\)"),
        Text("properti tambahan tidak diizinkan: {names}", "additional properties are not allowed: {names}"),
    ),
)


def _detail(message: str) -> Text | None:
    """schemathesis' detail of a failure: its first paragraph (the rest is the schema and the
    value, which the response excerpt and the curl command show better)."""
    head = message.strip().split("\n\n")[0]
    if not head:
        return None
    for pattern, words in _DETAILS:
        if found := pattern.match(head):
            values = {k: _code(_one_line(v, 200)) for k, v in found.groupdict().items()}
            return Text(words.format("id", **values), words.format("en", **values))
    raw = _code(_one_line(head, 200))
    return Text(raw, raw)


class ContractRule(Rule):
    """A rule over what contract tests observed; ``checks`` are the schemathesis checks it owns."""

    checks: ClassVar[tuple[str, ...]] = ()
    references = (
        "https://schemathesis.readthedocs.io/en/stable/reference/checks/",
        "https://spec.openapis.org/oas/v3.1.0#responses-object",
        "https://www.rfc-editor.org/rfc/rfc9110",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if ctx.contract is None:
            return
        where = {(op.method.upper(), op.path): op.pointer for op in doc.operations}
        for failure in ctx.contract.failures:
            if failure.check in self.checks:
                pointer = where.get((failure.method.upper(), failure.path)) or jp.build(("paths", failure.path))
                yield self.violation(pointer, **evidence(failure))


def evidence(failure: ContractFailure) -> dict[str, str | Text]:
    label = check_label(failure.check)
    detail = _detail(failure.message)
    problem = label if detail is None else Text(f"{label.id} ({detail.id})", f"{label.en} ({detail.en})")
    response = "—"
    if failure.status is not None:
        parts = (str(failure.status), failure.content_type, _one_line(failure.body, 200))
        response = _code(" ".join(filter(None, parts)))
    curl = _code(failure.curl) if failure.curl else "—"
    return {"operation": _code(failure.operation), "problem": problem, "response": response, "curl": curl}


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
