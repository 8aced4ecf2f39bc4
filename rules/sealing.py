"""What a third-party library may be given: the joined tree, sealed.

The bundler (``bundle.py``) resolves the references it may resolve: those to the submitted files
under the document's folder. Whatever it could not resolve stays in the tree as it was written,
and libraries that resolve references themselves (schemathesis, jsonschema-rs, ``referencing``)
would follow it: open a ``file://`` URI, fetch a URL, read a relative path from the working
folder. Sealing is the boundary: before a tree reaches such a library, every reference the gate
did not resolve is taken out, and so is everything that would make a library look elsewhere
(``$id`` and ``$schema``, which change where relative references point; ``externalValue``; a
link's ``operationRef``; a discriminator mapping to a file).

A local reference (``#/...``) that points at something in the tree stays. Any other one is
removed; an operation that reached a removed one, directly or through local references, is
taken out of ``paths``, since what it sends or answers is no longer known: it is reported as not
tested, with the reference that was not resolved. The findings that explain why stay the
rulebook's (VAL003 to VAL005).

``refuse_retrieval`` is the retriever every such library is given as well: it refuses every
URI, so a reference that reached a library anyway is an error there, never a read.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rules import pointer as jp

#: Keys whose value is data written by the author, where ``$ref`` is only a property name.
_LITERAL_KEYS = frozenset({"example", "default", "enum", "const", "x-example"})
#: Keys that make a JSON Schema implementation resolve against another base or fetch a document.
_BASE_CHANGING = frozenset(
    {"$id", "id", "$schema", "jsonSchemaDialect", "$recursiveRef", "$dynamicRef", "externalValue", "operationRef"}
)
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


class RetrievalRefused(LookupError):
    """Raised by ``refuse_retrieval``: the gate resolves references itself, or not at all."""


def refuse_retrieval(uri: object) -> Any:
    """The retriever handed to libraries that would otherwise read files or URLs: it reads nothing."""
    raise RetrievalRefused(f"SPBE Gate does not retrieve references ({str(uri)[:200]})")


@dataclass(frozen=True, slots=True)
class Untested:
    """An operation taken out of the sealed tree, and the reference that made it ill-defined."""

    method: str
    path: str
    ref: str


@dataclass(frozen=True, slots=True)
class Sealed:
    data: Any
    #: (pointer of the holder, reference) of every reference taken out.
    removed: tuple[tuple[str, str], ...]
    #: Operations taken out of ``paths``, each with the first reference it reached that was removed.
    untested: tuple[Untested, ...]

    @property
    def operations(self) -> int:
        return sum(1 for _ in _operations(self.data))


def seal(tree: Any) -> Sealed:
    """A copy of ``tree`` that no library can resolve outside of: see the module's docstring."""
    walk = _Walk(tree)
    data = walk.copy(tree, [], False)
    removed = sorted(walk.removed)
    untested = _untested(tree, removed, walk.local_refs)
    paths = data.get("paths") if isinstance(data, dict) else None
    if isinstance(paths, dict):
        for item in untested:
            if not item.method:
                paths.pop(item.path, None)
            elif isinstance(paths.get(item.path), dict):
                paths[item.path].pop(item.method.lower(), None)
    return Sealed(data, tuple(removed), tuple(untested))


