"""DOC007: JSON requests and responses carry an example."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document, MediaType
from rules.i18n import Text

_COMPOSITION = ("allOf", "oneOf", "anyOf")
#: How deep examples on properties are looked for; a schema nested deeper counts as without one.
_MAX_DEPTH = 5


def _has_example(doc: Document, media: MediaType, known: dict[str, bool]) -> bool:
    if "example" in media.value or media.value.get("examples") or media.value.get("x-example"):
        return True
    if media.schema is None:
        return False
    # Hundreds of media types share a few component schemas: answer once per schema.
    pointer = media.schema_pointer or ""
    found = known.get(pointer) if pointer else None
    if found is None:
        found = schema_has_example(doc, media.schema, 0, set())
        if pointer:
            known[pointer] = found
    return found


def schema_has_example(doc: Document, raw: Any, depth: int, visiting: set[str]) -> bool:
    """The schema has an example, or every part of it does: each property, the items, each subschema."""
    schema, pointer = doc.deref(raw, "")
    if not isinstance(schema, dict) or depth > _MAX_DEPTH or (pointer and pointer in visiting):
        return False
    if "example" in schema or schema.get("examples"):
        return True
    if pointer:
        visiting = visiting | {pointer}
    parts: list[Any] = []
    for key in _COMPOSITION:
        if isinstance(schema.get(key), list):
            parts.extend(schema[key])
    properties = schema.get("properties")
    if isinstance(properties, dict):
        parts.extend(properties.values())
    if isinstance(schema.get("items"), dict):
        parts.append(schema["items"])
    return bool(parts) and all(schema_has_example(doc, part, depth + 1, visiting) for part in parts)


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
        known: dict[str, bool] = {}
        for media in doc.media_types:
            if media.holder in seen or "json" not in media.media_type or media.schema is None:
                continue
            if media.direction == "response" and not (media.status or "").startswith("2"):
                continue
            seen.add(media.holder)
            if not _has_example(doc, media, known):
                what = (
                    Text("permintaan", "request")
                    if media.direction == "request"
                    else Text(f"respons {media.status}", f"response {media.status}")
                )
                yield self.violation(media.holder, operation=media.operation.label, what=what)
