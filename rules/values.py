"""A small, safe check of a literal value (an example, a default) against its schema.

Deliberately not a full JSON Schema validator: it follows only internal ``$ref``s, never
evaluates a user's ``pattern`` (no regular-expression denial of service), and stops at a
fixed depth. It catches what matters in examples and defaults: wrong types, values outside
``enum``, missing required properties, out-of-range numbers and lengths, malformed dates.
"""

from __future__ import annotations

import re
from typing import Any

from rules.document import Document
from rules.i18n import Text

_MAX_DEPTH = 12
_MAX_ITEMS = 50
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$")


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _is_type(value: Any, wanted: str) -> bool:
    got = _type_of(value)
    if wanted == "number":
        return got in ("integer", "number")
    if wanted == "integer":
        return got == "integer" or (got == "number" and float(value).is_integer())
    if wanted == "file":  # OpenAPI 2.0
        return True
    return got == wanted


def _same(a: Any, b: Any) -> bool:
    """Equality that keeps True apart from 1."""
    return (_type_of(a) == _type_of(b) and a == b) or (
        _type_of(a) in ("integer", "number") and _type_of(b) in ("integer", "number") and a == b
    )


def mismatch(value: Any, schema: Any, doc: Document, where: str = "", depth: int = 0) -> Text | None:
    """Why ``value`` does not fit ``schema``, or None when it fits (as far as this check sees)."""
    schema = doc.resolve(schema)
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return None
    at = where or "/"
    for sub in schema.get("allOf") or []:
        problem = mismatch(value, sub, doc, where, depth + 1)
        if problem:
            return problem
    for key in ("anyOf", "oneOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches and all(mismatch(value, b, doc, where, depth + 1) for b in branches):
            return Text(
                f"{at}: nilai tidak cocok dengan satu pun pilihan {key}",
                f"{at}: the value matches none of the {key} choices",
            )

    types = schema.get("type")
    wanted = (
        [types]
        if isinstance(types, str)
        else [t for t in types if isinstance(t, str)]
        if isinstance(types, list)
        else []
    )
    if value is None:
        if schema.get("nullable") is True or "null" in wanted or not wanted:
            return None
        return Text(
            f"{at}: null tidak diizinkan (tipe {'/'.join(wanted)})",
            f"{at}: null is not allowed (type {'/'.join(wanted)})",
        )
    if wanted and not any(_is_type(value, t) for t in wanted if t != "null"):
        return Text(
            f"{at}: diharapkan tipe {'/'.join(wanted)}, didapat {_type_of(value)}",
            f"{at}: expected type {'/'.join(wanted)}, got {_type_of(value)}",
        )

    enum = schema.get("enum")
    if isinstance(enum, list) and enum and not any(_same(value, e) for e in enum):
        shown = ", ".join(repr(e) for e in enum[:8])
        return Text(
            f"{at}: {value!r:.60} bukan salah satu dari [{shown}]", f"{at}: {value!r:.60} is not one of [{shown}]"
        )
    if "const" in schema and not _same(value, schema["const"]):
        return Text(f"{at}: nilai harus {schema['const']!r:.60}", f"{at}: the value must be {schema['const']!r:.60}")

    if isinstance(value, str):
        return _string(value, schema, at)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value, schema, at)
    if isinstance(value, list):
        return _array(value, schema, doc, where, depth)
    if isinstance(value, dict):
        return _object(value, schema, doc, where, depth)
    return None


def _string(value: str, schema: dict[str, Any], at: str) -> Text | None:
    max_len, min_len = schema.get("maxLength"), schema.get("minLength")
    if isinstance(max_len, int) and len(value) > max_len:
        return Text(
            f"{at}: panjang {len(value)} melebihi maxLength {max_len}",
            f"{at}: length {len(value)} exceeds maxLength {max_len}",
        )
    if isinstance(min_len, int) and len(value) < min_len:
        return Text(
            f"{at}: panjang {len(value)} kurang dari minLength {min_len}",
            f"{at}: length {len(value)} is below minLength {min_len}",
        )
    fmt = schema.get("format")
    if fmt == "date" and not _DATE.match(value):
        return Text(
            f"{at}: {value!r:.40} bukan tanggal ISO 8601 (YYYY-MM-DD)",
            f"{at}: {value!r:.40} is not an ISO 8601 date (YYYY-MM-DD)",
        )
    if fmt == "date-time" and not _DATE_TIME.match(value):
        return Text(
            f"{at}: {value!r:.40} bukan waktu ISO 8601 (RFC 3339)",
            f"{at}: {value!r:.40} is not an ISO 8601 (RFC 3339) date-time",
        )
    return None


def _number(value: float, schema: dict[str, Any], at: str) -> Text | None:
    low, high = schema.get("minimum"), schema.get("maximum")
    ex_low, ex_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if isinstance(ex_low, int | float) and not isinstance(ex_low, bool):
        low, ex_low = ex_low, True
    if isinstance(ex_high, int | float) and not isinstance(ex_high, bool):
        high, ex_high = ex_high, True
    if (
        isinstance(low, int | float)
        and not isinstance(low, bool)
        and (value < low or (ex_low is True and value == low))
    ):
        return Text(f"{at}: {value} di bawah batas minimum {low}", f"{at}: {value} is below the minimum {low}")
    if (
        isinstance(high, int | float)
        and not isinstance(high, bool)
        and (value > high or (ex_high is True and value == high))
    ):
        return Text(f"{at}: {value} di atas batas maksimum {high}", f"{at}: {value} is above the maximum {high}")
    return None


def _array(value: list[Any], schema: dict[str, Any], doc: Document, where: str, depth: int) -> Text | None:
    at = where or "/"
    max_items, min_items = schema.get("maxItems"), schema.get("minItems")
    if isinstance(max_items, int) and len(value) > max_items:
        return Text(
            f"{at}: {len(value)} butir melebihi maxItems {max_items}",
            f"{at}: {len(value)} items exceed maxItems {max_items}",
        )
    if isinstance(min_items, int) and len(value) < min_items:
        return Text(
            f"{at}: {len(value)} butir kurang dari minItems {min_items}",
            f"{at}: {len(value)} items are below minItems {min_items}",
        )
    items = schema.get("items")
    if isinstance(items, dict):
        for i, item in enumerate(value[:_MAX_ITEMS]):
            problem = mismatch(item, items, doc, f"{where}/{i}", depth + 1)
            if problem:
                return problem
    return None


def _object(value: dict[str, Any], schema: dict[str, Any], doc: Document, where: str, depth: int) -> Text | None:
    at = where or "/"
    props = schema.get("properties")
    props = props if isinstance(props, dict) else {}
    required = schema.get("required")
    if isinstance(required, list):
        for name in required:
            if not isinstance(name, str) or name in value:
                continue
            prop = doc.resolve(props.get(name))
            if isinstance(prop, dict) and (prop.get("readOnly") or prop.get("writeOnly")):
                continue  # legitimately absent on one side of the exchange
            return Text(f"{at}: properti wajib '{name}' tidak ada", f"{at}: required property '{name}' is missing")
    for name, item in list(value.items())[:_MAX_ITEMS]:
        if name in props:
            problem = mismatch(item, props[name], doc, f"{where}/{name}", depth + 1)
            if problem:
                return problem
    if schema.get("additionalProperties") is False and props:
        extra = [k for k in value if k not in props]
        if extra:
            return Text(
                f"{at}: properti '{extra[0]}' tidak didefinisikan di skema",
                f"{at}: property '{extra[0]}' is not defined in the schema",
            )
    return None
