"""VAL011: waivers that carry an expiry date have not expired."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.registry import rule_refs
from rules.waivers import read_waivers


class WaiverNotExpired(Rule):
    id = "VAL011"
    name = "waiver-not-expired"
    category = Category.VALIDITY
    severity = Severity.WARNING
    title = Text("Pengecualian belum kedaluwarsa", "Waivers have not expired")
    rationale = Text(
        "Pengecualian berbatas waktu memaksa peninjauan ulang; setelah tanggalnya lewat, temuan "
        "yang dikecualikan kembali dihitung.",
        "A time-limited waiver forces a second look; once its date has passed, the waived findings count again.",
    )
    fix = Text(
        "Perbaiki temuan yang dikecualikan, atau perbarui `until:` dengan alasan yang masih berlaku.",
        "Fix the waived finding, or renew `until:` with a reason that still holds.",
    )
    message = Text("Pengecualian untuk {rule} berakhir pada {until}", "The waiver for {rule} expired on {until}")

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for problem in read_waivers(doc, rule_refs(), ctx.today)[1]:
            if problem.kind == "expired":
                yield self.violation(problem.pointer, rule=problem.rule, until=problem.until)
