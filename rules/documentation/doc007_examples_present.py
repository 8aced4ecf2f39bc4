"""DOC007: JSON requests and responses carry an example."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document, MediaType
from rules.i18n import Text


def _has_example(doc: Document, media: MediaType) -> bool:
    if "example" in media.value or media.value.get("examples"):
        return True
    schema = doc.resolve(media.schema) if media.schema is not None else None
    if isinstance(schema, dict) and ("example" in schema or schema.get("examples")):
        return True
    if doc.is_v2 and media.direction == "response":
        examples = media.value.get("examples") if isinstance(media.value, dict) else None
        return bool(examples)
    return False


class ExamplesPresent(Rule):
    id = "DOC007"
    name = "examples-present"
    category = Category.DOCUMENTATION
    severity = Severity.INFO
    title = Text("Contoh permintaan dan respons", "Request and response examples")
    rationale = Text(
        "Contoh nyata mempercepat integrasi lebih dari skema mana pun: pengembang OPD lain melihat bentuk "
        "data yang sebenarnya, dan alat uji kontrak memakainya sebagai data uji.",
        "A real example speeds up integration more than any schema: other OPDs' developers see the actual "
        "shape of the data, and contract-testing tools use it as test data.",
    )
    fix = Text(
        "Tambahkan `example` (atau `examples`) pada media type JSON permintaan dan respons sukses, dengan "
        "data rekaan yang realistis, bukan data warga asli.",
        "Add an `example` (or `examples`) to the JSON media types of requests and successful responses, with "
        "realistic made-up data, never real residents' data.",
    )
    message = Text("{operation}: {what} JSON tanpa contoh", "{operation}: JSON {what} without an example")
    references = ("https://spec.openapis.org/oas/v3.1.0#media-type-object",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for media in doc.media_types:
            if media.pointer in seen or "json" not in media.media_type or media.schema is None:
                continue
            if media.direction == "response" and not (media.status or "").startswith("2"):
                continue
            seen.add(media.pointer)
            if not _has_example(doc, media):
                what = (
                    Text("permintaan", "request")
                    if media.direction == "request"
                    else Text(f"respons {media.status}", f"response {media.status}")
                )
                yield self.violation(media.pointer, operation=media.operation.label, what=what)
