"""DOC009: enough of the API is described."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.metrics import documentation_coverage


class DocumentationCoverage(Rule):
    id = "DOC009"
    name = "documentation-coverage"
    category = Category.DOCUMENTATION
    severity = Severity.WARNING
    title = Text("Cakupan dokumentasi", "Documentation coverage")
    rationale = Text(
        "Persentase operasi, parameter, respons, skema dan properti yang dideskripsikan adalah ukuran "
        "ringkas seberapa mudah API dipakai OPD lain tanpa bertanya ke pembuatnya.",
        "The share of operations, parameters, responses, schemas and properties that are described is a "
        "compact measure of how easily other OPDs can use the API without asking its authors.",
    )
    fix = Text(
        "Lengkapi deskripsi yang dilaporkan aturan DOC001–DOC005 sampai cakupan mencapai ambang profil.",
        "Complete the descriptions reported by rules DOC001–DOC005 until coverage reaches the profile's threshold.",
    )
    message = Text(
        "Cakupan dokumentasi {percent}% ({documented} dari {total}), di bawah {minimum}%",
        "Documentation coverage is {percent}% ({documented} of {total}), below {minimum}%",
    )
    references = ("https://spec.openapis.org/oas/v3.1.0#rich-text-formatting",)
    options = {"min_coverage": Option(80, Text("Cakupan minimum (persen)", "Minimum coverage (percent)"))}

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        coverage = documentation_coverage(doc)
        minimum = float(ctx.option("min_coverage"))
        if coverage.percent < minimum:
            yield self.violation(
                "/info" if "info" in doc.data else "",
                percent=coverage.percent,
                documented=coverage.documented,
                total=coverage.total,
                minimum=f"{minimum:g}",
            )
