"""CHG003: a deprecated operation is removed only after its sunset date."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.change_control._common import OPERATION_REMOVALS, REFERENCES, sunset_passed
from rules.document import Document
from rules.i18n import Text


class RemovedAfterSunset(Rule):
    id = "CHG003"
    name = "removed-after-sunset"
    category = Category.CHANGE
    severity = Severity.ERROR
    title = Text("Operasi usang dihapus setelah tanggal sunset", "Deprecated operations are removed after their sunset")
    rationale = Text(
        "Tanggal `x-sunset` adalah janji kepada OPD pengguna: sampai tanggal itu operasi tetap ada. "
        "Menghapusnya lebih awal, atau tanpa pernah menyatakan tanggalnya, memutus aplikasi yang sedang "
        "dipindahkan sesuai jadwal itu.",
        "The `x-sunset` date is a promise to the OPDs that use the operation: until that date it stays. "
        "Removing it earlier, or without ever stating a date, breaks applications that are being moved "
        "on that schedule.",
    )
    fix = Text(
        "Pertahankan operasi itu sampai tanggal `x-sunset`-nya (nyatakan tanggalnya bila belum), atau rilis "
        "penghapusannya sebagai versi mayor baru sementara versi lama tetap berjalan.",
        "Keep the operation until its `x-sunset` date (state one if it has none), or release the removal "
        "as a new major version while the old version keeps running.",
    )
    message = Text(
        "{change} sebelum tanggal sunset-nya ({sunset}); versi lama: {old}",
        "{change} before its sunset date ({sunset}); old version: {old}",
    )
    references = REFERENCES

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        comparison = ctx.baseline
        if comparison is None or comparison.major_version_raised:
            return
        for change in comparison.changes:
            if change.kind in OPERATION_REMOVALS and change.deprecated and not sunset_passed(change.sunset, ctx.today):
                yield self.violation(
                    change.new.document_pointer,
                    change=change.message,
                    old=change.old.location,
                    sunset=change.sunset or Text("tidak dinyatakan", "none stated"),
                )
