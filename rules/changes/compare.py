"""Comparing two versions of a document, as the clients of the old one would see the new one.

Both documents are read through the same indexes as the rules (``rules.document``), so 2.0,
3.0, 3.1 and multi-file documents compare alike. Operations are matched on their path with the
parameter names blanked (``/izin/{id}`` is ``/izin/{nomor}``) and without a version segment that
every path shares (``/v1/izin`` in the old version is ``/v2/izin`` in the new one; that segment
counts as part of the base path).

Whether a change breaks depends on its direction, as oasdiff judges it: what a client *sends*
may only widen (a request valid under the old document must stay valid), what it *receives* may
only narrow (a response must not hold what an old client cannot expect). Schemas are compared
pairwise, following internal ``$ref``s; each (old schema, new schema, direction) pair is compared
once, which both stops reference cycles and reports a change in a shared schema once, listing the
operations it reaches.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import orjson

from rules import pointer as jp
from rules.changes.kinds import KINDS
from rules.changes.model import Change, ChangeSeverity, Comparison, Place, Side, json_value
from rules.document import HTTP_METHODS, Document, Operation, Parameter, Response
from rules.i18n import Text

BREAKING, DEPRECATION, COMPATIBLE = ChangeSeverity.BREAKING, ChangeSeverity.DEPRECATION, ChangeSeverity.COMPATIBLE
REQUEST, RESPONSE = "request", "response"

_PARAM = re.compile(r"\{[^}/]*\}")
_VERSION_SEGMENT = re.compile(r"^v\d+$")
_MAJOR = re.compile(r"/v(\d+)(?:[./]|$)")
_SERVER_VARIABLE = re.compile(r"\{([^}]*)\}")
#: (narrower, wider) formats: moving from the first to the second only widens.
_WIDER_FORMAT = {("int32", "int64"), ("float", "double")}
#: Bounds: keyword, kind, and whether a larger value narrows (minimums) or widens (maximums).
_BOUNDS = (
    ("maxLength", "max-length-changed", False),
    ("minLength", "min-length-changed", True),
    ("maximum", "maximum-changed", False),
    ("minimum", "minimum-changed", True),
    ("exclusiveMaximum", "maximum-changed", False),
    ("exclusiveMinimum", "minimum-changed", True),
    ("maxItems", "max-items-changed", False),
    ("minItems", "min-items-changed", True),
    ("maxProperties", "max-properties-changed", False),
    ("minProperties", "min-properties-changed", True),
)
#: Minimums whose absence means 0.
_ZERO_MIN = frozenset({"minLength", "minItems", "minProperties"})
_NONE = Text("tidak ada", "none")
_ANONYMOUS = Text("tanpa autentikasi", "no authentication")
_ALLOWED = Text("diizinkan", "allowed")
_DISALLOWED = Text("tidak diizinkan", "not allowed")
_ALL_OPERATIONS = Text("semua operasi", "all operations")
_DIRECTION = {
    REQUEST: Text("permintaan", "request"),
    RESPONSE: Text("respons", "response"),
    f"{REQUEST}+{RESPONSE}": Text("permintaan dan respons", "request and response"),
}
_MISSING: Any = object()
#: Keys whose value is data, where "$ref" is no reference.
_LITERAL = frozenset({"example", "examples", "default", "enum", "const", "x-example"})


def compare_documents(old: Document, new: Document) -> Comparison:
    """Every change from ``old`` to ``new``; both documents must have a known OpenAPI version."""
    started = time.perf_counter()
    comparer = _Comparer(old, new)
    changes = comparer.run()
    return Comparison(
        old=comparer.old_side,
        new=comparer.new_side,
        changes=changes,
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
        old_document=old,
        new_document=new,
    )


@dataclass(slots=True)
class _Raw:
    """A change before it is merged with its duplicates and located."""

    kind: str
    severity: ChangeSeverity
    old: str
    new: str
    params: dict[str, Any]
    direction: str = ""
    operations: set[str] = field(default_factory=set)
    pair: int = -1
    deprecated: bool = False
    sunset: str | None = None
    new_sunset: str | None = None


#: A schema pair to compare: old (raw, pointer), new (raw, pointer), direction, parent pair, origin.
_Task = tuple[Any, str, Any, str, str, int, str]


def _graded(direction: str, narrowed: bool | None) -> ChangeSeverity:
    """Narrowing breaks requests, widening breaks responses; a change that is neither breaks both."""
    if narrowed is None:
        return BREAKING
    if direction == REQUEST:
        return BREAKING if narrowed else COMPATIBLE
    return COMPATIBLE if narrowed else BREAKING


def sunset_of(value: Any) -> str | None:
    """The ``x-sunset`` date of an object as written (a YAML date becomes YYYY-MM-DD)."""
    if not isinstance(value, dict):
        return None
    raw = value.get("x-sunset")
    if isinstance(raw, datetime | date):
        return raw.isoformat()[:10]
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    return None


def _deprecated(value: Any) -> bool:
    return isinstance(value, dict) and value.get("deprecated") is True


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _canonical(value: Any) -> str:
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        return repr(value)


def _values(values: Iterable[str], limit: int = 5) -> str:
    items = sorted(values)
    text = ", ".join(items[:limit])
    return text + (f" (+{len(items) - limit})" if len(items) > limit else "")


class _Index:
    """One document's operations keyed for matching, and its base paths."""

    def __init__(self, doc: Document):
        self.doc = doc
        firsts = {op.path.lstrip("/").split("/", 1)[0] for op in doc.operations}
        versions = {first for first in firsts if _VERSION_SEGMENT.match(first)}
        #: The version segment paths start with (``v1``), taken as part of the base path; paths
        #: without it (``/health``) are matched as they are. Two versions side by side: none.
        self.prefix = next(iter(versions)) if len(versions) == 1 else ""
        self.operations: dict[tuple[str, str], Operation] = {}
        #: Matching path -> pointer of its path item.
        self.paths: dict[str, str] = {}
        for op in doc.operations:
            key = self.normal(op.path)
            self.paths.setdefault(key, op.path_item_pointer)
            self.operations.setdefault((key, op.method), op)
        self.base_paths = self._base_paths()

    def normal(self, path: str) -> str:
        if self.prefix:
            head = "/" + self.prefix
            if path == head or path.startswith(head + "/"):
                path = path[len(head) :] or "/"
        return _PARAM.sub("{}", path)

    def _base_paths(self) -> list[tuple[str, str]]:
        """(base path, pointer where it is written) of the top-level servers."""
        doc = self.doc
        found: list[tuple[str, str]] = []
        if doc.is_v2:
            base = doc.data.get("basePath")
            found.append((base if isinstance(base, str) else "/", "/basePath" if "basePath" in doc.data else ""))
        else:
            servers = doc.data.get("servers")
            for i, server in enumerate(servers if isinstance(servers, list) else ()):
                if isinstance(server, dict) and isinstance(server.get("url"), str):
                    found.append((_server_path(server), jp.join("/servers", i, "url")))
            if not found:
                found.append(("/", ""))
        out: dict[str, str] = {}
        for path, ptr in found:
            path = "/" + path.strip("/")
            if self.prefix:
                path = path.rstrip("/") + "/" + self.prefix
            out.setdefault(path, ptr)
        return list(out.items())

    @property
    def major(self) -> int | None:
        for path, _ in self.base_paths:
            m = _MAJOR.search(path + "/")
            if m:
                return int(m.group(1))
        return None


