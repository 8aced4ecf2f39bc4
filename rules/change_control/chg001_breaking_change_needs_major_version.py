"""CHG001: a breaking change comes with a new major version in the base path."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.change_control._common import OPERATION_REMOVALS, sunset_passed
from rules.document import Document
from rules.i18n import Text


class BreakingChangeNeedsMajorVersion(Rule):
    id = "CHG001"
    name = "breaking-change-needs-major-version"
    category = Category.CHANGE
    severity = Severity.ERROR
    title = Text(
        "Perubahan yang merusak hanya dengan versi mayor baru",
        "Breaking changes only with a new major version",
    )
    rationale = Text(
        "Aplikasi OPD lain yang sudah terintegrasi ditulis untuk versi lama. Perubahan yang merusak "
        "(operasi, parameter, atau properti dihapus, parameter wajib baru, tipe dipersempit, keamanan "
        "diperketat) pada versi mayor yang sama memutus integrasi itu tanpa peringatan.",
        "The other OPDs' applications that already integrate were written for the old version. A breaking "
        "change (an operation, parameter or property removed, a new required parameter, a narrowed type, "
        "tighter security) within the same major version cuts those integrations without warning.",
    )
    fix = Text(
        "Rilis perubahan itu sebagai versi mayor baru di URL dasar (mis. /v2) dan pertahankan versi lama "
        "sampai tanggal sunset yang dinyatakan; atau ubah secara kompatibel: tambahkan yang baru di samping "
        "yang lama, tandai yang lama `deprecated: true` dengan `x-sunset`, dan hapus setelah tanggal itu.",
        "Release the change as a new major version in the base path (e.g. /v2) and keep the old version "
        "until a stated sunset date; or change compatibly: add the new beside the old, mark the old "
        "`deprecated: true` with `x-sunset`, and remove it after that date.",
    )
    message = Text(
        "Perubahan yang merusak tanpa versi mayor baru di URL dasar {base}: {change}; versi lama: {old}",
        "Breaking change without a new major version in the base path {base}: {change}; old version: {old}",
    )
    references = (
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/uri-version",
        "https://opensource.zalando.com/restful-api-guidelines/#106",
        "https://semver.org/",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        comparison = ctx.baseline
        if comparison is None or comparison.major_version_raised:
            return
        base = comparison.new.base_paths[0] if comparison.new.base_paths else "/"
        for change in comparison.breaking():
            if change.kind in OPERATION_REMOVALS:
                continue  # judged by their deprecation (CHG002, CHG003)
            if change.deprecated and sunset_passed(change.sunset, ctx.today):
                continue  # the old element was kept until its stated sunset date
            yield self.violation(change.new.document_pointer, change=change.message, old=change.old.location, base=base)
