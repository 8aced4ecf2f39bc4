"""VAL007: a parameter list never names the same (name, in) twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class UniqueParameters(Rule):
    id = "VAL007"
    name = "unique-parameters"
    category = Category.VALIDITY
    severity = Severity.ERROR
    title = Text("Parameter tidak ganda", "No duplicate parameters")
    rationale = Text(
        "Spesifikasi OpenAPI melarang dua parameter dengan nama dan lokasi yang sama dalam satu "
        "daftar; klien tidak tahu mana yang berlaku.",
        "The OpenAPI specification forbids two parameters with the same name and location in "
        "one list; a client cannot tell which one applies.",
    )
    fix = Text("Hapus salah satu parameter yang ganda.", "Remove one of the duplicated parameters.")
    message = Text(
        "Parameter '{name}' (in: {location}) dideklarasikan lebih dari sekali",
        "Parameter '{name}' (in: {location}) is declared more than once",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        holders: dict[str, dict[str, Any]] = {}
        for op in doc.operations:
            holders.setdefault(op.path_item_pointer, op.path_item)
            holders[op.pointer] = op.value
        for base, holder in holders.items():
            params = holder.get("parameters")
            if not isinstance(params, list):
                continue
            seen: set[tuple[str, str]] = set()
            for i, raw in enumerate(params):
                value = doc.resolve(raw)
                if not isinstance(value, dict):
                    continue
                key = (str(value.get("name")), str(value.get("in")))
                if key in seen:
                    yield self.violation(jp.join(base, "parameters", i), name=key[0], location=key[1])
                seen.add(key)
