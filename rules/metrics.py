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


def property_described(doc: Document, prop: Property) -> bool:
    """A property counts as described by its own description or title, or its $ref target's."""
    return any(
        isinstance(v, dict) and (described(v.get("description")) or described(v.get("title")))
        for v in (prop.raw, doc.resolve(prop.raw))
    )


def documentation_coverage(doc: Document) -> Coverage:
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
    for prop in doc.properties:
        total += 1
        documented += property_described(doc, prop)
    return Coverage(documented, total)
