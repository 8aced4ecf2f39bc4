"""VAL008: no key appears twice in the same mapping."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class UniqueKeys(Rule):
    id = "VAL008"
    name = "unique-keys"
    category = Category.VALIDITY
    severity = Severity.WARNING
    title = Text("Tidak ada kunci ganda", "No duplicate keys")
    rationale = Text(
        "YAML melarang kunci ganda; pengurai yang berbeda memilih nilai yang berbeda, sehingga "
        "dokumen dapat dibaca lain oleh alat lain.",
        "YAML forbids duplicate keys; different parsers keep different values, so other tools "
        "may read the document differently.",
    )
    fix = Text("Gabungkan atau hapus kunci yang ganda.", "Merge or remove the duplicated key.")
    message = Text(
        "Kunci '{key}' muncul lebih dari sekali; nilai terakhir yang dipakai",
        "Key '{key}' appears more than once; the last value is used",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for path, source in doc.bundle.files.items():
            for dup in source.parsed.duplicate_keys:
                yield Violation(
                    jp.build(dup.segments), {"key": dup.segments[-1]}, file=path, position=(dup.line, dup.column)
                )
