"""IOP018: paths do not end with a slash."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import distinct_paths, path_pointer


class NoTrailingSlash(Rule):
    id = "IOP018"
    name = "no-trailing-slash"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Path tidak diakhiri garis miring", "Paths do not end with a slash")
    rationale = Text(
        "`/izin` dan `/izin/` adalah dua URL berbeda. Sebagian server mengalihkan yang satu ke yang "
        "lain (mengubah POST menjadi GET di tengah jalan atau membuang header Authorization), "
        "sebagian lagi menjawab 404; klien yang menulis URL persis seperti dokumentasi pun bisa "
        "gagal di gateway.",
        "`/permits` and `/permits/` are two different URLs. Some servers redirect one to the other "
        "(turning a POST into a GET on the way, or dropping the Authorization header), others answer "
        "404; a client that writes the URL exactly as documented can still fail at a gateway.",
    )
    fix = Text(
        "Hapus garis miring di akhir path, mis. `/pengajuan-izin/` menjadi `/pengajuan-izin`.",
        "Remove the trailing slash from the path, e.g. `/permit-applications/` becomes `/permit-applications`.",
    )
    message = Text("Path {path} diakhiri garis miring", "Path {path} ends with a slash")
    references = (
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/no-trailing-slash",
        "https://opensource.zalando.com/restful-api-guidelines/#136",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for path in distinct_paths(doc):
            if path != "/" and path.endswith("/"):
                yield self.violation(path_pointer(path), path=path)
