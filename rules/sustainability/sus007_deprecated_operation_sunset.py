"""SUS007: a deprecated operation says when it will be removed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class DeprecatedOperationSunset(Rule):
    id = "SUS007"
    name = "deprecated-operation-sunset"
    category = Category.SUSTAINABILITY
    severity = Severity.WARNING
    title = Text("Operasi usang punya tanggal henti", "Deprecated operations have a sunset date")
    rationale = Text(
        "OPD yang memakai operasi usang perlu tahu sampai kapan operasi itu tersedia agar dapat "
        "menjadwalkan migrasi; tanpa tanggal, operasi dihapus mendadak atau tidak pernah dihapus.",
        "OPDs using a deprecated operation need to know until when it is available so they can schedule "
        "their migration; without a date, it is removed without warning or never removed.",
    )
    fix = Text(
        "Tambahkan `x-sunset: 2027-06-30` (tanggal ISO) pada operasi yang `deprecated: true`, dan kirim "
        "header `Sunset` (RFC 8594) pada responsnya.",
        "Add `x-sunset: 2027-06-30` (an ISO date) to the operation marked `deprecated: true`, and send the "
        "`Sunset` header (RFC 8594) in its responses.",
    )
    message = Text("{operation} usang tanpa x-sunset yang valid", "{operation} is deprecated without a valid x-sunset")
    references = (
        "https://www.rfc-editor.org/rfc/rfc8594",
        "https://opensource.zalando.com/restful-api-guidelines/#189",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for op in doc.operations:
            if not op.deprecated:
                continue
            sunset = op.value.get("x-sunset")
            try:
                date.fromisoformat(str(sunset)[:10])
            except ValueError:
                where = jp.join(op.pointer, "x-sunset") if "x-sunset" in op.value else jp.join(op.pointer, "deprecated")
                yield self.violation(where, operation=op.label)
