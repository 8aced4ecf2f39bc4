"""VAL009: every waiver says why."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.registry import rule_refs
from rules.waivers import read_waivers


class WaiverHasReason(Rule):
    id = "VAL009"
    name = "waiver-has-reason"
    category = Category.VALIDITY
    severity = Severity.ERROR
    title = Text("Pengecualian disertai alasan", "Waivers give a reason")
    rationale = Text(
        "Pengecualian (x-spbe-ignore) tanpa alasan tidak dapat ditinjau Diskominfo; "
        "pengecualian seperti itu tidak berlaku.",
        "A waiver (x-spbe-ignore) without a reason cannot be reviewed by Diskominfo; such a waiver does not apply.",
    )
    fix = Text(
        "Tulis `reason:` yang menjelaskan mengapa aturan tidak berlaku di sini.",
        "Write a `reason:` that explains why the rule does not apply here.",
    )
    message = Text(
        "Pengecualian untuk {rule} tidak disertai alasan dan tidak berlaku",
        "The waiver for {rule} gives no reason and does not apply",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for problem in read_waivers(doc, rule_refs(), ctx.today)[1]:
            if problem.kind == "no-reason":
                yield self.violation(problem.pointer, rule=problem.rule)
