"""Breaking-change control: what changed from one version of a document to the next.

``compare`` works on files in memory (the service diffs a new submission against the approved
one); ``compare_paths`` on files on disk (``spbe-gate diff``). Both read the documents exactly as
``check`` does (``rules.bundle`` + ``rules.document``), so multi-file and 2.0 documents work.
The comparison makes no request and reads nothing a ``$ref`` names outside the given files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rules.bundle import DirectorySource, FileSource, MemorySource, load
from rules.changes.compare import compare_documents, describe, sunset_of
from rules.changes.kinds import KINDS, Kind
from rules.changes.model import Change, ChangeSeverity, Comparison, Place, Side, UnreadableDocument
from rules.document import Document
from rules.i18n import Text
from rules.parsing import Limits, SourceError

__all__ = [
    "KINDS",
    "Change",
    "ChangeSeverity",
    "Comparison",
    "Kind",
    "Place",
    "Side",
    "UnreadableDocument",
    "compare",
    "compare_documents",
    "compare_paths",
    "describe",
    "load_document",
    "sunset_of",
]


def load_document(source: FileSource, root: str, limits: Limits | None = None, *, side: str = "new") -> Document:
    """The indexed document, or UnreadableDocument saying why it cannot be compared."""
    try:
        bundle = load(source, root, limits)
    except SourceError as exc:
        raise UnreadableDocument(side, root, exc.message, exc.line, exc.column) from None
    doc = Document(bundle)
    if doc.version is None:
        raise UnreadableDocument(
            side,
            root,
            Text(
                "bukan dokumen OpenAPI 2.0 atau 3.x (tidak ada 'openapi: 3.x' atau 'swagger: \"2.0\"')",
                "not an OpenAPI 2.0 or 3.x document (no 'openapi: 3.x' or 'swagger: \"2.0\"')",
            ),
        )
    return doc


def compare(
    old_files: Mapping[str, bytes],
    old_root: str,
    new_files: Mapping[str, bytes],
    new_root: str,
    limits: Limits | None = None,
) -> Comparison:
    """Compare two documents given as files in memory (path relative to the document's folder -> bytes)."""
    old = load_document(MemorySource(old_files), old_root, limits, side="old")
    new = load_document(MemorySource(new_files), new_root, limits, side="new")
    return compare_documents(old, new)


def compare_paths(old: Path, new: Path, limits: Limits | None = None) -> Comparison:
    """Compare two documents on disk, each given by its root file (its folder is its root folder)."""
    before = load_document(DirectorySource(old.parent), old.name, limits, side="old")
    after = load_document(DirectorySource(new.parent), new.name, limits, side="new")
    return compare_documents(before, after)
