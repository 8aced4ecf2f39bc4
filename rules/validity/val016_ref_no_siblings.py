"""VAL016: nothing is written beside a $ref in OpenAPI 2.0 and 3.0 (those versions ignore it)."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


def _ignored(keys: tuple[str, ...]) -> list[str]:
    """The keys a reader would expect to apply; extensions (``x-``) are tools' business."""
    return [k for k in keys if not k.startswith("x-")]


class RefNoSiblings(Rule):
    id = "VAL016"
    name = "ref-no-siblings"
    category = Category.VALIDITY
    severity = Severity.WARNING
    title = Text("Tidak ada kunci di samping $ref", "Nothing beside a $ref")
    rationale = Text(
        "Di OpenAPI 2.0 dan 3.0 sebuah objek `$ref` digantikan seluruhnya oleh yang dirujuknya: "
        "`description`, `nullable` atau `example` yang ditulis di sampingnya diabaikan oleh validator, "
        "generator klien dan penampil dokumentasi, padahal penulisnya mengira itu berlaku.",
        "In OpenAPI 2.0 and 3.0 a `$ref` object is replaced entirely by what it refers to: a "
        "`description`, `nullable` or `example` written beside it is ignored by validators, client "
        "generators and documentation viewers, though its author expects it to apply.",
    )
    fix = Text(
        "Pindahkan kunci itu ke definisi yang dirujuk, atau bungkus rujukannya: "
        "`allOf: [{$ref: ...}]` dengan `description` di sampingnya (atau naik ke OpenAPI 3.1).",
        "Move the key into the definition referred to, or wrap the reference: "
        "`allOf: [{$ref: ...}]` with the `description` beside it (or move to OpenAPI 3.1).",
    )
    message = Text(
        "{keys} di samping $ref diabaikan di OpenAPI {version}",
        "{keys} beside $ref is ignored in OpenAPI {version}",
    )
    references = (
        "https://spec.openapis.org/oas/v3.0.3#reference-object",
        "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#no-ref-siblings",
    )
    versions = frozenset({"2.0", "3.0"})

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        version = doc.version or ""
        for ref in doc.references:
            keys = _ignored(ref.siblings)
            if keys:
                yield self.violation(jp.join(ref.pointer, keys[0]), keys=", ".join(keys), version=version)
        # A $ref to another file was inlined with its siblings merged in: report them in the
        # file where they are written, beside that $ref.
        for here, siblings in doc.bundle.merged_siblings:
            keys = _ignored(siblings)
            if not keys or not here:
                continue
            parent, _, last = here.rpartition("/")
            file, inner = doc.bundle.origin(parent)
            yield Violation(
                jp.join(inner, jp.unescape(last), keys[0]),
                {"keys": ", ".join(keys), "version": version},
                file=file,
            )