def _server_path(server: dict[str, Any]) -> str:
    url = str(server["url"])
    variables = server.get("variables") if isinstance(server.get("variables"), dict) else {}

    def default(m: re.Match[str]) -> str:
        var = variables.get(m.group(1)) if variables else None
        value = var.get("default") if isinstance(var, dict) else None
        return str(value) if value is not None else ""

    url = _SERVER_VARIABLE.sub(default, url)
    if "://" in url or url.startswith("//"):
        return urlsplit(url).path
    return url.split("?", 1)[0]


def _side(index: _Index) -> Side:
    doc = index.doc
    info = doc.info
    openapi = doc.data.get("openapi", doc.data.get("swagger"))
    return Side(
        root=doc.bundle.root,
        files=tuple(doc.bundle.files),
        openapi=str(openapi) if openapi is not None else None,
        version=doc.version,
        title=info.get("title") if isinstance(info.get("title"), str) else None,
        api_version=str(info["version"]) if info.get("version") is not None else None,
        operations=len(doc.operations),
        base_paths=tuple(path for path, _ in index.base_paths),
        major=index.major,
    )


def _path_names(path: str) -> list[str]:
    return [m[1:-1] for m in _PARAM.findall(path)]


def _param_key(param: Parameter, names: list[str]) -> tuple[str, str] | None:
    """How a parameter is matched: path parameters by position, headers without case."""
    if param.location == "body":
        return None
    if param.location == "path":
        return ("path", str(names.index(param.name))) if param.name in names else ("path", param.name)
    return (param.location, param.name.lower() if param.location == "header" else param.name)


def _serialisation(param: Parameter) -> tuple[str, bool]:
    style = param.value.get("style")
    if not isinstance(style, str):
        style = "form" if param.location in ("query", "cookie") else "simple"
    explode = param.value.get("explode")
    return style, explode if isinstance(explode, bool) else style == "form"


Requirements = list[dict[str, frozenset[str]]]


def _requirements(value: Any) -> Requirements:
    if not isinstance(value, list):
        return []
    out: Requirements = []
    for alternative in value:
        if isinstance(alternative, dict):
            out.append(
                {
                    str(name): frozenset(str(s) for s in scopes) if isinstance(scopes, list) else frozenset()
                    for name, scopes in alternative.items()
                }
            )
    return out


def _security_severity(old: Requirements, new: Requirements) -> ChangeSeverity | None:
    """None when equal; breaking when some way a client authenticated is no longer accepted."""
    if sorted(map(_requirement_text, old)) == sorted(map(_requirement_text, new)):
        return None
    if not new or any(not alt for alt in new):
        return COMPATIBLE  # anonymous calls are accepted now
    if not old or any(not alt for alt in old):
        return BREAKING  # anonymous calls were accepted
    for alt in old:
        # A client that satisfies ``alt`` is still accepted by a new alternative that asks no more.
        if not any(all(name in alt and scopes <= alt[name] for name, scopes in b.items()) for b in new):
            return BREAKING
    return COMPATIBLE


def _requirement_text(alternative: dict[str, frozenset[str]]) -> str:
    if not alternative:
        return "{}"
    return " + ".join(
        f"{name}[{', '.join(sorted(scopes))}]" if scopes else name for name, scopes in sorted(alternative.items())
    )


def _requirements_text(reqs: Requirements) -> Text | str:
    if not reqs:
        return _ANONYMOUS
    return " | ".join(_requirement_text(alt) if alt else "{}" for alt in reqs)


def _types(schema: dict[str, Any]) -> tuple[frozenset[str] | None, bool]:
    """The schema's types (inferred from its keywords when unstated) and whether null is allowed."""
    raw = schema.get("type")
    types: set[str] | None
    if isinstance(raw, str):
        types = {raw}
    elif isinstance(raw, list):
        types = {t for t in raw if isinstance(t, str)}
    elif "properties" in schema or "additionalProperties" in schema:
        types = {"object"}
    elif "items" in schema:
        types = {"array"}
    else:
        types = None
    null = schema.get("nullable") is True or schema.get("x-nullable") is True
    if types is not None and "null" in types:
        null = True
        types.discard("null")
    return (frozenset(types) if types else None), null


def _widened_types(types: frozenset[str]) -> frozenset[str]:
    return types | {"integer"} if "number" in types else types


