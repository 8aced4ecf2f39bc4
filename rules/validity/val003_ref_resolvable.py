"""VAL003: every $ref points at something that exists."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

_MISSING = object()


class RefResolvable(Rule):
    id = "VAL003"
    name = "ref-resolvable"
    category = Category.VALIDITY
    severity = Severity.ERROR
    title = Text("Setiap $ref dapat diselesaikan", "Every $ref resolves")
    rationale = Text(
        "Rujukan yang putus membuat bagian dokumen hilang: skema, parameter atau respons yang "
        "dirujuk tidak dapat diketahui oleh siapa pun.",
        "A broken reference makes part of the document disappear: nobody can know the schema, "
        "parameter or response it names.",
    )
    fix = Text(
        "Betulkan jalur berkas atau JSON pointer pada $ref, atau tambahkan definisi yang dirujuk.",
        "Correct the file path or JSON pointer of the $ref, or add the definition it names.",
    )
    message = Text("$ref '{ref}' tidak dapat diselesaikan{detail}", "$ref '{ref}' cannot be resolved{detail}")

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        reported: set[str] = set()
        for problem in doc.bundle.problems:
            if problem.kind in ("unresolved", "missing-file", "unreadable"):
                reported.add(problem.pointer)
                detail = problem.detail
                yield self.violation(
                    jp.join(problem.pointer, "$ref"),
                    ref=problem.ref,
                    detail=Text(f": {detail.id}", f": {detail.en}") if detail else "",
                )
            else:
                reported.add(problem.pointer)
        resolves: dict[str, bool] = {}  # thousands of $refs name a few hundred targets
        for ref in doc.references:
            if ref.pointer in reported or not ref.ref.startswith("#"):
                continue
            ok = resolves.get(ref.ref)
            if ok is None:
                fragment = jp.from_fragment(ref.ref)
                ok = resolves[ref.ref] = bool(
                    (not fragment or fragment.startswith("/")) and jp.get(doc.data, fragment, _MISSING) is not _MISSING
                )
            if not ok:
                yield self.violation(jp.join(ref.pointer, "$ref"), ref=ref.ref, detail="")
