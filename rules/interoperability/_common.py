"""Helpers shared by the interoperability rules: names split into words, media types, schema facets.

Nothing here evaluates a ``pattern`` written in the document: patterns are read as text.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rules import pointer as jp
from rules.document import Document, Operation
from rules.i18n import Text

# -- names -------------------------------------------------------------------------------

_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")


@lru_cache(maxsize=65536)
def words(name: str) -> tuple[str, ...]:
    """``nikPemohon`` -> (nik, pemohon); ``created_at`` -> (created, at); ``HTTPServer`` -> (http, server)."""
    out: list[str] = []
    for chunk in _SEPARATORS.split(name):
        if chunk:
            out.extend(w.lower() for w in _PART.findall(chunk))
    return tuple(out)


# -- paths -------------------------------------------------------------------------------

_TEMPLATE = re.compile(r"\{[^{}]*\}")


def literal_segments(path: str) -> list[str]:
    """The path's segments without their ``{templates}`` (``{id}.pdf`` -> ``.pdf``), empty ones dropped."""
    out: list[str] = []
    for segment in path.split("/"):
        literal = _TEMPLATE.sub("", segment)
        if literal:
            out.append(literal)
    return out


def ends_with_parameter(path: str) -> bool:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return "{" in last


def path_pointer(path: str) -> str:
    return jp.join("/paths", path)


def distinct_paths(doc: Document) -> list[str]:
    """Paths that hold at least one operation, in document order, once each."""
    seen: dict[str, None] = {}
    for op in doc.operations:
        seen.setdefault(op.path, None)
    return list(seen)


# -- status codes ------------------------------------------------------------------------


def status_class(status: str) -> str:
    """ "2" for 200 or 2XX, "4" for 404 or 4xx, "default", or "" when it is not a status code."""
    status = status.strip()
    if status == "default":
        return "default"
    if len(status) == 3 and status[0] in "12345" and (status[1:].isdigit() or status[1:].upper() == "XX"):
        return status[0]
    return ""


def is_success(status: str) -> bool:
    return status_class(status) in ("2", "3") or status.strip() == "101"


# -- media types -------------------------------------------------------------------------

#: JSON-family media types that are not spelled application/json or +json.
_JSON_LIKE = frozenset({"x-ndjson", "ndjson", "jsonl", "x-jsonlines", "json-seq"})


@lru_cache(maxsize=1024)
def base_media_type(mime: str) -> str:
    return mime.split(";", 1)[0].strip().lower()


@lru_cache(maxsize=1024)
def is_json(mime: str) -> bool:
    """application/json, application/<anything>+json and the JSON-lines family."""
    base = base_media_type(mime)
    kind, _, sub = base.partition("/")
    if kind != "application" or not sub:
        return False
    return sub == "json" or sub.endswith("+json") or sub in _JSON_LIKE


