"""CHG004: a parameter or property deprecated in this version states its sunset date (x-sunset).

Deprecated operations without one are SUS007's, on every run, baseline or not.
"""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.change_control._common import DEPRECATIONS, REFERENCES, parse_date
from rules.document import Document
from rules.i18n import Text

_JUDGED = DEPRECATIONS - {"operation-deprecated"}


class DeprecationHasSunset(Rule):
    id = "CHG004"
    name = "deprecation-has-sunset"
    category = Category.CHANGE
    severity = Severity.WARNING
    title = Text("Yang dinyatakan usang punya tanggal sunset", "Deprecations state a sunset date")
    rationale = Text(
        "`deprecated: true` saja tidak memberi tahu OPD pengguna kapan harus pindah. Tanggal `x-sunset` "
        "membuat jadwal itu dapat direncanakan dan dianggarkan.",
        "`deprecated: true` alone does not tell the OPDs that use it when they must move. An `x-sunset` "
        "date makes the schedule something they can plan and budget for.",
    )
    fix = Text(
        "Tambahkan `x-sunset: YYYY-MM-DD` di samping `deprecated: true` pada parameter atau properti itu.",
        "Add `x-sunset: YYYY-MM-DD` beside `deprecated: true` on that parameter or property.",
    )
    message = Text(
        "{change}: tanpa tanggal x-sunset yang sah (YYYY-MM-DD)",
        "{change}: no valid x-sunset date (YYYY-MM-DD)",
    )
    references = REFERENCES

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if ctx.baseline is None:
            return
        for change in ctx.baseline.changes:
            if change.kind in _JUDGED and parse_date(change.new_sunset) is None:
                yield self.violation(change.new.document_pointer, change=change.message)