class _Comparer:
    def __init__(self, old: Document, new: Document):
        self.old = old
        self.new = new
        self.old_index = _Index(old)
        self.new_index = _Index(new)
        self.old_side = _side(self.old_index)
        self.new_side = _side(self.new_index)
        self.raw: list[_Raw] = []
        self.tasks: list[_Task] = []
        self.pairs: dict[tuple[str, str, str], int] = {}
        self.parents: list[set[int]] = []
        self.origins: list[set[str]] = []
        self.subjects: dict[int, str] = {}
        self.pair_new_pointer: list[str] = []
        #: id(node) -> does its subtree hold a $ref; the trees outlive the comparison.
        self.ref_cache: dict[int, bool] = {}

    # -- recording ----------------------------------------------------------------------

    def add(
        self,
        kind: str,
        severity: ChangeSeverity,
        old_ptr: str,
        new_ptr: str,
        /,
        *,
        operations: Iterable[str] = (),
        direction: str = "",
        pair: int = -1,
        deprecated: bool = False,
        sunset: str | None = None,
        new_sunset: str | None = None,
        **params: Any,
    ) -> None:
        self.raw.append(
            _Raw(
                kind,
                severity,
                old_ptr,
                new_ptr,
                params,
                direction,
                set(operations),
                pair,
                deprecated,
                sunset,
                new_sunset,
            )
        )

    def run(self) -> tuple[Change, ...]:
        self._base_path()
        self._api_version()
        self._security_schemes()
        self._global_security()
        self._operations()
        self._drain()
        return self._finish()

    # -- the API as a whole ---------------------------------------------------------------

    def _base_path(self) -> None:
        old, new = self.old_index.base_paths, self.new_index.base_paths
        new_paths = {path for path, _ in new}
        for path, ptr in old:
            if path not in new_paths:
                self.add("base-path-changed", BREAKING, ptr, new[0][1], old=path, new=new[0][0])
                return

    def _api_version(self) -> None:
        old, new = self.old_side.api_version, self.new_side.api_version
        if old != new:
            self.add(
                "api-version-changed", COMPATIBLE, "/info/version", "/info/version", old=old or "—", new=new or "—"
            )

    def _security_schemes(self) -> None:
        new_schemes = {s.name: s for s in self.new.security_schemes}
        for scheme in self.old.security_schemes:
            other = new_schemes.get(scheme.name)
            if other is None:
                continue  # requirements that still name it are reported with them
            before, after = _scheme_summary(scheme.value, scheme.type), _scheme_summary(other.value, other.type)
            if before != after:
                self.add(
                    "security-scheme-changed",
                    BREAKING,
                    scheme.pointer,
                    other.pointer,
                    subject=scheme.name,
                    old=json_value(before),
                    new=json_value(after),
                )

    def _global_security(self) -> None:
        old, new = _requirements(self.old.data.get("security")), _requirements(self.new.data.get("security"))
        severity = _security_severity(old, new)
        if severity is not None:
            self.add(
                "security-changed" if severity is BREAKING else "security-relaxed",
                severity,
                "/security" if "security" in self.old.data else "",
                "/security" if "security" in self.new.data else "",
                subject=_ALL_OPERATIONS,
                old=_requirements_text(old),
                new=_requirements_text(new),
                operations=[op.label for op in self.new.operations if "security" not in op.value],
            )

    # -- operations -------------------------------------------------------------------------

    def _operations(self) -> None:
        old_ops, new_ops = self.old_index.operations, self.new_index.operations
        old_paths, new_paths = self.old_index.paths, self.new_index.paths
        gone: dict[str, list[Operation]] = {}
        for key, op in old_ops.items():
            other = new_ops.get(key)
            if other is not None:
                self._operation(op, other)
            elif key[0] not in new_paths:
                gone.setdefault(key[0], []).append(op)
            else:
                self.add(
                    "operation-removed",
                    BREAKING,
                    op.pointer,
                    new_paths[key[0]],
                    subject=op.label,
                    operations=(op.label,),
                    deprecated=op.deprecated,
                    sunset=sunset_of(op.value),
                )
        paths_ptr = "/paths" if "paths" in self.new.data else ""
        for ops in gone.values():
            sunsets = [sunset_of(op.value) for op in ops]
            self.add(
                "path-removed",
                BREAKING,
                ops[0].path_item_pointer,
                paths_ptr,
                subject=ops[0].path,
                operations=[op.label for op in ops],
                deprecated=all(op.deprecated for op in ops),
                sunset=max(s for s in sunsets if s) if all(sunsets) else None,
            )
        added: dict[str, list[Operation]] = {}
        old_paths_ptr = "/paths" if "paths" in self.old.data else ""
        for key, op in new_ops.items():
            if key in old_ops:
                continue
            if key[0] in old_paths:
                self.add(
                    "operation-added",
                    COMPATIBLE,
                    old_paths[key[0]],
                    op.pointer,
                    subject=op.label,
                    operations=[op.label],
                )
            else:
                added.setdefault(key[0], []).append(op)
        for ops in added.values():
            self.add(
                "path-added",
                COMPATIBLE,
                old_paths_ptr,
                ops[0].path_item_pointer,
                subject=ops[0].path,
                operations=[op.label for op in ops],
            )

    def _operation(self, old: Operation, new: Operation) -> None:
        label = new.label
        ops = (label,)
        self._deprecation("operation-deprecated", old.value, old.pointer, new.value, new.pointer, label, ops)
        if old.deprecated and not new.deprecated:
            self.add("operation-reinstated", COMPATIBLE, old.pointer, new.pointer, subject=label, operations=ops)
        if old.operation_id and new.operation_id and old.operation_id != new.operation_id:
            self.add(
                "operation-id-changed",
                COMPATIBLE,
                jp.join(old.pointer, "operationId"),
                jp.join(new.pointer, "operationId"),
                subject=label,
                old=old.operation_id,
                new=new.operation_id,
                operations=ops,
            )
        self._parameters(old, new, label)
        self._request_body(old, new, label)
        self._responses(old, new, label)
        self._operation_security(old, new, label)

    def _deprecation(
        self,
        kind: str,
        old: Any,
        old_ptr: str,
        new: Any,
        new_ptr: str,
        subject: str,
        ops: Iterable[str],
        name: str = "",
        direction: str = "",
        pair: int = -1,
    ) -> None:
        """A newly deprecated operation, parameter or property, or a moved sunset."""
        if not _deprecated(new):
            return
        if not _deprecated(old):
            sunset = sunset_of(new)
            self.add(
                kind,
                DEPRECATION,
                old_ptr,
                jp.join(new_ptr, "deprecated"),
                subject=subject,
                old=name,
                new=sunset or "—",
                operations=ops,
                new_sunset=sunset,
                direction=direction,
                pair=pair,
            )
        else:
            self._sunset(old, old_ptr, new, new_ptr, f"{subject} {name}".strip(), ops)

    def _sunset(self, old: Any, old_ptr: str, new: Any, new_ptr: str, subject: str, ops: Iterable[str]) -> None:
        before, after = sunset_of(old), sunset_of(new)
        if before != after:
            self.add(
                "sunset-changed",
                DEPRECATION,
                jp.join(old_ptr, "x-sunset") if before else old_ptr,
                jp.join(new_ptr, "x-sunset") if after else new_ptr,
                subject=subject,
                old=before or "—",
                new=after or "—",
                operations=ops,
                deprecated=True,
                sunset=before,
                new_sunset=after,
            )

    def _parameters(self, old: Operation, new: Operation, label: str) -> None:
        ops = (label,)
        old_names, new_names = _path_names(old.path), _path_names(new.path)
        before = {k: p for p in old.parameters if (k := _param_key(p, old_names)) is not None}
        after = {k: p for p in new.parameters if (k := _param_key(p, new_names)) is not None}
        for key, p in before.items():
            q = after.get(key)
            if q is None:
                if p.location != "path":  # a matched path keeps its path parameters, whatever their names
                    self.add(
                        "parameter-removed",
                        BREAKING,
                        p.pointer,
                        new.pointer,
                        subject=label,
                        old=f"{p.location} {p.name}",
                        operations=ops,
                        deprecated=_deprecated(p.value),
                        sunset=sunset_of(p.value),
                    )
                continue
            name = f"{q.location} {q.name}"
            required_ptr = jp.join(q.pointer, "required") if "required" in q.value else q.pointer
            if not p.required and q.required:
                self.add(
                    "parameter-became-required",
                    BREAKING,
                    p.pointer,
                    required_ptr,
                    subject=label,
                    new=name,
                    operations=ops,
                )
            elif p.required and not q.required:
                self.add(
                    "parameter-became-optional",
                    COMPATIBLE,
                    p.pointer,
                    required_ptr,
                    subject=label,
                    new=name,
                    operations=ops,
                )
            self._deprecation("parameter-deprecated", p.value, p.pointer, q.value, q.pointer, label, ops, name)
            if not self.old.is_v2 and not self.new.is_v2 and _serialisation(p) != _serialisation(q):
                self.add(
                    "parameter-serialization-changed",
                    BREAKING,
                    p.pointer,
                    q.pointer,
                    subject=f"{label} {name}",
                    old="/".join(map(str, _serialisation(p))),
                    new="/".join(map(str, _serialisation(q))),
                    operations=ops,
                )
            if p.schema is not None and q.schema is not None and p.schema_pointer and q.schema_pointer:
                self.tasks.append((p.schema, p.schema_pointer, q.schema, q.schema_pointer, REQUEST, -1, label))
        for key, q in after.items():
            if key in before or q.location == "path":
                continue
            name = f"{q.location} {q.name}"
            if q.required:
                self.add(
                    "required-parameter-added",
                    BREAKING,
                    old.pointer,
                    q.pointer,
                    subject=label,
                    new=name,
                    operations=ops,
                )
            else:
                self.add("parameter-added", COMPATIBLE, old.pointer, q.pointer, subject=label, new=name, operations=ops)

    def _body(self, op: Operation) -> tuple[bool, bool, str]:
        """Has a request body, is it required, and where it is defined."""
        if op.doc.is_v2:
            for p in op.parameters:
                if p.location == "body":
                    return True, p.required, p.pointer
            return False, False, op.pointer
        body, ptr = op.doc.deref(op.value.get("requestBody"), jp.join(op.pointer, "requestBody"))
        if isinstance(body, dict):
            return True, body.get("required") is True, ptr
        return False, False, op.pointer

    def _request_body(self, old: Operation, new: Operation, label: str) -> None:
        ops = (label,)
        had, was_required, old_ptr = self._body(old)
        has, is_required, new_ptr = self._body(new)
        if had and not has:
            self.add("request-body-removed", BREAKING, old_ptr, new.pointer, subject=label, operations=ops)
            return
        if has and not had:
            if is_required:
                self.add("required-request-body-added", BREAKING, old.pointer, new_ptr, subject=label, operations=ops)
            else:
                self.add("request-body-added", COMPATIBLE, old.pointer, new_ptr, subject=label, operations=ops)
            return
        if not had:
            return
        if is_required and not was_required:
            self.add("request-body-became-required", BREAKING, old_ptr, new_ptr, subject=label, operations=ops)
        elif was_required and not is_required:
            self.add("request-body-became-optional", COMPATIBLE, old_ptr, new_ptr, subject=label, operations=ops)
        self._media(old.request_media, new.request_media, REQUEST, old_ptr, new_ptr, label)

    def _media(
        self, old: list[Any], new: list[Any], direction: str, old_holder: str, new_holder: str, label: str
    ) -> None:
        ops = (label,)
        after = {m.media_type.lower(): m for m in new}
        before = {m.media_type.lower(): m for m in old}
        subject = label if direction == REQUEST else f"{label} {old[0].status if old else ''}".rstrip()
        for mime, m in before.items():
            other = after.get(mime)
            if other is None:
                if new:
                    self.add(
                        "media-type-removed",
                        BREAKING,
                        m.pointer,
                        new_holder,
                        subject=subject,
                        old=mime or "—",
                        operations=ops,
                    )
                continue
            if m.schema is not None and other.schema is not None and m.schema_pointer and other.schema_pointer:
                self.tasks.append(
                    (m.schema, m.schema_pointer, other.schema, other.schema_pointer, direction, -1, label)
                )
        if old:
            for mime, other in after.items():
                if mime not in before:
                    self.add(
                        "media-type-added",
                        COMPATIBLE,
                        old_holder,
                        other.pointer,
                        subject=subject,
                        new=mime or "—",
                        operations=ops,
                    )

    def _responses(self, old: Operation, new: Operation, label: str) -> None:
        ops = (label,)
        after = {r.status.upper(): r for r in new.responses}
        matched: set[str] = set()
        responses_ptr = jp.join(new.pointer, "responses") if "responses" in new.value else new.pointer
        for r in old.responses:
            status = r.status.upper()
            other = after.get(status)
            if other is None and len(status) == 3 and status[0].isdigit():
                other = after.get(status[0] + "XX")
            if other is None:
                self.add(
                    "response-status-removed",
                    BREAKING,
                    r.key_pointer,
                    responses_ptr,
                    subject=label,
                    old=r.status,
                    operations=ops,
                )
                continue
            matched.add(other.status.upper())
            self._response(old, r, new, other, label)
        old_statuses = {r.status.upper() for r in old.responses}
        old_ptr = jp.join(old.pointer, "responses") if "responses" in old.value else old.pointer
        for status, other in after.items():
            if status not in old_statuses and status not in matched:
                self.add(
                    "response-status-added",
                    COMPATIBLE,
                    old_ptr,
                    other.key_pointer,
                    subject=label,
                    new=other.status,
                    operations=ops,
                )

    def _response(self, old_op: Operation, old: Response, new_op: Operation, new: Response, label: str) -> None:
        ops = (label,)
        subject = f"{label} {new.status}"
        self._media(
            [m for m in old_op.response_media if m.status == old.status],
            [m for m in new_op.response_media if m.status == new.status],
            RESPONSE,
            old.pointer,
            new.pointer,
            label,
        )
        old_headers, new_headers = old.value.get("headers"), new.value.get("headers")
        if not isinstance(old_headers, dict):
            return
        after: dict[str, tuple[str, Any]] = {}
        if isinstance(new_headers, dict):
            after = {str(name).lower(): (str(name), raw) for name, raw in new_headers.items()}
        for name, raw in old_headers.items():
            old_ptr = jp.join(old.pointer, "headers", name)
            found = after.get(str(name).lower())
            if found is None:
                self.add(
                    "response-header-removed",
                    BREAKING,
                    old_ptr,
                    new.pointer,
                    subject=subject,
                    old=str(name),
                    operations=ops,
                )
                continue
            new_ptr = jp.join(new.pointer, "headers", found[0])
            before_h, before_ptr = self.old.deref(raw, old_ptr)
            after_h, after_ptr = self.new.deref(found[1], new_ptr)
            if isinstance(before_h, dict) and isinstance(after_h, dict):
                if not self.old.is_v2 and "schema" in before_h:
                    before_h, before_ptr = before_h["schema"], jp.join(before_ptr, "schema")
                if not self.new.is_v2 and "schema" in after_h:
                    after_h, after_ptr = after_h["schema"], jp.join(after_ptr, "schema")
                self.tasks.append((before_h, before_ptr, after_h, after_ptr, RESPONSE, -1, label))
        old_names = {str(n).lower() for n in old_headers}
        for lower, (name, _) in after.items():
            if lower not in old_names:
                self.add(
                    "response-header-added",
                    COMPATIBLE,
                    old.pointer,
                    jp.join(new.pointer, "headers", name),
                    subject=subject,
                    new=name,
                    operations=ops,
                )

    def _operation_security(self, old: Operation, new: Operation, label: str) -> None:
        if "security" not in old.value and "security" not in new.value:
            return  # both inherit the top-level requirements, compared once
        (old_value, old_ptr), (new_value, new_ptr) = old.security, new.security
        before, after = _requirements(old_value), _requirements(new_value)
        severity = _security_severity(before, after)
        if severity is None:
            return
        self.add(
            "security-changed" if severity is BREAKING else "security-relaxed",
            severity,
            old_ptr if old.doc.get(old_ptr, _MISSING) is not _MISSING else old.pointer,
            new_ptr if new.doc.get(new_ptr, _MISSING) is not _MISSING else new.pointer,
            subject=label,
            old=_requirements_text(before),
            new=_requirements_text(after),
            operations=(label,),
        )

    # -- schemas ------------------------------------------------------------------------

    def _drain(self) -> None:
        tasks = self.tasks
        old_deref, new_deref = self.old.deref, self.new.deref
        while tasks:
            o_raw, o_ptr, n_raw, n_ptr, direction, parent, origin = tasks.pop()
            o, o_ptr = old_deref(o_raw, o_ptr)
            n, n_ptr = new_deref(n_raw, n_ptr)
            if not isinstance(o, dict) or not isinstance(n, dict):
                continue
            if o == n and not self._has_ref(o):
                continue  # the same schema, written out in full in both: nothing can differ below
            key = (o_ptr, n_ptr, direction)
            pid = self.pairs.get(key)
            if pid is not None:
                if parent >= 0:
                    self.parents[pid].add(parent)
                else:
                    self.origins[pid].add(origin)
                continue
            pid = len(self.parents)
            self.pairs[key] = pid
            self.parents.append({parent} if parent >= 0 else set())
            self.origins.append(set() if parent >= 0 else {origin})
            self.pair_new_pointer.append(n_ptr)
            self._schema(o, o_ptr, n, n_ptr, direction, pid)

    def _has_ref(self, node: Any) -> bool:
        """Does the subtree hold a ``$ref`` (whose target may differ even where the text is equal)?

        Iterative: a bundle of files can nest deeper than Python's recursion allows.
        """
        cache = self.ref_cache
        known = cache.get(id(node))
        if known is not None:
            return known
        stack: list[Any] = [node]
        found = False
        while stack and not found:
            item = stack.pop()
            if isinstance(item, dict):
                if "$ref" in item or cache.get(id(item)):
                    found = True
                else:
                    stack.extend(v for k, v in item.items() if type(v) in (dict, list) and k not in _LITERAL)
            else:
                stack.extend(v for v in item if type(v) in (dict, list))
        cache[id(node)] = found
        return found

    def _subject(self, pid: int) -> str:
        subject = self.subjects.get(pid)
        if subject is None:
            subject = self.subjects[pid] = describe(self.new, self.pair_new_pointer[pid])
        return subject

    def _schema(self, o: dict[str, Any], op: str, n: dict[str, Any], np: str, d: str, pid: int) -> None:
        def at(schema: dict[str, Any], ptr: str, key: str) -> str:
            return jp.join(ptr, key) if key in schema else ptr

        def add(kind: str, severity: ChangeSeverity, key: str, /, **params: Any) -> None:
            self.add(
                kind,
                severity,
                at(o, op, key),
                at(n, np, key),
                direction=d,
                pair=pid,
                subject=self._subject(pid),
                **params,
            )

        narrowed: bool | None
        # Types, and null.
        old_types, old_null = _types(o)
        new_types, new_null = _types(n)
        if old_types is not None and new_types is not None and old_types != new_types:
            wo, wn = _widened_types(old_types), _widened_types(new_types)
            narrowed = True if wn < wo else False if wn > wo else None
            add(
                "type-changed",
                _graded(d, narrowed),
                "type",
                old="/".join(sorted(old_types)),
                new="/".join(sorted(new_types)),
            )
        if old_null != new_null:
            key = "nullable" if "nullable" in n or "nullable" in o else "type"
            add(
                "nullable-changed",
                _graded(d, old_null),
                key,
                old=_ALLOWED if old_null else _DISALLOWED,
                new=_ALLOWED if new_null else _DISALLOWED,
            )
        # Format and pattern: compared as written, never evaluated.
        fo, fn = o.get("format"), n.get("format")
        if fo != fn and (isinstance(fo, str) or isinstance(fn, str)):
            narrowed = _format_narrowed(fo, fn)
            add("format-changed", _graded(d, narrowed), "format", old=fo or "—", new=fn or "—")
        po, pn = o.get("pattern"), n.get("pattern")
        if po != pn and (isinstance(po, str) or isinstance(pn, str)):
            narrowed = True if po is None else False if pn is None else None
            add(
                "pattern-changed",
                _graded(d, narrowed),
                "pattern",
                old=json_value(po) if po else "—",
                new=json_value(pn) if pn else "—",
            )
        # Bounds.
        keys = o.keys() | n.keys()
        for key, kind, larger_narrows in _BOUNDS:
            if key not in keys:
                continue
            bo, bn = _number(o.get(key)), _number(n.get(key))
            if key in _ZERO_MIN:
                bo, bn = bo or 0, bn or 0
            if bo == bn:
                continue
            if bo is None:
                narrowed = True
            elif bn is None:
                narrowed = False
            else:
                narrowed = (bn > bo) == larger_narrows
            add(
                kind,
                _graded(d, narrowed),
                key,
                old="—" if bo is None else _fmt(bo),
                new="—" if bn is None else _fmt(bn),
            )
        for key, kind in (("exclusiveMaximum", "maximum-changed"), ("exclusiveMinimum", "minimum-changed")):
            eo, en = o.get(key) is True, n.get(key) is True
            if eo != en and (isinstance(o.get(key), bool) or isinstance(n.get(key), bool)):
                add(kind, _graded(d, en), key, old=f"{key}={str(eo).lower()}", new=f"{key}={str(en).lower()}")
        mo, mn = _number(o.get("multipleOf")), _number(n.get("multipleOf"))
        if mo != mn:
            narrowed = _multiple_narrowed(mo, mn)
            add("multiple-of-changed", _graded(d, narrowed), "multipleOf", old=_fmt(mo), new=_fmt(mn))
        uo, un = o.get("uniqueItems") is True, n.get("uniqueItems") is True
        if uo != un:
            add("unique-items-changed", _graded(d, un), "uniqueItems", old=str(uo).lower(), new=str(un).lower())
        self._enum(o, op, n, np, d, pid)
        if d == REQUEST and "default" in o and "default" in n and _canonical(o["default"]) != _canonical(n["default"]):
            add("default-changed", BREAKING, "default", old=json_value(o["default"]), new=json_value(n["default"]))
        self._properties(o, op, n, np, d, pid)
        # Sub-schemas.
        tasks = self.tasks
        oi, ni = o.get("items"), n.get("items")
        if isinstance(oi, dict) and isinstance(ni, dict):
            tasks.append((oi, jp.join(op, "items"), ni, jp.join(np, "items"), d, pid, ""))
        oa, na = o.get("additionalProperties"), n.get("additionalProperties")
        if isinstance(oa, dict) and isinstance(na, dict):
            tasks.append((oa, jp.join(op, "additionalProperties"), na, jp.join(np, "additionalProperties"), d, pid, ""))
        for key in ("anyOf", "oneOf"):
            if isinstance(o.get(key), list) and isinstance(n.get(key), list):
                self._variants(key, o[key], op, n[key], np, d, pid)

    def _enum(self, o: dict[str, Any], op: str, n: dict[str, Any], np: str, d: str, pid: int) -> None:
        if o.get("enum") == n.get("enum") and o.get("const", _MISSING) == n.get("const", _MISSING):
            return

        def values(schema: dict[str, Any]) -> tuple[str, set[str] | None]:
            if isinstance(schema.get("enum"), list):
                return "enum", {_canonical(v) for v in schema["enum"]}
            if "const" in schema:
                return "const", {_canonical(schema["const"])}
            return "enum", None

        ko, vo = values(o)
        kn, vn = values(n)
        if vo == vn:
            return
        subject = self._subject(pid)
        old_at = jp.join(op, ko) if vo is not None else op
        new_at = jp.join(np, kn) if vn is not None else np
        if vo is None and vn is not None:
            self.add(
                "enum-added", _graded(d, True), old_at, new_at, direction=d, pair=pid, subject=subject, new=_values(vn)
            )
            return
        if vn is None and vo is not None:
            self.add(
                "enum-removed",
                _graded(d, False),
                old_at,
                new_at,
                direction=d,
                pair=pid,
                subject=subject,
                old=_values(vo),
            )
            return
        assert vo is not None and vn is not None
        removed, added = vo - vn, vn - vo
        if removed:
            # Narrowing a response's values is still a break for a client that waits for one of them.
            self.add(
                "enum-value-removed",
                BREAKING,
                old_at,
                new_at,
                direction=d,
                pair=pid,
                subject=subject,
                old=_values(removed),
            )
        if added:
            self.add(
                "enum-value-added",
                _graded(d, False),
                old_at,
                new_at,
                direction=d,
                pair=pid,
                subject=subject,
                new=_values(added),
            )

    def _properties(self, o: dict[str, Any], op: str, n: dict[str, Any], np: str, d: str, pid: int) -> None:
        self._additional(o, op, n, np, d, pid)
        if "properties" not in o and "properties" not in n and "allOf" not in o and "allOf" not in n:
            return
        old_props, old_required, _ = _object_view(self.old, o, op)
        new_props, new_required, new_closed = _object_view(self.new, n, np)
        if not old_props and not new_props:
            return
        subject = self._subject(pid)
        request = d == REQUEST
        hidden = "readOnly" if request else "writeOnly"
        new_holder = jp.join(np, "properties") if "properties" in n else np
        old_holder = jp.join(op, "properties") if "properties" in o else op

        def add(kind: str, severity: ChangeSeverity, old_ptr: str, new_ptr: str, /, **params: Any) -> None:
            self.add(kind, severity, old_ptr, new_ptr, direction=d, pair=pid, subject=subject, **params)

        for name, (raw, declared) in old_props.items():
            same = name in new_props and raw == new_props[name][0] and not self._has_ref(raw)
            if same and (name in old_required) == (name in new_required):
                continue  # written the same, required the same: nothing to compare
            ptr = jp.join(declared, "properties", name)
            value, _ = self.old.deref(raw, ptr)
            value = value if isinstance(value, dict) else {}
            if value.get(hidden) is True:
                continue  # a read-only property is never sent, a write-only one never received
            found = new_props.get(name)
            if found is None:
                severity = BREAKING if not request or new_closed else COMPATIBLE
                add(
                    "property-removed",
                    severity,
                    ptr,
                    new_holder,
                    old=name,
                    deprecated=value.get("deprecated") is True,
                    sunset=sunset_of(value),
                )
                continue
            new_raw, new_ptr = found[0], jp.join(found[1], "properties", name)
            new_value, new_def = self.new.deref(new_raw, new_ptr)
            new_value = new_value if isinstance(new_value, dict) else {}
            was, now = name in old_required, name in new_required
            if was != now:
                kind = "property-became-required" if now else "property-became-optional"
                # A request may no longer omit it; a response may now omit it.
                breaks = (request and now) or (not request and was and new_value.get("writeOnly") is not True)
                add(kind, BREAKING if breaks else COMPATIBLE, ptr, new_ptr, new=name)
            # The flag is where the property is defined (behind its $ref, if it has one).
            self._deprecation("property-deprecated", value, ptr, new_value, new_def, subject, (), name, d, pid)
            if raw != new_raw or self._has_ref(raw):  # most properties are written the same in both
                self.tasks.append((raw, ptr, new_raw, new_ptr, d, pid, ""))
        for name, (raw, declared) in new_props.items():
            if name in old_props:
                continue
            ptr = jp.join(declared, "properties", name)
            value, _ = self.new.deref(raw, ptr)
            value = value if isinstance(value, dict) else {}
            if request and name in new_required and value.get("readOnly") is not True:
                add("required-property-added", BREAKING, old_holder, ptr, new=name)
            else:
                add("property-added", COMPATIBLE, old_holder, ptr, new=name)

    def _additional(self, o: dict[str, Any], op: str, n: dict[str, Any], np: str, d: str, pid: int) -> None:
        """additionalProperties: false closes an object; opening or closing it is graded by direction."""
        oa, na = o.get("additionalProperties", _MISSING), n.get("additionalProperties", _MISSING)
        if (oa is False) == (na is False):
            return
        opened = na is not False
        self.add(
            "additional-properties-changed",
            _graded(d, not opened),
            jp.join(op, "additionalProperties") if oa is not _MISSING else op,
            jp.join(np, "additionalProperties") if na is not _MISSING else np,
            direction=d,
            pair=pid,
            subject=self._subject(pid),
            old="—" if oa is _MISSING else json_value(oa),
            new="—" if na is _MISSING else json_value(na),
        )

    def _variants(self, key: str, old: list[Any], op: str, new: list[Any], np: str, d: str, pid: int) -> None:
        def ref(raw: Any) -> str | None:
            value = raw.get("$ref") if isinstance(raw, dict) else None
            return value.rsplit("/", 1)[-1] if isinstance(value, str) else None

        new_refs = {r: i for i, raw in enumerate(new) if (r := ref(raw))}
        used: set[int] = set()
        pairs: list[tuple[int, int]] = []
        loose: list[int] = []
        for i, raw in enumerate(old):
            name = ref(raw)
            if name is not None and name in new_refs:
                pairs.append((i, new_refs[name]))
                used.add(new_refs[name])
            else:
                loose.append(i)
        spare = [j for j in range(len(new)) if j not in used]
        before = [self.old.deref(raw, jp.join(op, key, i))[0] for i, raw in enumerate(old)]
        after = [self.new.deref(raw, jp.join(np, key, j))[0] for j, raw in enumerate(new)]

        def kind(value: Any) -> Any:
            return value.get("type") if isinstance(value, dict) else None

        # The rest pair up by content (a $ref inlined, a component renamed), then by type (an
        # object with an object), then in order.
        tests: tuple[Callable[[int, int], bool], ...] = (
            lambda i, j: before[i] == after[j],
            lambda i, j: kind(before[i]) == kind(after[j]),
            lambda i, j: True,
        )
        for test in tests:
            for i in list(loose):
                match = next((j for j in spare if test(i, j)), None)
                if match is not None:
                    pairs.append((i, match))
                    spare.remove(match)
                    loose.remove(i)
        for i, j in pairs:
            used.add(j)
            self.tasks.append((old[i], jp.join(op, key, i), new[j], jp.join(np, key, j), d, pid, ""))
        subject = self._subject(pid)
        for i in loose:
            self.add(
                "variant-removed",
                _graded(d, True),
                jp.join(op, key, i),
                jp.join(np, key),
                direction=d,
                pair=pid,
                subject=subject,
                old=ref(old[i]) or f"{key}[{i}]",
            )
        for j in range(len(new)):
            if j not in used:
                self.add(
                    "variant-added",
                    _graded(d, False),
                    jp.join(op, key),
                    jp.join(np, key, j),
                    direction=d,
                    pair=pid,
                    subject=subject,
                    new=ref(new[j]) or f"{key}[{j}]",
                )

    # -- the result -----------------------------------------------------------------------

    def _operations_of(self, pid: int, cache: dict[int, frozenset[str]]) -> frozenset[str]:
        known = cache.get(pid)
        if known is not None:
            return known
        seen = {pid}
        todo = [pid]
        out: set[str] = set()
        while todo:
            p = todo.pop()
            done = cache.get(p)
            if done is not None and p != pid:
                out |= done
                continue
            out |= self.origins[p]
            for q in self.parents[p]:
                if q not in seen:
                    seen.add(q)
                    todo.append(q)
        cache[pid] = frozenset(out)
        return cache[pid]

    def _finish(self) -> tuple[Change, ...]:
        merged: dict[tuple[str, str, str], _Raw] = {}
        cache: dict[int, frozenset[str]] = {}
        for r in self.raw:
            if r.pair >= 0:
                r.operations |= self._operations_of(r.pair, cache)
            key = (r.kind, r.old, r.new)
            m = merged.get(key)
            if m is None:
                merged[key] = r
                continue
            m.operations |= r.operations
            if r.severity.rank > m.severity.rank:
                m.severity, m.direction, m.params = r.severity, r.direction, r.params
            elif r.severity is m.severity and r.direction and m.direction and r.direction != m.direction:
                m.direction = f"{REQUEST}+{RESPONSE}"
        places: dict[tuple[int, str], Place] = {}
        changes = [self._change(r, places) for r in merged.values()]
        changes.sort(
            key=lambda c: (
                -c.severity.rank,
                c.new.file != self.new.bundle.root,
                c.new.file,
                c.new.line,
                c.old.line,
                c.kind,
            )
        )
        return tuple(changes)

    def _change(self, r: _Raw, places: dict[tuple[int, str], Place]) -> Change:
        kind = KINDS[r.kind]
        params = {"subject": "", "old": "", "new": "", **r.params}
        by_lang = {
            lang: {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in params.items()} for lang in ("id", "en")
        }
        message = Text(kind.message.format("id", **by_lang["id"]), kind.message.format("en", **by_lang["en"]))
        if r.direction:
            label = _DIRECTION[r.direction]
            message = Text(f"{message.id} [{label.id}]", f"{message.en} [{label.en}]")
        return Change(
            kind=r.kind,
            severity=r.severity,
            old=_place(self.old, r.old, places, 0),
            new=_place(self.new, r.new, places, 1),
            message=message,
            operations=tuple(sorted(r.operations)),
            direction=r.direction,
            deprecated=r.deprecated,
            sunset=r.sunset,
            new_sunset=r.new_sunset,
        )


