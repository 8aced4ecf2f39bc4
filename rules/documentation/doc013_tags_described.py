"""DOC013: declared tags have a description."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.documentation._common import described
from rules.i18n import Text


class TagsDescribed(Rule):
    id = "DOC013"
    name = "tags-described"
    category = Category.DOCUMENTATION
    severity = Severity.INFO
    title = Text("Tag punya deskripsi", "Tags have a description")
    rationale = Text(
        "Deskripsi tag menjadi pengantar setiap kelompok operasi di dokumentasi: apa sumber dayanya dan "
        "bagaimana hubungannya dengan kelompok lain.",
        "A tag's description introduces each group of operations in the documentation: what the resource "
        "is and how it relates to the other groups.",
    )
    fix = Text(
        "Tambahkan `description` pada tag di daftar `tags`.", "Add a `description` to the tag in the `tags` list."
    )
    message = Text("Tag {tag} tidak punya description", "Tag {tag} has no description")
    references = ("https://spec.openapis.org/oas/v3.1.0#tag-object",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for tag in doc.tags:
            if not described(tag.value.get("description")):
                yield self.violation(tag.pointer, tag=tag.name)
