"""The diff report's view model and its formats (``spbe-gate diff``).

As for the assessment report, everything a renderer shows is chosen, ordered and translated
here once; text and Markdown only iterate it. JSON (schema ``schema/diff-v1.json``) and SARIF
are built from the ``Comparison`` and the kinds' registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from reports.i18n import label
from reports.model import clean
from rules import __version__
from rules.changes.kinds import KINDS
from rules.changes.model import Change, ChangeSeverity, Comparison, Side
from rules.i18n import Lang, Text

DIFF_FORMATS = ("text", "json", "markdown", "sarif")
FailOn = Literal["breaking", "any"]
#: How many operations a change lists before it only counts the rest.
MAX_OPERATIONS = 3

_FAIL_ON = {
    "breaking": Text("perubahan yang merusak", "breaking changes"),
    "any": Text("perubahan apa pun", "any change"),
}
_GROUP = {
    ChangeSeverity.BREAKING: Text("Merusak", "Breaking"),
    ChangeSeverity.DEPRECATION: Text("Penghentian", "Deprecations"),
    ChangeSeverity.COMPATIBLE: Text("Kompatibel", "Compatible"),
}
_DIRECTION = {
    "request": Text("permintaan", "request"),
    "response": Text("respons", "response"),
    "request+response": Text("permintaan dan respons", "request and response"),
}


def verdict(comparison: Comparison, fail_on: FailOn) -> str:
    """``fail`` when a breaking change (or, with ``any``, any change at all) is found."""
    if fail_on == "any":
        return "fail" if comparison.changes else "pass"
    return "fail" if comparison.breaking() else "pass"


@dataclass(frozen=True, slots=True)
class PlaceView:
    file: str
    pointer: str
    line: int
    location: str


@dataclass(frozen=True, slots=True)
class ChangeView:
    kind: str
    kind_title: str
    severity: str
    severity_label: str
    message: str
    direction: str
    operations: str
    old: PlaceView
    new: PlaceView


@dataclass(frozen=True, slots=True)
class GroupView:
    severity: str
    label: str
    changes: tuple[ChangeView, ...]


@dataclass(frozen=True, slots=True)
class SideView:
    title: str
    api_version: str
    root: str
    openapi: str
    operations: int
    files: int
    base_path: str


@dataclass(frozen=True, slots=True)
class DiffView:
    lang: str
    t: dict[str, str]
    tool_version: str
    generated_at: str
    old: SideView
    new: SideView
    groups: tuple[GroupView, ...]
    counts: str
    total: int
    verdict: str
    passed: bool
    verdict_label: str
    fail_on: str


def _operations(change: Change, lang: Lang) -> str:
    ops = change.operations
    if not ops:
        return ""
    shown = ", ".join(ops[:MAX_OPERATIONS])
    more = len(ops) - MAX_OPERATIONS
    if more > 0:
        shown += f" (+{more} {label('diff_more_operations', lang)})"
    return clean(shown)


def _place(file: str, pointer: str, line: int, column: int) -> PlaceView:
    return PlaceView(clean(file), clean(pointer or "/"), line, clean(f"{file}:{line}:{column}"))


def _change_view(change: Change, lang: Lang) -> ChangeView:
    kind = KINDS[change.kind]
    return ChangeView(
        kind=change.kind,
        kind_title=kind.title.get(lang),
        severity=change.severity.value,
        severity_label=change.severity.label.get(lang),
        message=clean(change.message.get(lang)),
        direction=_DIRECTION[change.direction].get(lang) if change.direction else "",
        operations=_operations(change, lang),
        old=_place(change.old.file, change.old.pointer, change.old.line, change.old.column),
        new=_place(change.new.file, change.new.pointer, change.new.line, change.new.column),
    )


def _side_view(side: Side) -> SideView:
    return SideView(
        title=clean(side.title or side.root),
        api_version=clean(side.api_version or "—"),
        root=clean(side.root),
        openapi=side.openapi or "—",
        operations=side.operations,
        files=len(side.files),
        base_path=clean(", ".join(side.base_paths) or "/"),
    )


def build(
    comparison: Comparison,
    lang: Lang = "id",
    *,
    fail_on: FailOn = "breaking",
    generated_at: datetime | None = None,
    tool_version: str = __version__,
) -> DiffView:
    groups = tuple(
        GroupView(
            severity.value,
            _GROUP[severity].get(lang),
            tuple(_change_view(c, lang) for c in comparison.changes if c.severity is severity),
        )
        for severity in ChangeSeverity
    )
    outcome = verdict(comparison, fail_on)
    counts = ", ".join(f"{len(g.changes)} {ChangeSeverity(g.severity).label.get(lang)}" for g in groups)
    return DiffView(
        lang=lang,
        t={key: label(key, lang) for key in _LABEL_KEYS},
        tool_version=tool_version,
        generated_at=(generated_at or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S UTC"),
        old=_side_view(comparison.old),
        new=_side_view(comparison.new),
        groups=groups,
        counts=counts,
        total=len(comparison.changes),
        verdict=outcome,
        passed=outcome == "pass",
        verdict_label=label(outcome, lang),
        fail_on=_FAIL_ON[fail_on].get(lang),
    )


_LABEL_KEYS = (
    "diff_title",
    "diff_old",
    "diff_new",
    "diff_changes",
    "diff_no_changes",
    "diff_operations_label",
    "diff_kind",
    "operations",
    "message",
    "verdict",
    "fail_on",
    "diff_base_path",
    "more_findings",
)


def render_diff(
    comparison: Comparison,
    fmt: str,
    lang: Lang = "id",
    *,
    fail_on: FailOn = "breaking",
    color: bool = False,
    generated_at: datetime | None = None,
    tool_version: str = __version__,
) -> str:
    """The diff in ``fmt`` (one of DIFF_FORMATS)."""
    when = generated_at or datetime.now(UTC)
    if fmt == "json":
        from reports import diff_json

        return diff_json.render(comparison, lang, fail_on=fail_on, generated_at=when, tool_version=tool_version)
    if fmt == "sarif":
        from reports import diff_sarif

        return diff_sarif.render(comparison, lang, fail_on=fail_on, tool_version=tool_version)
    view = build(comparison, lang, fail_on=fail_on, generated_at=when, tool_version=tool_version)
    if fmt == "text":
        from reports import diff_text

        return diff_text.render(view, color=color)
    if fmt == "markdown":
        from reports import diff_markdown

        return diff_markdown.render(view)
    raise ValueError(f"unknown format {fmt!r}")
