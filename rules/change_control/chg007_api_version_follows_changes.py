"""CHG007: info.version says what kind of change the new version is (semantic versioning)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

_SEMVER = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")


class ApiVersionFollowsChanges(Rule):
    id = "CHG007"
    name = "api-version-follows-changes"
    category = Category.CHANGE
    severity = Severity.WARNING
    title = Text("info.version mengikuti perubahan", "info.version follows the changes")
    rationale = Text(
        "Katalog SPBE dan OPD pengguna membaca `info.version` untuk menilai apakah versi baru aman dipakai: "
        "versi mayor naik untuk perubahan yang merusak, dan versi berubah untuk setiap perubahan.",
        "The SPBE catalogue and the OPDs that use the API read `info.version` to judge whether a new "
        "version is safe to take: the major version rises for breaking changes, and the version changes "
        "with every change.",
    )
    fix = Text(
        "Naikkan versi mayor `info.version` (mis. 1.4.0 -> 2.0.0) bila ada perubahan yang merusak; naikkan "
        "versi minor atau patch untuk perubahan lain.",
        "Raise the major version of `info.version` (e.g. 1.4.0 -> 2.0.0) for breaking changes; raise the "
        "minor or patch version for other changes.",
    )
    message = Text("info.version {old} -> {new}: {reason}", "info.version {old} -> {new}: {reason}")
    references = ("https://semver.org/", "https://opensource.zalando.com/restful-api-guidelines/#116")

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        comparison = ctx.baseline
        if comparison is None:
            return
        old, new = comparison.old.api_version or "", comparison.new.api_version or ""
        where = "/info/version" if doc.get("/info/version") is not None else "/info"
        changed = [c for c in comparison.changes if c.kind != "api-version-changed"]
        if not changed:
            return
        if old == new:
            reason = Text(
                f"dokumen berubah ({len(changed)} perubahan) tetapi versinya tidak",
                f"the document changed ({len(changed)} changes) but its version did not",
            )
            yield self.violation(where, old=old or "—", new=new or "—", reason=reason)
            return
        before, after = _SEMVER.match(old), _SEMVER.match(new)
        if before is None or after is None:
            return  # not semantic versions: SUS004 asks for one
        breaking = len(comparison.breaking())
        if breaking and int(after.group(1)) <= int(before.group(1)):
            reason = Text(
                f"{breaking} perubahan yang merusak tanpa kenaikan versi mayor",
                f"{breaking} breaking changes without a major version increase",
            )
            yield self.violation(where, old=old, new=new, reason=reason)
