"""Measures reported beside the findings."""

from __future__ import annotations

from dataclasses import dataclass

from rules.document import Document, Property


@dataclass(frozen=True, slots=True)
class Coverage:
    documented: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else round(100 * self.documented / self.total, 1)


def described(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _self_described(value: object) -> bool:
    return isinstance(value, dict) and (described(value.get("description")) or described(value.get("title")))


def property_described(doc: Document, prop: Property) -> bool:
    """A property counts as described by its own description or title, or its $ref target's."""
    raw = prop.raw
    if _self_described(raw):
        return True
    return isinstance(raw, dict) and "$ref" in raw and _self_described(doc.resolve(raw))


def properties_described(doc: Document) -> list[bool]:
    """``property_described`` for each of ``doc.properties``, worked out once per document
    (DOC005 and the coverage metric, which DOC009 and the report share, all need it)."""
    cached: list[bool] | None = doc.__dict__.get("_properties_described")
    if cached is None:
        cached = doc.__dict__["_properties_described"] = [property_described(doc, p) for p in doc.properties]
    return cached


def documentation_coverage(doc: Document) -> Coverage:
    cached: Coverage | None = doc.__dict__.get("_documentation_coverage")
    if cached is None:
        cached = doc.__dict__["_documentation_coverage"] = _coverage(doc)
    return cached


def _coverage(doc: Document) -> Coverage:
    """Share of operations, parameters, responses, named schemas and properties that are described.

    An operation counts with a summary or a description; the others need a description
    (a schema's ``title`` also counts). Each object is counted once, where it is defined.
    """
    documented = total = 0
    for op in doc.operations:
        total += 1
        documented += described(op.summary) or described(op.description)
    seen: set[str] = set()
    for param in doc.parameters:
        if param.pointer in seen:
            continue
        seen.add(param.pointer)
        total += 1
        documented += described(param.value.get("description"))
    for resp in doc.responses:
        if resp.pointer in seen:
            continue
        seen.add(resp.pointer)
        total += 1
        documented += described(resp.value.get("description"))
    for schema in doc.schemas:
        if schema.role != "component":
            continue
        total += 1
        documented += described(schema.value.get("description")) or described(schema.value.get("title"))
    flags = properties_described(doc)
    total += len(flags)
    documented += sum(flags)
    return Coverage(documented, total)
