"""VAL002: the document conforms to the OpenAPI specification's schema.

The schema check is openapi-spec-validator's: its bundled OpenAPI 2.0/3.0/3.1/3.2 JSON Schemas,
run through jsonschema-rs, the backend it selects itself when that is installed. Every error is
reported (not only the first), reduced to its most specific cause, at its own location. For 3.1
and 3.2, whose OpenAPI schema leaves Schema Objects unchecked, each schema is also checked
against the JSON Schema 2020-12 meta-schema, as openapi-spec-validator's semantic pass does.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sealing import refuse_retrieval

_K = jsonschema_rs.ValidationErrorKind
_ROOT_ROLES = frozenset({"component", "request-body", "response", "parameter", "header"})
_MAX_ERRORS = 500


_SCHEMA_DIRS = {"2.0": "v2.0", "3.0": "v3.0", "3.1": "v3.1", "3.2": "v3.2"}


def osv_schema(version: str) -> dict[str, Any]:
    """openapi-spec-validator's own OpenAPI schema for ``version``.

    Read from its package resources without importing the package, whose import (pydantic
    settings, jsonschema) costs 0.2 s of every check; a test asserts it is the very schema
    openapi-spec-validator uses.
    """
    spec = importlib.util.find_spec("openapi_spec_validator")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("openapi-spec-validator is not installed")
    base = Path(next(iter(spec.submodule_search_locations)))
    path = base / "resources" / "schemas" / _SCHEMA_DIRS[version] / "schema.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _validator(version: str) -> Any:
    return jsonschema_rs.validator_for(osv_schema(version), retriever=refuse_retrieval)


@cache
def _meta_validator() -> Any:
    return jsonschema_rs.Draft202012Validator(
        {"$ref": "https://json-schema.org/draft/2020-12/schema"}, retriever=refuse_retrieval
    )


def _is_reference_branch(branch: list[Any]) -> bool:
    """The "or a $ref" alternative: its failure says only that ``$ref`` is missing."""
    return any(isinstance(e.kind, _K.Required) and e.kind.property == "$ref" for e in branch)


Leaf = tuple[list[str], Text]
#: Keys whose value says which alternative of a oneOf an object means: a parameter's ``in``, a
#: security scheme's ``type``, an OAuth2 flow.
_DISCRIMINATORS = ("in", "type", "flow")


def _depth(branch: list[Any]) -> tuple[int, int]:
    return max(len(e.instance_path) for e in branch), -len(branch)


def _alternatives(error: Any, depth: int = 0) -> list[list[Any]]:
    """The failed branches under a oneOf/anyOf failure, $ref ones dropped; a branch that fails on a
    nested choice at the same place (2.0's body/non-body, then header/query/path/formData) is
    flattened into one alternative per nested branch, each keeping the branch's other errors."""
    out: list[list[Any]] = []
    for branch in error.kind.context:
        if not branch or _is_reference_branch(branch):
            continue
        nested = [e for e in branch if _is_choice(e) and len(e.instance_path) == len(error.instance_path)]
        if len(nested) == 1 and depth < 20:
            rest = [e for e in branch if e is not nested[0]]
            out.extend([*rest, *alt] for alt in _alternatives(nested[0], depth + 1))
        else:
            out.append(branch)
    return out


def _is_choice(error: Any) -> bool:
    return isinstance(error.kind, _K.OneOfNotValid | _K.AnyOf) and bool(getattr(error.kind, "context", None))


def _fails_on(branch: list[Any], path: list[str]) -> Any:
    """The branch's enum or const error on exactly ``path``, if it has one."""
    for e in branch:
        if isinstance(e.kind, _K.Enum | _K.Constant) and [*map(str, e.instance_path)] == path:
            return e
    return None


def leaves(error: Any, depth: int = 0) -> list[Leaf]:
    """Messages for an error: under a oneOf/anyOf failure, those of the alternative meant.

    The alternative meant is the one whose discriminating value (a parameter's ``in``, a
    scheme's ``type``) the object has; else the one that came closest. When the object's
    discriminating value fits no alternative (``in: querystring``), that alone is the message,
    with every allowed value.
    """
    if depth > 20 or not _is_choice(error):
        return [describe_leaf(error)]
    branches = _alternatives(error)
    if not branches:
        return [describe_leaf(error)]
    here = [*map(str, error.instance_path)]
    for key in _DISCRIMINATORS:
        failing = [_fails_on(b, [*here, key]) for b in branches]
        if not any(failing):
            continue
        fitting = [b for b, f in zip(branches, failing, strict=True) if f is None]
        if fitting:
            branches = fitting
            if key == "in" and len(fitting) == 1 and _has_unexpected(fitting[0], here, "schema"):
                where = error.instance.get("in") if isinstance(error.instance, dict) else ""
                return [([*here, "schema"], _schema_on_non_body(str(where)))]
            break
        options: list[str] = []
        for f in failing:
            for o in _options(f.kind):
                if o not in options:
                    options.append(o)
        shown = ", ".join(options[:12])
        value = f"'{f.instance}'" if isinstance(f.instance, str) else _short(f.instance, 30)
        return [
            (
                [*here, key],
                Text(
                    f"'{key}' bernilai {value}: harus salah satu dari {shown}",
                    f"'{key}' is {value}: must be one of {shown}",
                ),
            )
        ]
    out: list[Leaf] = []
    for sub in max(branches, key=_depth):
        out.extend(leaves(sub, depth + 1))
    return out


def _has_unexpected(branch: list[Any], path: list[str], name: str) -> bool:
    return any(
        isinstance(e.kind, _K.AdditionalProperties)
        and name in e.kind.unexpected
        and [*map(str, e.instance_path)] == path
        for e in branch
    )


def _schema_on_non_body(where: str) -> Text:
    """OpenAPI 2.0: only a body parameter has a schema; the others are typed directly."""
    return Text(
        f"parameter {where} tidak memakai `schema` di OpenAPI 2.0 (hanya parameter body); tuliskan `type` "
        "(dan `format`, `items`) langsung pada parameternya",
        f"a {where} parameter takes no `schema` in OpenAPI 2.0 (only a body parameter does); write `type` "
        "(and `format`, `items`) on the parameter itself",
    )


def _options(kind: Any) -> list[str]:
    if isinstance(kind, _K.Enum):
        return [_short(o, 30) for o in kind.options]
    return [_short(kind.expected_value, 30)]


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _limit(kind: Any) -> str:
    return _short(getattr(kind, "limit", ""), 30)


_SIMPLE: dict[str, tuple[str, str]] = {
    "UniqueItems": ("butir tidak boleh berulang", "items must be unique"),
    "MinItems": ("butir kurang dari {limit}", "fewer than {limit} items"),
    "MaxItems": ("butir lebih dari {limit}", "more than {limit} items"),
    "MinLength": ("lebih pendek dari {limit} karakter", "shorter than {limit} characters"),
    "MaxLength": ("lebih panjang dari {limit} karakter", "longer than {limit} characters"),
    "Minimum": ("kurang dari {limit}", "less than {limit}"),
    "Maximum": ("lebih dari {limit}", "greater than {limit}"),
    "MinProperties": ("properti kurang dari {limit}", "fewer than {limit} properties"),
    "FalseSchema": ("tidak diizinkan di sini", "is not allowed here"),
}


def describe_leaf(error: Any) -> Leaf:
    """A bilingual message, at the pointer that lands on the offending key."""
    kind = error.kind
    path = [*map(str, error.instance_path)]
    if isinstance(kind, _K.Required):
        return path, Text(
            f"properti wajib '{kind.property}' tidak ada", f"required property '{kind.property}' is missing"
        )
    if isinstance(kind, _K.AdditionalProperties | _K.UnevaluatedProperties):
        names = ", ".join(f"'{n}'" for n in kind.unexpected[:5])
        return [*path, str(kind.unexpected[0])], Text(
            f"properti tidak dikenal: {names}", f"unexpected properties: {names}"
        )
    if isinstance(kind, _K.Type):
        types = "/".join(str(t) for t in kind.types) if isinstance(kind.types, list) else str(kind.types)
        return path, Text(f"harus bertipe {types}", f"must be of type {types}")
    if isinstance(kind, _K.Enum):
        options = ", ".join(_short(o, 30) for o in list(kind.options)[:12])
        return path, Text(f"harus salah satu dari: {options}", f"must be one of: {options}")
    if isinstance(kind, _K.Pattern):
        return path, Text(f"tidak cocok dengan pola {kind.pattern}", f"does not match the pattern {kind.pattern}")
    simple = _SIMPLE.get(type(kind).__name__)
    if simple is not None:
        return path, Text(simple[0].format(limit=_limit(kind)), simple[1].format(limit=_limit(kind)))
    message = _short(str(error.message), 200)
    return path, Text(message, message)


class OpenAPISchema(Rule):
    id = "VAL002"
    name = "openapi-schema"
    category = Category.VALIDITY
    severity = Severity.ERROR
    title = Text("Struktur sesuai spesifikasi OpenAPI", "Structure conforms to the OpenAPI specification")
    rationale = Text(
        "Dokumen yang tidak sesuai spesifikasi tidak dapat dipakai oleh generator klien, gateway, "
        "maupun OPD lain yang hendak berintegrasi.",
        "A document that does not conform to the specification cannot be used by client "
        "generators, gateways, or the other OPDs that want to integrate with it.",
    )
    fix = Text(
        "Perbaiki bagian yang ditunjuk sesuai spesifikasi OpenAPI versi yang dinyatakan dokumen.",
        "Correct the part shown according to the OpenAPI specification version the document states.",
    )
    message = Text(
        "Tidak sesuai skema OpenAPI {version}: {detail}", "Does not conform to the OpenAPI {version} schema: {detail}"
    )
    references = (
        "https://github.com/python-openapi/openapi-spec-validator",
        "https://spec.openapis.org/oas/v3.1.0",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if doc.version is None:
            return
        count = 0
        # A $ref that could not be followed is reported by VAL003-VAL005; the object it leaves
        # behind ({"$ref": ...} where a string belongs) is not a second finding.
        broken = [p.pointer for p in doc.bundle.problems]
        for error in _validator(doc.version).iter_errors(doc.data):
            for path, detail in leaves(error):
                pointer = jp.build(path)
                if broken and any(jp.is_within(pointer, b) for b in broken):
                    continue
                yield self.violation(pointer, version=doc.version, detail=detail)
                count += 1
                if count >= _MAX_ERRORS:
                    return
        if doc.is_v31:
            meta = _meta_validator()
            for info in doc.schemas:
                if info.role not in _ROOT_ROLES:
                    continue
                for error in meta.iter_errors(info.value):
                    for path, detail in leaves(error):
                        yield self.violation(jp.join(info.pointer, *path), version=doc.version, detail=detail)
