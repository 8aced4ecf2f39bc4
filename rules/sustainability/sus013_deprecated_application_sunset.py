"""SUS013: a deprecated application names a future sunset date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sustainability._common import XSPBE, at


class DeprecatedApplicationSunset(Rule):
    id = "SUS013"
    name = "deprecated-application-sunset"
    category = Category.SUSTAINABILITY
    severity = Severity.WARNING
    title = Text("Aplikasi usang punya tanggal henti", "A deprecated application has a sunset date")
    rationale = Text(
        "OPD yang bergantung pada aplikasi usang harus tahu kapan ia dimatikan agar sempat pindah ke penggantinya.",
        "OPDs depending on a deprecated application must know when it is switched off so they can move to "
        "its replacement in time.",
    )
    fix = Text(
        "Isi `sunset` dengan tanggal penghentian di masa depan (YYYY-MM-DD) dan umumkan penggantinya.",
        "Set `sunset` to a future retirement date (YYYY-MM-DD) and announce the replacement.",
    )
    message = Text(
        "Aplikasi usang tanpa tanggal henti di masa depan", "Deprecated application without a future sunset date"
    )
    references = ("https://www.rfc-editor.org/rfc/rfc8594",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        meta = doc.x_spbe
        if meta is None or doc.lifecycle != "deprecated":
            return
        try:
            sunset = date.fromisoformat(str(meta.get("sunset")))
        except ValueError:
            sunset = None
        if sunset is None or sunset <= ctx.today:
            yield self.violation(at("sunset") if "sunset" in meta else XSPBE)
