"""VAL012: every name in `required` is a defined property."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

_OPEN = ("allOf", "anyOf", "oneOf", "patternProperties", "$ref", "if", "dependentSchemas")


class RequiredPropertiesDefined(Rule):
    id = "VAL012"
    name = "required-properties-defined"
    category = Category.VALIDITY
    severity = Severity.WARNING
    title = Text("Properti wajib didefinisikan", "Required properties are defined")
    rationale = Text(
        "Nama di `required` yang tidak ada di `properties` biasanya salah ketik; klien akan "
        "mengirim atau menunggu properti yang tidak pernah dijelaskan.",
        "A name in `required` that is not in `properties` is usually a typo; clients will send "
        "or expect a property that is never described.",
    )
    fix = Text(
        "Betulkan ejaan nama di `required`, atau tambahkan properti itu ke `properties`.",
        "Correct the name in `required`, or add that property to `properties`.",
    )
    message = Text(
        "'{name}' ada di required tetapi tidak didefinisikan di properties",
        "'{name}' is required but not defined in properties",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for info in doc.schemas:
            value = info.value
            required, props = value.get("required"), value.get("properties")
            if not isinstance(required, list) or not isinstance(props, dict):
                continue
            # Inside allOf/anyOf/oneOf a branch may require what a sibling branch defines.
            if info.role == "composition" or any(k in value for k in _OPEN):
                continue
            for i, name in enumerate(required):
                if isinstance(name, str) and name not in props:
                    yield self.violation(jp.join(info.pointer, "required", i), name=name)
