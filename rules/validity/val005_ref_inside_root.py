"""VAL005: $refs to files stay inside the document's folder."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class RefInsideRoot(Rule):
    id = "VAL005"
    name = "ref-inside-root"
    category = Category.VALIDITY
    severity = Severity.ERROR
    title = Text("$ref hanya ke berkas di dalam folder dokumen", "$ref only to files inside the document's folder")
    rationale = Text(
        "Berkas di luar folder yang diajukan bukan bagian dari pengajuan; gerbang tidak membacanya "
        "agar tidak membuka berkas lain di server.",
        "Files outside the submitted folder are not part of the submission; the gate does not "
        "read them, so that no other file on the server is opened.",
    )
    fix = Text(
        "Pindahkan berkas yang dirujuk ke dalam folder dokumen dan gunakan jalur relatif tanpa '..' "
        "yang keluar dari folder itu.",
        "Move the referenced file into the document's folder and use a relative path whose '..' "
        "does not leave that folder.",
    )
    message = Text(
        "$ref '{ref}' menunjuk ke luar folder dokumen dan tidak dibaca",
        "$ref '{ref}' points outside the document's folder and is not read",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for problem in doc.bundle.problems:
            if problem.kind == "outside-root":
                yield self.violation(jp.join(problem.pointer, "$ref"), ref=problem.ref)
