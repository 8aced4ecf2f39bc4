"""IOP019: no URL matches two paths of which neither is the more concrete."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import distinct_paths, path_pointer


@dataclass(slots=True)
class _Node:
    literal: dict[str, _Node] = field(default_factory=dict)
    variable: _Node | None = None
    path: str | None = None  # the path that ends here


def _segments(path: str) -> list[str | None]:
    """A path's segments; None for a segment that is only a variable (``{id}``)."""
    out: list[str | None] = []
    for seg in path.split("/"):
        out.append(None if seg.startswith("{") and seg.endswith("}") and seg.count("{") == 1 else seg)
    return out


class NoAmbiguousPaths(Rule):
    id = "IOP019"
    name = "no-ambiguous-paths"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Path tidak ambigu", "Paths are not ambiguous")
    rationale = Text(
        "`/izin/{nomor}/lampiran` dan `/izin/arsip/{tahun}` sama-sama cocok dengan `/izin/arsip/lampiran`, "
        "dan tidak satu pun lebih konkret dari yang lain: server, gateway dan klien yang dibangkitkan "
        "dapat memilih operasi yang berbeda untuk URL yang sama.",
        "`/permits/{number}/attachments` and `/permits/archive/{year}` both match "
        "`/permits/archive/attachments`, and neither is more concrete than the other: servers, gateways "
        "and generated clients may pick different operations for the same URL.",
    )
    fix = Text(
        "Ubah salah satu path agar segmen tetapnya berada di posisi yang berbeda, mis. "
        "`/arsip-izin/{tahun}`, atau jadikan keduanya variabel yang sama.",
        "Change one of the paths so that its literal segments sit elsewhere, e.g. `/permit-archive/{year}`, "
        "or make both the same variable.",
    )
    message = Text(
        "Path '{path}' ambigu dengan '{other}': URL yang sama cocok dengan keduanya",
        "Path '{path}' is ambiguous with '{other}': the same URL matches both",
    )
    references = (
        "https://spec.openapis.org/oas/v3.1.0#path-templating-matching",
        "https://redocly.com/docs/cli/rules/oas/no-ambiguous-paths",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        # One trie per number of segments; a path meets only the paths its literals allow.
        tries: dict[int, _Node] = {}
        for path in distinct_paths(doc):
            segments = _segments(path)
            root = tries.setdefault(len(segments), _Node())
            other = _find(root, segments)
            if other is not None:
                yield self.violation(path_pointer(path), path=path, other=other)
            _insert(root, segments, path)


def _insert(node: _Node, segments: list[str | None], path: str) -> None:
    for seg in segments:
        if seg is None:
            child = node.variable
            if child is None:
                child = node.variable = _Node()
            node = child
        else:
            node = node.literal.setdefault(seg, _Node())
    if node.path is None:
        node.path = path


def _find(root: _Node, segments: list[str | None]) -> str | None:
    """A path already in the trie that is ambiguous with ``segments``: somewhere this one is
    literal where that one is a variable, and somewhere the other way round."""
    stack: list[tuple[_Node, int, bool, bool]] = [(root, 0, False, False)]
    end = len(segments)
    while stack:
        node, i, mine_literal, theirs_literal = stack.pop()
        if i == end:
            if mine_literal and theirs_literal and node.path is not None:
                return node.path
            continue
        seg = segments[i]
        if seg is None:
            if node.variable is not None:
                stack.append((node.variable, i + 1, mine_literal, theirs_literal))
            for child in node.literal.values():
                stack.append((child, i + 1, mine_literal, True))
        else:
            same = node.literal.get(seg)
            if same is not None:
                stack.append((same, i + 1, mine_literal, theirs_literal))
            if node.variable is not None:
                stack.append((node.variable, i + 1, True, theirs_literal))
    return None
