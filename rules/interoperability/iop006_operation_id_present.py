"""IOP006: every operation has an operationId."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class OperationIdPresent(Rule):
    id = "IOP006"
    name = "operation-id-present"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Setiap operasi punya operationId", "Every operation has an operationId")
    rationale = Text(
        "operationId adalah nama tetap sebuah operasi: menjadi nama fungsi di SDK yang dibangkitkan, "
        "kunci di katalog API dan gateway, serta rujukan dalam `links`. Tanpa itu, pembangkit kode "
        "mengarang nama dari path dan metode, yang berubah begitu path berubah.",
        "The operationId is an operation's stable name: the function name in generated SDKs, the "
        "key in API catalogues and gateways, and the target of `links`. Without it, code generators "
        "make up a name from the path and method, which changes as soon as the path does.",
    )
    fix = Text(
        "Tambahkan `operationId` yang unik dan bermakna pada operasi, mis. `daftarPengajuanIzin`.",
        "Add a unique, meaningful `operationId` to the operation, e.g. `listPermitApplications`.",
    )
    message = Text("{operation} tidak memiliki operationId", "{operation} has no operationId")
    references = (
        "https://spec.openapis.org/oas/v3.1.0#operation-object",
        "https://swagger.io/docs/specification/paths-and-operations/",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for op in doc.operations:
            if op.pointer in seen:
                continue
            seen.add(op.pointer)
            if not (op.operation_id or "").strip():
                yield self.violation(op.pointer, operation=op.label)
