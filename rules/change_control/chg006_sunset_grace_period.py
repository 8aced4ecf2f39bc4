"""CHG006: a new deprecation leaves enough time before its sunset."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.change_control._common import DEPRECATIONS, REFERENCES, parse_date
from rules.document import Document
from rules.i18n import Text


class SunsetGracePeriod(Rule):
    id = "CHG006"
    name = "sunset-grace-period"
    category = Category.CHANGE
    severity = Severity.WARNING
    title = Text("Masa tenggang sebelum sunset cukup", "Enough time before the sunset")
    rationale = Text(
        "OPD pengguna memerlukan waktu untuk mengubah, menguji, dan sering kali menganggarkan perpindahan "
        "ke pengganti. Sunset yang terlalu dekat dengan pengumumannya sama saja dengan penghapusan mendadak.",
        "The OPDs that use an element need time to change, test and often budget their move to the "
        "replacement. A sunset too close to its announcement is as good as a sudden removal.",
    )
    fix = Text(
        "Pilih tanggal `x-sunset` paling cepat {min_days} hari setelah versi ini dirilis.",
        "Choose an `x-sunset` date at least {min_days} days after this version is released.",
    )
    message = Text(
        "{change}: sunset {sunset} hanya {days} hari lagi (minimum {min_days})",
        "{change}: sunset {sunset} is only {days} days away (minimum {min_days})",
    )
    references = REFERENCES
    options = {"min_days": Option(180, Text("Hari minimum sampai sunset", "Minimum days until the sunset"))}

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if ctx.baseline is None:
            return
        min_days = int(ctx.option("min_days"))
        for change in ctx.baseline.changes:
            sunset = parse_date(change.new_sunset) if change.kind in DEPRECATIONS else None
            if sunset is not None and (sunset - ctx.today).days < min_days:
                yield self.violation(
                    change.new.document_pointer,
                    change=change.message,
                    sunset=sunset.isoformat(),
                    days=(sunset - ctx.today).days,
                    min_days=min_days,
                )
