"""DOC011: tags used by operations are declared."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class TagsDeclared(Rule):
    id = "DOC011"
    name = "tags-declared"
    category = Category.DOCUMENTATION
    severity = Severity.INFO
    title = Text("Tag dideklarasikan", "Tags are declared")
    rationale = Text(
        "Tag yang dideklarasikan di akar dokumen punya deskripsi dan urutan tampil; tag yang hanya muncul "
        "di operasi tampil tanpa penjelasan dan sering salah ketik (`izin` dan `Izin`).",
        "Tags declared at the document root carry a description and a display order; tags that only appear "
        "on operations show up unexplained and are often mistyped (`izin` and `Izin`).",
    )
    fix = Text(
        "Tambahkan tag ke daftar `tags` di akar dokumen, dengan `description`.",
        "Add the tag to the root `tags` list, with a `description`.",
    )
    message = Text(
        "Tag {tag} dipakai {operation} tetapi tidak dideklarasikan", "Tag {tag} is used by {operation} but not declared"
    )
    references = ("https://spec.openapis.org/oas/v3.1.0#tag-object",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        declared = {t.name for t in doc.tags}
        reported: set[str] = set()
        for op in doc.operations:
            tags = op.value.get("tags")
            if not isinstance(tags, list):
                continue
            for i, tag in enumerate(tags):
                if isinstance(tag, str) and tag not in declared and tag not in reported:
                    reported.add(tag)
                    yield self.violation(jp.join(op.pointer, "tags", i), tag=tag, operation=op.label)
