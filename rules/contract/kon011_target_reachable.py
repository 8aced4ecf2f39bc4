"""KON011: the deployment answered the contract tests."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class TargetReachable(Rule):
    id = "KON011"
    name = "target-reachable"
    category = Category.CONTRACT
    severity = Severity.ERROR
    title = Text("Deployment dapat diuji", "The deployment can be tested")
    rationale = Text(
        "Aplikasi yang tidak menjawab di alamat staging-nya tidak dapat dibuktikan menepati dokumennya, "
        "dan OPD lain tidak dapat mengujinya sebelum berintegrasi.",
        "An application that does not answer at its staging address cannot be shown to keep its document, "
        "and other OPDs cannot try it before they integrate.",
    )
    fix = Text(
        "Periksa bahwa URL staging benar, aplikasi berjalan, dan alamatnya diizinkan oleh administrator gerbang.",
        "Check that the staging URL is right, the application runs, and the gate's administrator allows its address.",
    )
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)
    message = Text("Uji kontrak tidak dapat berjalan: {error}", "Contract tests could not run: {error}")

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        run = ctx.contract
        if run is not None and (run.stopped == "unreachable" or (run.error and not run.requests)):
            yield self.violation("/servers" if "servers" in doc.data else "", error=run.error or run.stopped)