def glob_matcher(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regular expression for a list of media-type globs (``image/*``), built once per check."""
    parts = [fnmatch.translate(str(p).strip().lower()) for p in patterns if str(p).strip()]
    return re.compile("|".join(parts) if parts else r"(?!)")


def v2_media_list(doc: Document, op: Operation, key: str) -> list[tuple[str, str]]:
    """2.0 ``consumes`` or ``produces`` in force for an operation: (media type, pointer)."""
    for holder, base in ((op.value, op.pointer), (doc.data, "")):
        value = holder.get(key)
        if isinstance(value, list):
            return [(str(m), jp.join(base, key, i)) for i, m in enumerate(value)]
    return []


# -- schemas -----------------------------------------------------------------------------

_MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class Facet:
    """One alternative shape of a schema: allOf merged, one branch of anyOf/oneOf."""

    types: frozenset[str] = frozenset()
    format: str | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    has_enum: bool = False
    items: Any = None
    max_items: int | None = None

    @property
    def known(self) -> bool:
        return bool(self.types or self.format or self.pattern or self.has_enum or self.items is not None)

    @property
    def stringish(self) -> bool:
        """A string, or an untyped schema that only a string can satisfy (it has a pattern)."""
        return "string" in self.types or (not self.types and (self.pattern is not None or self.format is not None))

    @property
    def numeric(self) -> bool:
        return bool(self.types & {"integer", "number"})


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _own_facet(schema: dict[str, Any]) -> Facet:
    raw_type = schema.get("type")
    if isinstance(raw_type, str):
        types = frozenset({raw_type}) - {"null"}
    elif isinstance(raw_type, list):
        types = frozenset(t for t in raw_type if isinstance(t, str)) - {"null"}
    else:
        types = frozenset()
    fmt = schema.get("format")
    pattern = schema.get("pattern")
    enum = schema.get("enum")
    return Facet(
        types=types,
        format=fmt if isinstance(fmt, str) else None,
        pattern=pattern if isinstance(pattern, str) else None,
        min_length=_int(schema.get("minLength")),
        max_length=_int(schema.get("maxLength")),
        has_enum=(isinstance(enum, list) and bool(enum)) or "const" in schema,
        items=schema.get("items") if isinstance(schema.get("items"), dict) else None,
        max_items=_int(schema.get("maxItems")),
    )


def _merge(a: Facet, b: Facet) -> Facet:
    types = (a.types & b.types or a.types) if (a.types and b.types) else (a.types or b.types)
    lows = [x for x in (a.min_length, b.min_length) if x is not None]
    highs = [x for x in (a.max_length, b.max_length) if x is not None]
    max_items = [x for x in (a.max_items, b.max_items) if x is not None]
    return Facet(
        types=types,
        format=a.format or b.format,
        pattern=a.pattern or b.pattern,
        min_length=max(lows) if lows else None,
        max_length=min(highs) if highs else None,
        has_enum=a.has_enum or b.has_enum,
        items=a.items if a.items is not None else b.items,
        max_items=min(max_items) if max_items else None,
    )


def _is_null_only(schema: Any, doc: Document) -> bool:
    value = doc.resolve(schema)
    if not isinstance(value, dict):
        return False
    raw_type = value.get("type")
    return raw_type == "null" or raw_type == ["null"]


def facets(doc: Document, schema: Any, depth: int = 0) -> list[Facet]:
    """The alternative shapes a value of this schema may take (null-only branches left out).

    ``allOf`` parts are merged into one shape; each ``anyOf``/``oneOf`` branch is one shape.
    An empty list means the schema could not be read (a broken ``$ref``, too deep).
    """
    value = doc.resolve(schema)
    if not isinstance(value, dict) or depth > _MAX_DEPTH:
        return []
    base = _own_facet(value)
    all_of = value.get("allOf")
    if isinstance(all_of, list):
        for part in all_of:
            alternatives = facets(doc, part, depth + 1)
            if len(alternatives) == 1:
                base = _merge(base, alternatives[0])
    branches: list[Any] = []
    for key in ("anyOf", "oneOf"):
        listed = value.get(key)
        if isinstance(listed, list):
            branches.extend(b for b in listed if not _is_null_only(b, doc))
    if not branches:
        return [base]
    out: list[Facet] = []
    for branch in branches:
        out.extend(_merge(base, alt) for alt in facets(doc, branch, depth + 1))
    return out or [base]


def object_properties(doc: Document, schema: Any, depth: int = 0) -> dict[str, Any]:
    """Properties of an object schema, including those its ``allOf`` parts bring."""
    value = doc.resolve(schema)
    if not isinstance(value, dict) or depth > _MAX_DEPTH:
        return {}
    out: dict[str, Any] = {}
    all_of = value.get("allOf")
    if isinstance(all_of, list):
        for part in all_of:
            out.update(object_properties(doc, part, depth + 1))
    props = value.get("properties")
    if isinstance(props, dict):
        out.update(props)
    return out


# -- patterns read as text ---------------------------------------------------------------

_DIGIT_CLASS = re.compile(r"\[(?:\d(?:-\d)?)+\]")
_QUANTIFIER = re.compile(r"\{(\d+)(?:(,)(\d*))?\}|[+*?]")


def digits_pattern_lengths(pattern: str) -> tuple[int, int | None] | None:
    """(min, max) length of the strings an anchored, digits-only pattern allows; None if it is not one.

    Reads patterns such as ``^\\d{16}$``, ``^[0-9]{16}$``, ``^[1-9][0-9]{15}$``, ``^\\d{6}\\d{6}\\d{4}$``
    or ``^[0-9]+$`` (max None). The pattern is parsed as text, never run.
    """
    text = pattern.strip()
    if len(text) > 200 or not text.startswith("^") or not text.endswith("$") or text.endswith("\\$"):
        return None
    body = text[1:-1]
    for opener in ("(?:", "("):
        if body.startswith(opener) and body.endswith(")") and body.count("(") == 1:
            body = body[len(opener) : -1]
            break
    low, high = 0, 0
    unbounded = False
    i = 0
    while i < len(body):
        if body.startswith("\\d", i):
            i += 2
        elif body[i].isdigit():
            i += 1
        else:
            m = _DIGIT_CLASS.match(body, i)
            if not m:
                return None
            i = m.end()
        q = _QUANTIFIER.match(body, i)
        if q is None:
            low, high = low + 1, high + 1
            continue
        i = q.end()
        token = q.group(0)
        if token == "+":
            low, unbounded = low + 1, True
        elif token == "*":
            unbounded = True
        elif token == "?":
            high += 1
        else:
            n = int(q.group(1))
            if q.group(2) is None:
                low, high = low + n, high + n
            elif q.group(3):
                low, high = low + n, high + int(q.group(3))
            else:
                low, unbounded = low + n, True
    return low, (None if unbounded else high)


# -- values with a name: properties and parameters ---------------------------------------


@dataclass(frozen=True, slots=True)
class Named:
    """A property or a parameter: what its name says, and the schema of its value."""

    name: str
    pointer: str
    schema: Any
    kind: str  # "property" or "parameter"
    location: str = ""  # for parameters: query, path, header, cookie, formData


def named_values(doc: Document, locations: frozenset[str]) -> list[Named]:
    """Every property entry once, then every parameter (of the given locations) once, where defined.

    Built once per document and set of locations: four rules read it, and a large document
    has tens of thousands of properties.
    """
    cache: dict[frozenset[str], list[Named]] = doc.__dict__.setdefault("_named_values", {})
    found = cache.get(locations)
    if found is None:
        found = cache[locations] = [Named(p.name, p.pointer, p.raw, "property") for p in doc.properties]
        seen: set[str] = set()
        for param in doc.parameters:
            if param.location not in locations or param.pointer in seen:
                continue
            seen.add(param.pointer)
            found.append(Named(param.name, param.pointer, param.schema, "parameter", param.location))
    return found


VALUE_LOCATIONS = frozenset({"query", "path", "header", "cookie", "formData"})


def misdeclared(
    doc: Document, is_name: Callable[[str], bool], problem_of: Callable[[Document, Any], Text | None]
) -> Iterator[tuple[Named, Text]]:
    """Each property and parameter (of VALUE_LOCATIONS) that ``is_name`` takes for the identifier
    a rule is about, whose schema ``problem_of`` finds fault with, and the fault (each name is
    judged once per document: a large one repeats its names thousands of times)."""
    names: dict[str, bool] = {}
    for value in named_values(doc, VALUE_LOCATIONS):
        hit = names.get(value.name)
        if hit is None:
            hit = names[value.name] = is_name(value.name)
        if hit:
            problem = problem_of(doc, value.schema)
            if problem is not None:
                yield value, problem
