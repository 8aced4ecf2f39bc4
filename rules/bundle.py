"""Joining a document made of several files into one tree with internal references only.

A ``$ref`` to another file under the root folder is inlined where it is first used; later
references to the same target, and cycles, become internal references to that first place
(what ``redocly bundle`` does). The result validates as one document, and every place in it
maps back to the file and pointer it came from, so findings name the right file and line.

Never fetched, never read: ``$ref`` to a URL, to a file outside the root folder (symlinks
included), or to anything that is not a regular file. Each becomes a reference problem,
reported as a finding.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Protocol

from rules import pointer as jp
from rules.i18n import Text, format_size
from rules.parsing import Limits, ParsedFile, SourceError, parse_bytes, parse_text, too_large

RefProblemKind = Literal["remote", "outside-root", "missing-file", "unreadable", "unresolved"]

# Values under these keys are literal data, where "$ref" is just a property name...
LITERAL_KEYS = frozenset({"example", "default", "enum", "const", "x-example"})
#: ...unless the key is a name in a map of names: a `default` response, a property called
#: `example`, a parameter component called `enum`.
NAME_MAPS = frozenset(
    {
        *("responses", "properties", "patternProperties", "definitions", "$defs", "schemas", "parameters"),
        *("examples", "headers", "links", "callbacks", "requestBodies", "pathItems", "securitySchemes"),
        *("securityDefinitions", "dependentSchemas", "content", "encoding", "variables", "paths", "webhooks"),
    }
)


def is_literal(key: str, parent_key: str | None) -> bool:
    """Whether the value under ``key``, in an object that sits under ``parent_key``, is data."""
    return key in LITERAL_KEYS and parent_key not in NAME_MAPS


#: Files a ``$ref`` includes as text (Redocly's convention for long descriptions), not as YAML.
TEXT_SUFFIXES = (".md", ".markdown", ".txt")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
# A "$ref" whose value is not a local "#..." pointer (a property named "$ref", whose value is a
# mapping, is not a reference either). Possessive \s*+ so that spaces cannot be given back. The
# pattern starts with the literal "$ref" so that the search skips ahead (an optional quote in
# front made it try every position: 0.05 s on a 4 MB file).
_EXTERNAL_REF = re.compile(rb"""\$ref["']?\s*:\s*+(?!["']?#|[{\[]|[>|][-+]?\s*#)""")


class FileSource(Protocol):
    """Where the files of one document come from: a folder on disk, or an upload in memory."""

    def read(self, path: str, limit: int) -> bytes:
        """Bytes of ``path`` (posix, relative to the root folder). Raises SourceError."""
        ...


@dataclass(frozen=True, slots=True)
class DirectorySource:
    root: Path

    def read(self, path: str, limit: int) -> bytes:
        base = os.path.realpath(self.root)
        full = os.path.realpath(os.path.join(base, path))
        if os.path.commonpath([base, full]) != base:
            raise SourceError("outside-root", _outside_text(path))
        try:
            st = os.stat(full)
        except OSError:
            raise SourceError(
                "missing-file", Text(f"Berkas {path} tidak ditemukan.", f"File {path} was not found.")
            ) from None
        if not stat.S_ISREG(st.st_mode):
            raise SourceError(
                "missing-file",
                Text(f"{path} bukan berkas biasa.", f"{path} is not a regular file."),
            )
        if st.st_size > limit:  # said here, where the real size is known, not after reading limit + 1
            raise too_large(st.st_size, limit)
        with open(full, "rb") as fh:
            data = fh.read(limit + 1)
        return data


@dataclass(frozen=True, slots=True)
class MemorySource:
    files: Mapping[str, bytes]

    def read(self, path: str, limit: int) -> bytes:
        try:
            return self.files[path]
        except KeyError:
            raise SourceError(
                "missing-file", Text(f"Berkas {path} tidak ditemukan.", f"File {path} was not found.")
            ) from None


def _outside_text(path: str) -> Text:
    return Text(
        f"{path} berada di luar folder dokumen; berkas itu tidak dibaca.",
        f"{path} lies outside the document's folder; it is not read.",
    )


@dataclass(slots=True)
class SourceFile:
    path: str
    raw: bytes
    parsed: ParsedFile
    sha256: str

    _lines: list[str] | None = None

    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.raw.decode("utf-8", "replace").splitlines()
        return self._lines


@dataclass(frozen=True, slots=True)
class RefProblem:
    kind: RefProblemKind
    ref: str
    #: Bundle pointer of the object holding the ``$ref``.
    pointer: str
    detail: Text | None = None


@dataclass(slots=True)
class Bundle:
    data: Any
    root: str
    files: dict[str, SourceFile]
    #: Bundle pointer of each inlined piece -> (file, pointer in that file).
    sites: dict[str, tuple[str, str]]
    problems: list[RefProblem] = field(default_factory=list)
    #: Keys written beside a ``$ref`` to another file, which bundling merged into the inlined
    #: object: (bundle pointer of the object, the keys). OpenAPI 2.0 and 3.0 ignore them.
    merged_siblings: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def origin(self, pointer: str) -> tuple[str, str]:
        """File and in-file pointer of a bundle pointer."""
        if len(self.sites) == 1:
            return self.root, pointer
        segments = jp.split(pointer)
        for cut in range(len(segments), -1, -1):
            prefix = jp.build(segments[:cut])
            site = self.sites.get(prefix)
            if site is not None:
                return site[0], jp.join(site[1], *segments[cut:])
        return self.root, pointer

    def position(self, pointer: str) -> tuple[str, str, int, int]:
        file, inner = self.origin(pointer)
        line, column = self.files[file].parsed.locator.position(jp.split(inner))
        return file, inner, line, column


def read_file(source: FileSource, path: str, limits: Limits) -> SourceFile:
    raw = source.read(path, limits.max_file_bytes)
    parsed = parse_text(raw, path, limits) if is_text_file(path) else parse_bytes(raw, path, limits)
    return SourceFile(path, raw, parsed, hashlib.sha256(raw).hexdigest())


def is_text_file(path: str) -> bool:
    return path.lower().endswith(TEXT_SUFFIXES)


def load(source: FileSource, root: str, limits: Limits | None = None) -> Bundle:
    """Read the root file and every file it reaches. Raises SourceError for the root file only."""
    limits = limits or Limits()
    root = _normalise(root) or root
    first = read_file(source, root, limits)
    files = {root: first}
    if not _may_have_external_refs(first.raw):
        return Bundle(first.parsed.data, root, files, {"": (root, "")})
    return _Bundler(source, root, files, limits).run()


def _may_have_external_refs(raw: bytes) -> bool:
    return _EXTERNAL_REF.search(raw) is not None


def _normalise(path: str) -> str | None:
    """Posix path without ``.`` and ``..``; None when it climbs above the root folder."""
    parts: list[str] = []
    for part in PurePosixPath(path.replace("\\", "/")).parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part == "/":
            return None
        else:
            parts.append(part)
    return "/".join(parts)


class _Bundler:
    def __init__(self, source: FileSource, root: str, files: dict[str, SourceFile], limits: Limits):
        self.source = source
        self.root = root
        self.files = files
        self.limits = limits
        self.failed: dict[str, SourceError] = {}
        self.total_bytes = len(files[root].raw)
        self.sites: dict[str, tuple[str, str]] = {"": (root, "")}
        self.placed: dict[tuple[str, str], str] = {(root, ""): ""}
        self.problems: list[RefProblem] = []
        self.merged_siblings: list[tuple[str, tuple[str, ...]]] = []

    def run(self) -> Bundle:
        try:
            data = self.copy(self.files[self.root].parsed.data, self.root, [], False, 0)
        except RecursionError:
            raise SourceError(
                "too-deep",
                Text(
                    "Rantai $ref antarberkas terlalu dalam.",
                    "The chain of $refs across files nests too deeply.",
                ),
            ) from None
        return Bundle(data, self.root, self.files, self.sites, self.problems, self.merged_siblings)

    # The walk keeps bundle pointers as segment lists to avoid building strings per node.
    def copy(self, value: Any, file: str, at: list[str], literal: bool, depth: int) -> Any:
        if depth > self.limits.max_depth * 2:
            return value  # a deep chain of inlined files: leave the rest as it is
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and not literal:
                return self.reference(value, ref, file, at, depth)
            out: dict[str, Any] = {}
            parent = at[-1] if at else None
            for key, item in value.items():
                at.append(key)
                out[key] = self.copy(item, file, at, literal or is_literal(key, parent), depth + 1)
                at.pop()
            return out
        if isinstance(value, list):
            items: list[Any] = []
            for index, item in enumerate(value):
                at.append(str(index))
                items.append(self.copy(item, file, at, literal, depth + 1))
                at.pop()
            return items
        return value

    def reference(self, holder: dict[str, Any], ref: str, file: str, at: list[str], depth: int) -> Any:
        here = jp.build(at)
        target_path, _, fragment = ref.partition("#")
        fragment = jp.from_fragment(fragment)
        if fragment and not fragment.startswith("/"):
            self.problems.append(RefProblem("unresolved", ref, here))
            return dict(holder)
        if _URL.match(target_path):
            self.problems.append(RefProblem("remote", ref, here))
            return dict(holder)
        if target_path:
            joined = _normalise(str(PurePosixPath(file).parent / target_path))
            if joined is None or target_path.startswith("/"):
                self.problems.append(RefProblem("outside-root", ref, here))
                return dict(holder)
            target_file = joined
            if not self.ensure(target_file, ref, here):
                return dict(holder)
            if is_text_file(target_file):
                if fragment:
                    self.problems.append(RefProblem("unresolved", ref, here))
                    return dict(holder)
                self.sites[here] = (target_file, "")
                return self.files[target_file].parsed.data
        else:
            target_file = file
        siblings = {k: v for k, v in holder.items() if k != "$ref"}
        placed = self.find_placed(target_file, fragment)
        if placed is not None:
            return {"$ref": "#" + placed, **self.copy(siblings, file, at, False, depth + 1)}
        target = jp.get(self.files[target_file].parsed.data, fragment, _MISSING)
        if target is _MISSING:
            self.problems.append(RefProblem("unresolved", ref, here))
            return dict(holder)
        self.placed[(target_file, fragment)] = here
        self.sites[here] = (target_file, fragment)
        inlined = self.copy(target, target_file, at, False, depth + 1)
        if siblings and isinstance(inlined, dict):
            self.merged_siblings.append((here, tuple(siblings)))
            inlined.update(self.copy(siblings, file, at, False, depth + 1))
        return inlined

    def find_placed(self, file: str, fragment: str) -> str | None:
        segments = jp.split(fragment)
        for cut in range(len(segments), -1, -1):
            base = self.placed.get((file, jp.build(segments[:cut])))
            if base is not None:
                return jp.join(base, *segments[cut:])
        return None

    def ensure(self, path: str, ref: str, here: str) -> bool:
        if path in self.files:
            return True
        error = self.failed.get(path)
        if error is None:
            if len(self.files) >= self.limits.max_files:
                error = SourceError(
                    "too-many-files",
                    Text(
                        f"Dokumen merujuk lebih dari {self.limits.max_files} berkas.",
                        f"The document refers to more than {self.limits.max_files} files.",
                    ),
                )
            elif self.total_bytes > self.limits.max_total_bytes:
                error = SourceError(
                    "too-large",
                    Text(
                        f"Berkas-berkas dokumen melebihi {format_size(self.limits.max_total_bytes, 'id')}.",
                        f"The document's files exceed {format_size(self.limits.max_total_bytes, 'en')}.",
                    ),
                )
            else:
                try:
                    loaded = read_file(self.source, path, self.limits)
                except SourceError as exc:
                    error = exc
                else:
                    self.files[path] = loaded
                    self.total_bytes += len(loaded.raw)
                    return True
            self.failed[path] = error
        kind: RefProblemKind
        if error.kind == "outside-root":
            kind = "outside-root"
        elif error.kind == "missing-file":
            kind = "missing-file"
        else:
            kind = "unreadable"
        self.problems.append(RefProblem(kind, ref, here, error.message))
        return False


_MISSING: Any = object()