class _Walk:
    def __init__(self, root: Any):
        self.root = root
        self.removed: list[tuple[str, str]] = []
        #: (holder pointer, target pointer) of every local reference kept.
        self.local_refs: list[tuple[str, str]] = []
        self.schema_names: set[str] = set()
        components = root.get("components") if isinstance(root, dict) else None
        schemas = components.get("schemas") if isinstance(components, dict) else None
        if isinstance(schemas, dict):
            self.schema_names = {str(name) for name in schemas}

    def resolves(self, ref: str) -> str | None:
        """The pointer of a local reference that points at something in the tree, else None."""
        if not ref.startswith("#"):
            return None
        target = jp.from_fragment(ref)
        if target and not target.startswith("/"):
            return None  # an anchor (#name): resolved against a base the gate does not control
        try:
            found = jp.get(self.root, target, _MISSING)
        except ValueError:
            return None
        return None if found is _MISSING else target

    def copy(self, value: Any, at: list[str], literal: bool) -> Any:
        if isinstance(value, list):
            out_list = []
            for index, item in enumerate(value):
                at.append(str(index))
                out_list.append(self.copy(item, at, literal))
                at.pop()
            return out_list
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(item, str) and (key == "$ref" or (key in _BASE_CHANGING and not literal)):
                if self.reference(key, item, at, literal):
                    out[key] = item
                continue
            at.append(str(key))
            if key == "mapping" and isinstance(item, dict) and not literal:
                out[key] = self.mapping(item, at)
            else:
                out[key] = self.copy(item, at, literal or key in _LITERAL_KEYS or str(key).startswith("x-"))
            at.pop()
        return out

    def reference(self, key: str, ref: str, at: list[str], literal: bool) -> bool:
        """Keep a local reference that resolves; take out everything else (and say so, outside data).

        In data (an example, a default) ``$ref`` is only a property name; one that does not point
        inside the tree is dropped all the same, in case a library takes it for a reference."""
        if key in ("$ref", "operationRef", "$dynamicRef", "$recursiveRef"):
            target = self.resolves(ref)
            if target is not None:
                if key == "$ref" and not literal:
                    self.local_refs.append((jp.build(at), target))
                return True
        if not literal and key in ("$ref", "operationRef"):
            self.removed.append((jp.build(at), ref))
        return False

    def mapping(self, mapping: dict[str, Any], at: list[str]) -> dict[str, Any]:
        """A discriminator's mapping: local references and component names stay, the rest goes."""
        out: dict[str, Any] = {}
        for name, target in mapping.items():
            if not isinstance(target, str):
                continue
            if self.resolves(target) is not None:
                out[name] = target
            elif target in self.schema_names:
                out[name] = "#/components/schemas/" + jp.escape(target)
            else:
                self.removed.append((jp.join(jp.build(at), str(name)), target))
        return out


def _operations(tree: Any) -> Iterator[tuple[str, str, str]]:
    """(method, path, pointer) of every operation written under ``paths``."""
    paths = tree.get("paths") if isinstance(tree, dict) else None
    if not isinstance(paths, dict):
        return
    for path, item in paths.items():
        if isinstance(item, dict):
            for method in item:
                if method in _METHODS:
                    yield method.upper(), str(path), jp.join("/paths", str(path), method)


class _Within:
    """Pointers sorted, so that those at or below a place are one contiguous run."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.pairs = sorted(pairs)
        self.keys = [pointer for pointer, _ in self.pairs]

    def under(self, root: str) -> Iterator[str]:
        """The second item of each pair whose pointer is ``root`` or lies below it."""
        index = bisect_left(self.keys, root)
        if index < len(self.keys) and self.keys[index] == root:
            yield self.pairs[index][1]
        prefix = root + "/"
        index = bisect_left(self.keys, prefix)
        while index < len(self.keys) and self.keys[index].startswith(prefix):
            yield self.pairs[index][1]
            index += 1


def _untested(tree: Any, removed: list[tuple[str, str]], local_refs: list[tuple[str, str]]) -> list[Untested]:
    """Operations that reach a removed reference within themselves, their path item's shared
    parts, or anything their local references lead to (followed transitively, each place once).
    A whole path item (method "") when the item itself is the reference, or refers elsewhere."""
    if not removed:
        return []
    gone, refs = _Within(removed), _Within(local_refs)

    def reaches(roots: list[str]) -> str | None:
        seen: set[str] = set()
        while roots:
            root = roots.pop()
            if root in seen:
                continue
            seen.add(root)
            for ref in gone.under(root):
                return ref
            roots.extend(refs.under(root))
        return None

    found: list[Untested] = []
    paths = tree.get("paths") if isinstance(tree, dict) else None
    for path, item in paths.items() if isinstance(paths, dict) else ():
        pointer = jp.join("/paths", str(path))
        if isinstance(item, dict) and "$ref" in item:
            hit = reaches([pointer])
            if hit is not None:
                found.append(Untested("", str(path), hit))
            continue
        shared = [jp.join(pointer, "parameters"), jp.join(pointer, "servers")]
        for method in item if isinstance(item, dict) else ():
            if method in _METHODS:
                hit = reaches([jp.join(pointer, method), *shared])
                if hit is not None:
                    found.append(Untested(method.upper(), str(path), hit))
    return found


_MISSING: Any = object()
