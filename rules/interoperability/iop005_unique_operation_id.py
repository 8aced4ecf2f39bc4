"""IOP005: every operationId is used by one operation only."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document, Operation
from rules.i18n import Text


class UniqueOperationId(Rule):
    id = "IOP005"
    name = "unique-operation-id"
    category = Category.INTEROPERABILITY
    severity = Severity.ERROR
    title = Text("operationId tidak kembar", "operationIds are unique")
    rationale = Text(
        "Pembangkit kode klien (OpenAPI Generator, Swagger Codegen) menjadikan operationId nama "
        "fungsi; dua operasi dengan operationId sama menghasilkan fungsi yang saling menimpa atau "
        "kode yang gagal dikompilasi, dan spesifikasi OpenAPI mewajibkannya unik.",
        "Client code generators (OpenAPI Generator, Swagger Codegen) turn the operationId into a "
        "function name; two operations with the same operationId produce functions that overwrite "
        "each other or code that fails to compile, and the OpenAPI specification requires it to be "
        "unique.",
    )
    fix = Text(
        "Beri setiap operasi operationId yang berbeda, mis. `daftarIzin` untuk GET /izin dan "
        "`ambilIzin` untuk GET /izin/{id}.",
        "Give every operation its own operationId, e.g. `listPermits` for GET /permits and "
        "`getPermit` for GET /permits/{id}.",
    )
    message = Text(
        "operationId '{operation_id}' pada {operation} sudah dipakai oleh {first}",
        "operationId '{operation_id}' of {operation} is already used by {first}",
    )
    references = (
        "https://spec.openapis.org/oas/v3.1.0#operation-object",
        "https://swagger.io/docs/specification/paths-and-operations/",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        first: dict[str, Operation] = {}
        for op in doc.operations:
            operation_id = op.operation_id
            if not operation_id:
                continue
            earlier = first.get(operation_id)
            if earlier is None:
                first[operation_id] = op
            elif earlier.pointer != op.pointer:  # a path item $ref'd twice is one definition
                yield self.violation(
                    jp.join(op.pointer, "operationId"),
                    operation_id=operation_id,
                    operation=op.label,
                    first=earlier.label,
                )