def _format_narrowed(old: Any, new: Any) -> bool | None:
    """Adding a format narrows, dropping one widens, int32 -> int64 widens; another change is neither."""
    if old is None:
        return True
    if new is None or (old, new) in _WIDER_FORMAT:
        return False
    if (new, old) in _WIDER_FORMAT:
        return True
    return None


def _multiple_narrowed(old: float | None, new: float | None) -> bool | None:
    """multipleOf 10 -> 5 widens (every multiple of 10 is one of 5), 5 -> 10 narrows."""
    if old is None:
        return True
    if new is None or (new and old % new == 0):
        return False
    if old and new % old == 0:
        return True
    return None


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else str(value)


def _scheme_summary(value: dict[str, Any], kind: str) -> dict[str, Any]:
    """What a client must do to authenticate with a scheme (descriptions left out)."""
    keep = ("type", "in", "name", "scheme", "bearerFormat", "openIdConnectUrl", "flow", "tokenUrl", "authorizationUrl")
    out = {k: value[k] for k in keep if k in value}
    flows = value.get("flows")
    if isinstance(flows, dict):
        out["flows"] = {
            name: {k: flow[k] for k in ("tokenUrl", "authorizationUrl") if k in flow}
            for name, flow in flows.items()
            if isinstance(flow, dict)
        }
    out["type"] = kind
    return out


