"""VAL015: a schema's keywords make sense together.

What the peers call nullable-type-sibling, no-schema-type-mismatch and
no-illogical-composition-keywords: keywords that have no effect where they are written, or
that no value can satisfy together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

#: Lower and upper bounds that no value can meet when the lower is above the upper.
_BOUNDS = (
    ("minLength", "maxLength"),
    ("minItems", "maxItems"),
    ("minProperties", "maxProperties"),
    ("minimum", "maximum"),
)

#: The keywords this rule looks at; a schema with none of them is skipped.
_KEYWORDS = frozenset({"nullable", "items", "properties", "oneOf", "anyOf", *(key for pair in _BOUNDS for key in pair)})

_NULLABLE_30 = Text(
    "`nullable` tidak berpengaruh tanpa `type` pada skema yang sama (OpenAPI 3.0.3)",
    "`nullable` has no effect without a `type` in the same schema (OpenAPI 3.0.3)",
)
_NULLABLE_31 = Text(
    "`nullable` tidak ada di OpenAPI 3.1 dan diabaikan; tulis `type: [..., 'null']`",
    "`nullable` does not exist in OpenAPI 3.1 and is ignored; write `type: [..., 'null']`",
)


def _types(schema: dict[str, Any]) -> set[str] | None:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list) and all(isinstance(k, str) for k in kind):
        return set(kind)
    return None


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


class SchemaKeywordsConsistent(Rule):
    id = "VAL015"
    name = "schema-keywords-consistent"
    category = Category.VALIDITY
    severity = Severity.WARNING
    title = Text("Kata kunci skema masuk akal bersama", "Schema keywords make sense together")
    rationale = Text(
        "Kata kunci yang tidak berpengaruh di tempatnya (`nullable` tanpa `type`, `items` pada objek, "
        "`properties` pada array) atau batas yang mustahil (`minLength` di atas `maxLength`) membuat "
        "skema berkata lain dari yang dimaksud: validator, gateway dan generator klien mengabaikannya "
        "atau menolak setiap nilai, sementara pembaca dokumen mengira aturannya berlaku.",
        "Keywords that have no effect where they are written (`nullable` without `type`, `items` on an "
        "object, `properties` on an array) or bounds no value can meet (`minLength` above `maxLength`) "
        "make the schema say something other than what was meant: validators, gateways and client "
        "generators ignore them or reject every value, while readers believe the rule applies.",
    )
    fix = Text(
        "Tambahkan `type` di samping `nullable` (3.1: `type: [string, 'null']`), pindahkan `items` dan "
        "`properties` ke skema bertipe array dan objek, perbaiki batas yang terbalik, dan hapus skema "
        "kosong dari `oneOf`/`anyOf`.",
        "Add a `type` beside `nullable` (3.1: `type: [string, 'null']`), move `items` and `properties` to "
        "schemas of type array and object, correct reversed bounds, and remove empty schemas from "
        "`oneOf`/`anyOf`.",
    )
    message = Text("{problem}", "{problem}")
    references = (
        "https://spec.openapis.org/oas/v3.0.3#fixed-fields-19",
        "https://redocly.com/docs/cli/rules/oas/nullable-type-sibling",
        "https://redocly.com/docs/cli/rules/oas/no-schema-type-mismatch",
        "https://redocly.com/docs/cli/rules/oas/no-illogical-composition-keywords",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        nullable_problem = None if doc.is_v2 else _NULLABLE_31 if doc.is_v31 else _NULLABLE_30
        for info in doc.schemas:
            schema = info.value
            if _KEYWORDS.isdisjoint(schema):
                continue  # most schemas: one pass over their few keys, in C
            ptr = info.pointer
            if (
                nullable_problem is not None
                and schema.get("nullable") is True
                and (nullable_problem is _NULLABLE_31 or _types(schema) is None)
            ):
                yield Violation(ptr + "/nullable", {"problem": nullable_problem})
            items, props = schema.get("items"), schema.get("properties")
            if type(items) is dict or (type(props) is dict and props):
                types = _types(schema)
                if types is not None:
                    if type(items) is dict and "array" not in types:
                        yield Violation(ptr + "/items", {"problem": _mismatch("items", types)})
                    if type(props) is dict and props and "object" not in types:
                        yield Violation(ptr + "/properties", {"problem": _mismatch("properties", types)})
            for low, high in _BOUNDS:
                if low in schema and high in schema:
                    yield from _reversed_bounds(schema, ptr, low, high)
            for key in ("oneOf", "anyOf"):
                options = schema.get(key)
                if type(options) is list and {} in options:
                    for i, option in enumerate(options):
                        if option == {}:
                            yield Violation(
                                jp.join(ptr, key, i),
                                {
                                    "problem": Text(
                                        f"Skema kosong di `{key}` cocok dengan nilai apa pun",
                                        f"An empty schema in `{key}` matches any value",
                                    )
                                },
                            )


def _reversed_bounds(schema: dict[str, Any], ptr: str, low: str, high: str) -> Iterator[Violation]:
    lo, hi = _number(schema[low]), _number(schema[high])
    if lo is not None and hi is not None and lo > hi:
        yield Violation(
            jp.join(ptr, low),
            {
                "problem": Text(
                    f"`{low}` ({lo}) melebihi `{high}` ({hi}): tidak ada nilai yang memenuhi",
                    f"`{low}` ({lo}) exceeds `{high}` ({hi}): no value can meet both",
                )
            },
        )


def _mismatch(keyword: str, types: set[str]) -> Text:
    shown = "/".join(sorted(types))
    return Text(
        f"`{keyword}` tidak berpengaruh pada skema bertipe {shown}",
        f"`{keyword}` has no effect on a schema of type {shown}",
    )
