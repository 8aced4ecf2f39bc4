"""CHG002: an operation is deprecated before it is removed."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.change_control._common import OPERATION_REMOVALS, REFERENCES
from rules.document import Document
from rules.i18n import Text


class RemovedOperationDeprecatedFirst(Rule):
    id = "CHG002"
    name = "removed-operation-deprecated-first"
    category = Category.CHANGE
    severity = Severity.ERROR
    title = Text("Operasi dinyatakan usang sebelum dihapus", "Operations are deprecated before they are removed")
    rationale = Text(
        "Pengguna sebuah operasi hanya tahu operasi itu akan hilang bila versi sebelumnya menandainya "
        "`deprecated`. Operasi yang hilang tanpa tanda itu memutus aplikasi OPD lain tanpa kesempatan "
        "untuk pindah, juga pada versi mayor baru.",
        "The users of an operation only learn that it will go if the previous version marks it "
        "`deprecated`. An operation that disappears without that mark breaks other OPDs' applications "
        "without a chance to move, in a new major version too.",
    )
    fix = Text(
        "Kembalikan operasi itu, tandai `deprecated: true` dengan `x-sunset: YYYY-MM-DD` dan jalur "
        "penggantinya di deskripsi; hapus pada versi sesudah tanggal sunset.",
        "Restore the operation, mark it `deprecated: true` with `x-sunset: YYYY-MM-DD` and its replacement "
        "in the description; remove it in a version after the sunset date.",
    )
    message = Text(
        "{change} tanpa dinyatakan usang (deprecated) lebih dulu; versi lama: {old}",
        "{change} without being deprecated first; old version: {old}",
    )
    references = REFERENCES

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if ctx.baseline is None:
            return
        for change in ctx.baseline.changes:
            if change.kind in OPERATION_REMOVALS and not change.deprecated:
                yield self.violation(change.new.document_pointer, change=change.message, old=change.old.location)