def _object_view(doc: Document, schema: dict[str, Any], ptr: str) -> tuple[dict[str, tuple[Any, str]], set[str], bool]:
    """Properties (name -> (raw, pointer of the schema declaring it)), required names and closedness.

    An object schema's ``allOf`` parts are merged: a property may move between a schema and the
    parts it is composed of without being reported as removed and added.
    """
    props: dict[str, tuple[Any, str]] = {}
    required: set[str] = set()
    closed = False
    stack: list[tuple[Any, str]] = [(schema, ptr)]
    seen: set[str] = set()
    while stack:
        raw, at = stack.pop()
        value, at = doc.deref(raw, at)
        if not isinstance(value, dict) or at in seen:
            continue
        seen.add(at)
        own = value.get("properties")
        if isinstance(own, dict):
            for name, sub in own.items():
                if name not in props:
                    props[str(name)] = (sub, at)  # the pointer is built only for what is compared
        names = value.get("required")
        if isinstance(names, list):
            required.update(n for n in names if isinstance(n, str))
        if value.get("additionalProperties") is False:
            closed = True
        parts = value.get("allOf")
        if isinstance(parts, list):
            for i in range(len(parts) - 1, -1, -1):
                stack.append((parts[i], jp.join(at, "allOf", i)))
    return props, required, closed


