"""CHG005: a stated sunset date is not moved earlier or withdrawn."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.change_control._common import REFERENCES, parse_date
from rules.document import Document
from rules.i18n import Text


class SunsetNotEarlier(Rule):
    id = "CHG005"
    name = "sunset-not-earlier"
    category = Category.CHANGE
    severity = Severity.ERROR
    title = Text("Tanggal sunset tidak dimajukan", "Sunset dates are not moved earlier")
    rationale = Text(
        "OPD pengguna menjadwalkan perpindahan mereka menurut tanggal `x-sunset` yang sudah diumumkan. "
        "Memajukan tanggal itu, atau menghapusnya, memotong waktu yang sudah dijanjikan.",
        "The OPDs that use an element plan their move by the `x-sunset` date already announced. Moving "
        "that date earlier, or deleting it, takes away time that was promised.",
    )
    fix = Text(
        "Kembalikan tanggal `x-sunset` semula atau pilih tanggal yang lebih lambat.",
        "Restore the original `x-sunset` date or choose a later one.",
    )
    message = Text(
        "{change}: tanggal sunset dimajukan atau dihapus", "{change}: the sunset date moved earlier or was removed"
    )
    references = REFERENCES

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if ctx.baseline is None:
            return
        for change in ctx.baseline.changes:
            if change.kind != "sunset-changed":
                continue
            before, after = parse_date(change.sunset), parse_date(change.new_sunset)
            if before is not None and (after is None or after < before):
                yield self.violation(change.new.document_pointer, change=change.message)
