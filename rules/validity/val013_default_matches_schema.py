"""VAL013: default values fit their own schema."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.values import mismatch


class DefaultMatchesSchema(Rule):
    id = "VAL013"
    name = "default-matches-schema"
    category = Category.VALIDITY
    severity = Severity.ERROR
    title = Text("Nilai default sesuai skemanya", "Default values fit their schema")
    rationale = Text(
        "Nilai `default` yang tidak sesuai tipe atau enum skemanya akan dipakai klien dan server "
        "ketika nilai tidak dikirim, dan langsung gagal.",
        "A `default` that does not fit its schema's type or enum is what clients and servers use "
        "when no value is sent, and it fails at once.",
    )
    fix = Text(
        "Ubah `default` agar sesuai dengan `type`, `enum` dan batas skemanya (atau tandai "
        "`nullable: true` bila null memang boleh).",
        "Change the `default` to fit the schema's `type`, `enum` and bounds (or mark "
        "`nullable: true` when null is allowed).",
    )
    message = Text("Nilai default tidak sesuai skema: {detail}", "The default value does not fit its schema: {detail}")

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for info in doc.schemas:
            if "default" not in info.value:
                continue
            problem = mismatch(info.value["default"], info.value, doc)
            if problem is not None:
                yield self.violation(jp.join(info.pointer, "default"), detail=problem)
