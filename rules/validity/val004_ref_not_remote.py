"""VAL004: no $ref to a URL; the gate never fetches one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


class RefNotRemote(Rule):
    id = "VAL004"
    name = "ref-not-remote"
    category = Category.VALIDITY
    severity = Severity.ERROR
    title = Text("Tidak ada $ref ke URL", "No $ref to a URL")
    rationale = Text(
        "Dokumen yang dinilai harus lengkap dan tetap: isi URL dapat berubah setelah persetujuan, "
        "dan gerbang tidak pernah mengambil URL yang ditulis pengguna (mencegah SSRF).",
        "An assessed document must be complete and fixed: a URL's content can change after "
        "approval, and the gate never fetches a URL a user wrote (no SSRF).",
    )
    fix = Text(
        "Salin definisi yang dirujuk ke dalam dokumen (components) atau ke berkas di folder "
        "yang sama, lalu rujuk dengan jalur relatif.",
        "Copy the referenced definition into the document (components) or into a file in the "
        "same folder, and refer to it with a relative path.",
    )
    message = Text(
        "$ref ke URL '{ref}' tidak diambil dan tidak dinilai", "$ref to the URL '{ref}' is not fetched and not assessed"
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for ref in doc.references:
            if _URL.match(ref.ref):
                yield self.violation(jp.join(ref.pointer, "$ref"), ref=ref.ref)
