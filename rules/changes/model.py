"""What a comparison of two versions of a document produces: changes, each with its place in both."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rules.i18n import Text

if TYPE_CHECKING:
    from rules.document import Document


class ChangeSeverity(StrEnum):
    """How a change affects the clients written against the old version."""

    #: A client that followed the old document can stop working.
    BREAKING = "breaking"
    #: Nothing breaks yet; something is announced to go away.
    DEPRECATION = "deprecation"
    COMPATIBLE = "compatible"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> Text:
        return _LABEL[self]


_RANK = {ChangeSeverity.BREAKING: 2, ChangeSeverity.DEPRECATION: 1, ChangeSeverity.COMPATIBLE: 0}
_LABEL = {
    ChangeSeverity.BREAKING: Text("merusak", "breaking"),
    ChangeSeverity.DEPRECATION: Text("penghentian", "deprecation"),
    ChangeSeverity.COMPATIBLE: Text("kompatibel", "compatible"),
}


@dataclass(frozen=True, slots=True)
class Place:
    """Where something is written: file, pointer inside that file, line and column."""

    file: str
    pointer: str
    line: int
    column: int
    #: The pointer in the joined document (what rules report on).
    document_pointer: str

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between the old and the new document.

    ``old`` is where the changed thing is in the old document and ``new`` where it is in the new
    one. For a removal, ``new`` is the nearest enclosing place that still exists (the path item an
    operation was removed from); for an addition, ``old`` is the same in the old document.
    """

    kind: str
    severity: ChangeSeverity
    old: Place
    new: Place
    message: Text
    #: Operations the change reaches ("GET /izin"); a shared schema can reach many.
    operations: tuple[str, ...] = ()
    #: "request", "response", "request+response", or "" when it is about neither.
    direction: str = ""
    #: The old element was marked deprecated, and its ``x-sunset`` date (as written), if any.
    deprecated: bool = False
    sunset: str | None = None
    #: The new element's ``x-sunset`` (deprecations and sunset changes).
    new_sunset: str | None = None

    @property
    def breaking(self) -> bool:
        return self.severity is ChangeSeverity.BREAKING


@dataclass(frozen=True, slots=True)
class Side:
    """What the reports say about one of the two documents."""

    root: str
    files: tuple[str, ...]
    openapi: str | None
    version: str | None
    title: str | None
    api_version: str | None
    operations: int
    #: Base paths of the top-level servers (2.0: basePath), with a version segment every path shares.
    base_paths: tuple[str, ...]
    #: Major version in the base path (``/v2`` -> 2), if any.
    major: int | None


@dataclass(slots=True)
class Comparison:
    old: Side
    new: Side
    changes: tuple[Change, ...]
    duration_ms: float = 0.0
    #: The two indexed documents (rules read facts the changes do not carry).
    old_document: Document | None = field(default=None, repr=False, compare=False)
    new_document: Document | None = field(default=None, repr=False, compare=False)

    @property
    def major_version_raised(self) -> bool:
        """The new version's base path names a higher major version (or names one for the first time)."""
        if self.new.major is None:
            return False
        return self.old.major is None or self.new.major > self.old.major

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in ChangeSeverity}
        for change in self.changes:
            out[change.severity.value] += 1
        return out

    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.severity is ChangeSeverity.BREAKING]


class UnreadableDocument(Exception):
    """One of the two documents cannot be compared: unreadable, or not OpenAPI 2.0/3.x."""

    def __init__(self, side: str, root: str, message: Text, line: int | None = None, column: int | None = None):
        super().__init__(message.en)
        self.side = side
        self.root = root
        self.message = message
        self.line = line
        self.column = column

    def text(self) -> Text:
        where = self.root + (f":{self.line}:{self.column or 1}" if self.line else "")
        return Text(f"{where}: {self.message.id}", f"{where}: {self.message.en}")


def json_value(value: Any) -> str:
    """A value from a document as it reads in a message (strings quoted, others as JSON)."""
    import orjson

    try:
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"
