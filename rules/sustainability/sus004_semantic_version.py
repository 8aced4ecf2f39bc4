"""SUS004: info.version is a semantic version."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

_SEMVER = re.compile(r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")


class SemanticVersion(Rule):
    id = "SUS004"
    name = "semantic-version"
    category = Category.SUSTAINABILITY
    severity = Severity.WARNING
    title = Text("Versi semantik", "Semantic version")
    rationale = Text(
        "OPD yang memakai API perlu tahu apakah versi baru merusak integrasinya. Dengan MAYOR.MINOR.PATCH, "
        "kenaikan angka mayor berarti perubahan yang tidak kompatibel; tanggal atau `final` tidak "
        "memberi tahu apa pun.",
        "OPDs using the API need to know whether a new version breaks their integration. With "
        "MAJOR.MINOR.PATCH, a new major number means an incompatible change; a date or `final` says nothing.",
    )
    fix = Text(
        "Tulis `info.version` sebagai MAYOR.MINOR.PATCH, mis. `1.4.0`; naikkan MAYOR hanya untuk perubahan "
        "yang tidak kompatibel.",
        "Write `info.version` as MAJOR.MINOR.PATCH, e.g. `1.4.0`; raise MAJOR only for incompatible changes.",
    )
    message = Text("Versi {version} bukan versi semantik", "Version {version} is not a semantic version")
    references = ("https://semver.org/", "https://opensource.zalando.com/restful-api-guidelines/#116")

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        version = doc.info.get("version")
        if "version" in doc.info and not (isinstance(version, str) and _SEMVER.match(version)):
            yield self.violation("/info/version", version=version)
