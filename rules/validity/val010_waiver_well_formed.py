"""VAL010: waivers name known rules and are written in a known form."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.registry import rule_refs
from rules.waivers import read_waivers


class WaiverWellFormed(Rule):
    id = "VAL010"
    name = "waiver-well-formed"
    category = Category.VALIDITY
    severity = Severity.WARNING
    title = Text("Pengecualian ditulis dengan benar", "Waivers are well formed")
    rationale = Text(
        "Pengecualian yang menyebut aturan tak dikenal atau ditulis dalam bentuk lain tidak "
        "mengecualikan apa pun; penulisnya perlu tahu.",
        "A waiver that names an unknown rule or is written in another form waives nothing; its author needs to know.",
    )
    fix = Text(
        "Gunakan `- rule: <ID aturan>` dengan `reason:` (dan `until:` opsional, YYYY-MM-DD); "
        "lihat `spbe-gate rules` untuk ID aturan.",
        "Use `- rule: <rule id>` with `reason:` (and an optional `until:`, YYYY-MM-DD); see "
        "`spbe-gate rules` for rule ids.",
    )
    message = Text("{problem}", "{problem}")

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for problem in read_waivers(doc, rule_refs(), ctx.today)[1]:
            if problem.kind == "unknown-rule":
                yield self.violation(
                    problem.pointer,
                    problem=Text(
                        f"Pengecualian menyebut aturan yang tidak dikenal: '{problem.rule}'",
                        f"The waiver names an unknown rule: '{problem.rule}'",
                    ),
                )
            elif problem.kind == "malformed":
                yield self.violation(
                    problem.pointer,
                    problem=Text(
                        "Pengecualian tidak dapat dibaca (gunakan daftar `rule`/`reason`/`until`)",
                        "The waiver cannot be read (use a list of `rule`/`reason`/`until`)",
                    ),
                )