def _place(doc: Document, pointer: str, cache: dict[tuple[int, str], Place], side: int) -> Place:
    key = (side, pointer)
    place = cache.get(key)
    if place is None:
        file, inner = doc.bundle.origin(pointer)
        line, column = doc.bundle.files[file].parsed.locator.position(jp.split(inner))
        place = cache[key] = Place(file, inner, line, column, pointer)
    return place


def _context(segs: list[str]) -> tuple[list[str], int, bool] | None:
    """What a pointer starts in (a component, an operation...), how many segments that takes, is it a schema."""
    if len(segs) > 2 and segs[0] == "components" and segs[1] == "schemas":
        return [segs[2]], 3, True
    if len(segs) > 1 and segs[0] == "definitions":
        return [segs[1]], 2, True
    if len(segs) > 2 and segs[0] == "paths" and segs[2] in HTTP_METHODS:
        return [f"{segs[2].upper()} {segs[1]}"], 3, False
    if len(segs) > 1 and segs[0] == "paths":
        return [segs[1]], 2, False
    if len(segs) > 2 and segs[0] == "components":
        return [segs[2]], 3, False
    if len(segs) > 1 and segs[0] in ("parameters", "responses"):
        return [segs[1]], 2, False
    return None


def describe(doc: Document, pointer: str) -> str:
    """A short, language-neutral name for a place.

    ``Pegawai.alamat.kode_pos``, ``GET /izin 200 application/json: data[]``.
    """
    file, inner = doc.bundle.origin(pointer)
    if file != doc.bundle.root:
        # A schema of its own file: the file names it better than the place it was inlined at.
        segs, context, i, component = jp.split(inner), [file], 0, False
    else:
        segs = jp.split(pointer)
        start = _context(segs)
        if start is None:
            return pointer or "/"
        context, i, component = start
    path = ""
    n = len(segs)
    while i < n:
        seg = segs[i]
        nxt = segs[i + 1] if i + 1 < n else None
        if seg == "properties" and nxt is not None:
            path += "." + nxt
            i += 2
        elif seg == "items":
            path += "[]"
            i += 1
        elif seg == "additionalProperties":
            path += "{*}"
            i += 1
        elif seg == "allOf" and nxt is not None:
            i += 2
        elif seg in ("anyOf", "oneOf") and nxt is not None:
            path += f"<{seg}[{nxt}]>"
            i += 2
        elif seg == "parameters" and nxt is not None and not path:
            param = doc.get(jp.build(segs[: i + 2]))
            if isinstance(param, dict):
                context.append(f"{param.get('in', '')} {param.get('name', nxt)}".strip())
            else:
                context.append(f"parameter {nxt}")
            i += 2
        elif seg in ("responses", "content", "headers") and nxt is not None and not path:
            context.append(nxt if seg != "headers" else f"header {nxt}")
            i += 2
        elif seg in ("requestBody", "schema") and not path:
            if seg == "requestBody":
                context.append("requestBody")
            i += 1
        else:
            path += "/" + seg
            i += 1
    head = " ".join(context)
    if component:
        return head + path
    return f"{head}: {path.lstrip('.')}" if path else head
