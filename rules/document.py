"""The document as rules see it: one tree, a version, and ready-made indexes.

Rules never walk the raw tree themselves for the common things. The indexes (operations,
parameters, responses, media types, schemas, properties, examples, servers, security
schemes) are built once, lazily, each entry with the JSON pointer of the place where the
object is defined, so a schema used by fifty operations is checked, and reported, once.
OpenAPI 2.0 is mapped onto the same indexes (servers from host/basePath/schemes, media
types from produces/consumes, the body parameter as a request body).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from rules import pointer as jp
from rules.bundle import LITERAL_KEYS, NAME_MAPS, Bundle

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
Usage = Literal["input", "output"]
Direction = Literal["request", "response"]

_MISSING: Any = object()

#: Keywords whose value is one subschema, a list of subschemas, or a map of them.
_SUB_ONE = (
    "items",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
)
_SUB_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUB_MAP = ("patternProperties", "$defs", "dependentSchemas", "definitions")
_SUB_ONE_SET = frozenset(_SUB_ONE)
_SUB_LIST_SET = frozenset(_SUB_LIST)
#: The order in which a schema's sub-schemas are walked: properties, single sub-schemas (and
#: a draft-4 tuple ``items``), lists, then maps of sub-schemas.
_SUB_RANK = {
    "properties": 0,
    **{key: 1 + i for i, key in enumerate(_SUB_ONE)},
    **{key: 100 + i for i, key in enumerate(_SUB_LIST)},
    **{key: 300 + i for i, key in enumerate(_SUB_MAP)},
}


def is_health_path(path: str, names: tuple[str, ...] | list[str] | None = None) -> bool:
    """``/health``, ``/v1/healthz``, ``/status``...: the endpoints exempt from authentication."""
    wanted = names if names is not None else HEALTH_NAMES
    last = path.rstrip("/").rsplit("/", 1)[-1].lower()
    return last in wanted


HEALTH_NAMES = (
    "health",
    "healthz",
    "health-check",
    "healthcheck",
    "status",
    "ping",
    "ready",
    "readyz",
    "live",
    "livez",
    "liveness",
    "readiness",
    "kesehatan",
)


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    #: Where the URL is written (3.x: ``.../servers/0/url``; 2.0: ``/host``).
    pointer: str
    #: Where the scheme is decided (2.0: ``/schemes/0``); the URL pointer in 3.x.
    scheme_pointer: str
    #: Where the path part is written (2.0: ``/basePath``); the URL pointer in 3.x.
    path_pointer: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    name: str
    pointer: str
    value: dict[str, Any]
    #: apiKey, http, oauth2, openIdConnect, mutualTLS (2.0 ``basic`` becomes http/basic).
    type: str
    #: For apiKey: header, query or cookie.
    location: str = ""
    #: For http: basic, bearer, digest...
    http_scheme: str = ""
    #: OAuth2 flow name -> (pointer, flow object); 2.0's single flow is mapped to its 3.x name.
    flows: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)


@dataclass(slots=True)
class Parameter:
    name: str
    location: str  # query, path, header, cookie; 2.0 also body and formData
    pointer: str  # where the parameter object is defined
    value: dict[str, Any]
    operation: Operation
    #: The parameter's schema: 3.x ``schema`` (or the one under ``content``), 2.0 ``schema`` for
    #: body parameters, and for other 2.0 parameters the parameter object itself.
    schema: dict[str, Any] | None
    schema_pointer: str | None

    @property
    def required(self) -> bool:
        return bool(self.value.get("required")) or self.location == "path"


@dataclass(slots=True)
class Response:
    status: str  # "200", "4XX", "default"
    pointer: str  # where the response object is defined
    value: dict[str, Any]
    operation: Operation
    #: Where the status code key is written (``.../responses/200``), before any $ref.
    key_pointer: str


@dataclass(slots=True)
class MediaType:
    direction: Direction
    media_type: str  # "" when a 2.0 document declares none
    #: 3.x: ``.../content/application~1json``; 2.0: the produces/consumes entry.
    pointer: str
    value: dict[str, Any]
    operation: Operation
    status: str | None  # responses only
    schema: dict[str, Any] | None
    schema_pointer: str | None
    #: Where the object that holds the example is defined: the media type in 3.x; in 2.0 the
    #: response or the body parameter (their media types are shared ``produces``/``consumes`` entries).
    holder: str = ""


@dataclass(slots=True)
class SchemaInfo:
    pointer: str
    value: dict[str, Any]
    #: How it was first reached: component, parameter, request-body, response, header,
    #: property, items, composition...
    role: str
    #: Component name or property name, when it has one.
    name: str | None
    usage: set[str] = field(default_factory=set)

    @property
    def is_input(self) -> bool:
        return "input" in self.usage

    @property
    def is_output(self) -> bool:
        return "output" in self.usage


@dataclass(slots=True)
class Property:
    name: str
    #: The entry ``.../properties/<name>`` (which may hold a $ref).
    pointer: str
    parent: SchemaInfo
    required: bool
    #: The entry as written (a schema, or a {"$ref": ...} to one).
    raw: Any

    @property
    def usage(self) -> set[str]:
        return self.parent.usage


@dataclass(frozen=True, slots=True)
class Example:
    pointer: str
    value: Any
    #: The schema the example is meant to satisfy, when known.
    schema: dict[str, Any] | None
    schema_pointer: str | None
    #: schema, media-type, parameter, response (2.0).
    kind: str


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    pointer: str
    value: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Reference:
    pointer: str  # the object holding "$ref"
    ref: str
    #: The object's other keys, which OpenAPI 2.0 and 3.0 ignore.
    siblings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WaiverSite:
    pointer: str  # the object carrying x-spbe-ignore
    value: Any


class Operation:
    """One path + method, with its effective parameters, responses and security."""

    __slots__ = ("__dict__", "doc", "method", "path", "path_item", "path_item_pointer", "pointer", "value")

    def __init__(
        self,
        doc: Document,
        path: str,
        method: str,
        pointer: str,
        value: dict[str, Any],
        path_item: dict[str, Any],
        path_item_pointer: str,
    ):
        self.doc = doc
        self.path = path
        self.method = method
        self.pointer = pointer
        self.value = value
        self.path_item = path_item
        self.path_item_pointer = path_item_pointer

    def __repr__(self) -> str:
        return f"Operation({self.method.upper()} {self.path})"

    @property
    def operation_id(self) -> str | None:
        value = self.value.get("operationId")
        return value if isinstance(value, str) else None

    @property
    def summary(self) -> str:
        value = self.value.get("summary")
        return value if isinstance(value, str) else ""

    @property
    def description(self) -> str:
        value = self.value.get("description")
        return value if isinstance(value, str) else ""

    @property
    def tags(self) -> list[str]:
        value = self.value.get("tags")
        return [t for t in value if isinstance(t, str)] if isinstance(value, list) else []

    @property
    def deprecated(self) -> bool:
        return self.value.get("deprecated") is True

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @cached_property
    def parameters(self) -> list[Parameter]:
        """Path-level and operation-level parameters; the operation's win on (name, in)."""
        doc = self.doc
        merged: dict[tuple[str, str], Parameter] = {}
        for holder, holder_ptr in ((self.path_item, self.path_item_pointer), (self.value, self.pointer)):
            params = holder.get("parameters")
            if not isinstance(params, list):
                continue
            for index, raw in enumerate(params):
                value, ptr = doc.deref(raw, jp.join(holder_ptr, "parameters", index))
                if not isinstance(value, dict):
                    continue
                name, where = value.get("name"), value.get("in")
                if not isinstance(name, str) or not isinstance(where, str):
                    continue
                schema, schema_ptr = doc.parameter_schema(value, ptr)
                merged[(name, where)] = Parameter(name, where, ptr, value, self, schema, schema_ptr)
        return list(merged.values())

    @cached_property
    def responses(self) -> list[Response]:
        doc = self.doc
        out: list[Response] = []
        responses = self.value.get("responses")
        if not isinstance(responses, dict):
            return out
        base = jp.join(self.pointer, "responses")
        for status, raw in responses.items():
            status = str(status)
            if status.startswith("x-"):
                continue
            key_ptr = jp.join(base, status)
            value, ptr = doc.deref(raw, key_ptr)
            if isinstance(value, dict):
                out.append(Response(status, ptr, value, self, key_ptr))
        return out

    @cached_property
    def request_media(self) -> list[MediaType]:
        return [m for m in self.doc.media_types_of(self) if m.direction == "request"]

    @cached_property
    def response_media(self) -> list[MediaType]:
        return [m for m in self.doc.media_types_of(self) if m.direction == "response"]

    @property
    def security(self) -> tuple[list[Any] | None, str]:
        """Effective security requirements and where they are written (None: none declared)."""
        if "security" in self.value:
            sec = self.value["security"]
            return (sec if isinstance(sec, list) else None), jp.join(self.pointer, "security")
        sec = self.doc.data.get("security")
        return (sec if isinstance(sec, list) else None), "/security"

    def has_request_body(self) -> bool:
        if self.doc.is_v2:
            return any(p.location in ("body", "formData") for p in self.parameters)
        return "requestBody" in self.value


class Document:
    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        data = bundle.data
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        self.version = detect_version(self.data)
        self._deref_cache: dict[str, tuple[Any, str]] = {}

    # -- basics ------------------------------------------------------------------------

    @property
    def is_v2(self) -> bool:
        return self.version == "2.0"

    @property
    def is_v31(self) -> bool:
        return self.version in ("3.1", "3.2")

    @property
    def info(self) -> dict[str, Any]:
        info = self.data.get("info")
        return info if isinstance(info, dict) else {}

    @property
    def x_spbe(self) -> dict[str, Any] | None:
        value = self.info.get("x-spbe")
        return value if isinstance(value, dict) else None

    @property
    def lifecycle(self) -> str | None:
        meta = self.x_spbe or {}
        value = meta.get("lifecycle")
        return value if isinstance(value, str) else None

    def get(self, pointer: str, default: Any = None) -> Any:
        return jp.get(self.data, pointer, default)

    def deref(self, value: Any, pointer: str) -> tuple[Any, str]:
        """Follow internal ``$ref``s to the definition: (value, its pointer); (None, pointer) if broken."""
        hops = 0
        cache = self._deref_cache
        while type(value) is dict:
            ref = value.get("$ref")
            if type(ref) is not str:
                break
            # Keyed on the reference as written: tens of thousands of calls name a few
            # thousand targets, and decoding the fragment is most of a call's cost.
            cached = cache.get(ref)
            if cached is None:
                if not ref.startswith("#"):
                    return None, pointer
                target_ptr = jp.from_fragment(ref)
                target = jp.get(self.data, target_ptr, _MISSING)
                cached = cache[ref] = (None if target is _MISSING else target, target_ptr)
            value, pointer = cached
            if value is None:
                return None, pointer
            hops += 1
            if hops > 64:  # a -> b -> a: a cycle of bare references
                return None, pointer
        return value, pointer

    def resolve(self, value: Any) -> Any:
        return self.deref(value, "")[0]

    # -- indexes -----------------------------------------------------------------------

    @cached_property
    def operations(self) -> list[Operation]:
        out: list[Operation] = []
        paths = self.data.get("paths")
        if not isinstance(paths, dict):
            return out
        for path, raw in paths.items():
            if not isinstance(path, str) or path.startswith("x-"):
                continue
            item, item_ptr = self.deref(raw, jp.join("/paths", path))
            if not isinstance(item, dict):
                continue
            for method in HTTP_METHODS:
                op = item.get(method)
                if isinstance(op, dict):
                    out.append(Operation(self, path, method, jp.join(item_ptr, method), op, item, item_ptr))
        return out

    @cached_property
    def parameters(self) -> list[Parameter]:
        return [p for op in self.operations for p in op.parameters]

    @cached_property
    def responses(self) -> list[Response]:
        return [r for op in self.operations for r in op.responses]

    @cached_property
    def media_types(self) -> list[MediaType]:
        return [m for op in self.operations for m in self.media_types_of(op)]

    def media_types_of(self, op: Operation) -> list[MediaType]:
        cache: dict[int, list[MediaType]] = self.__dict__.setdefault("_media_cache", {})
        key = id(op)
        if key not in cache:
            cache[key] = self._v2_media(op) if self.is_v2 else self._v3_media(op)
        return cache[key]

    def _v3_media(self, op: Operation) -> list[MediaType]:
        out: list[MediaType] = []
        body, body_ptr = self.deref(op.value.get("requestBody"), jp.join(op.pointer, "requestBody"))
        if isinstance(body, dict):
            out.extend(self._content(body, body_ptr, "request", None, op))
        for resp in op.responses:
            out.extend(self._content(resp.value, resp.pointer, "response", resp.status, op))
        return out

    def _content(
        self, holder: dict[str, Any], holder_ptr: str, direction: Direction, status: str | None, op: Operation
    ) -> Iterator[MediaType]:
        content = holder.get("content")
        if not isinstance(content, dict):
            return
        for mime, raw in content.items():
            ptr = jp.join(holder_ptr, "content", mime)
            media, media_ptr = self.deref(raw, ptr)
            if not isinstance(media, dict):
                continue
            schema, schema_ptr = self.deref(media.get("schema"), jp.join(media_ptr, "schema"))
            if isinstance(schema, dict):
                yield MediaType(direction, str(mime), ptr, media, op, status, schema, schema_ptr, ptr)
            else:
                yield MediaType(direction, str(mime), ptr, media, op, status, None, None, ptr)

    def _v2_media(self, op: Operation) -> list[MediaType]:
        out: list[MediaType] = []

        def mimes(key: str) -> list[tuple[str, str]]:
            for holder, base in ((op.value, op.pointer), (self.data, "")):
                value = holder.get(key)
                if isinstance(value, list):
                    return [(str(m), jp.join(base, key, i)) for i, m in enumerate(value)]
            return []

        for param in op.parameters:
            if param.location == "body":
                for mime, ptr in mimes("consumes") or [("", param.pointer)]:
                    out.append(
                        MediaType(
                            "request",
                            mime,
                            ptr,
                            param.value,
                            op,
                            None,
                            param.schema,
                            param.schema_pointer,
                            param.pointer,
                        )
                    )
        produces = mimes("produces")
        for resp in op.responses:
            schema, schema_ptr = self.deref(resp.value.get("schema"), jp.join(resp.pointer, "schema"))
            if not isinstance(schema, dict):
                continue
            for mime, ptr in produces or [("", resp.pointer)]:
                out.append(
                    MediaType("response", mime, ptr, resp.value, op, resp.status, schema, schema_ptr, resp.pointer)
                )
        return out

    def parameter_schema(self, param: dict[str, Any], pointer: str) -> tuple[dict[str, Any] | None, str | None]:
        if self.is_v2:
            if param.get("in") == "body":
                schema, ptr = self.deref(param.get("schema"), jp.join(pointer, "schema"))
                return (schema, ptr) if isinstance(schema, dict) else (None, None)
            return param, pointer
        if "schema" in param:
            schema, ptr = self.deref(param.get("schema"), jp.join(pointer, "schema"))
            return (schema, ptr) if isinstance(schema, dict) else (None, None)
        content = param.get("content")
        if isinstance(content, dict):
            for mime, media in content.items():
                if isinstance(media, dict):
                    schema, ptr = self.deref(media.get("schema"), jp.join(pointer, "content", mime, "schema"))
                    if isinstance(schema, dict):
                        return schema, ptr
        return None, None

    @cached_property
    def servers(self) -> list[Server]:
        if self.is_v2:
            return self._v2_servers()
        out: list[Server] = []
        holders: list[tuple[Any, str]] = [(self.data.get("servers"), "/servers")]
        paths = self.data.get("paths")
        if isinstance(paths, dict):
            for op in self.operations:
                holders.append((op.value.get("servers"), jp.join(op.pointer, "servers")))
            seen_items: set[str] = set()
            for op in self.operations:
                if op.path_item_pointer not in seen_items:
                    seen_items.add(op.path_item_pointer)
                    holders.append((op.path_item.get("servers"), jp.join(op.path_item_pointer, "servers")))
        for servers, base in holders:
            if not isinstance(servers, list):
                continue
            for i, server in enumerate(servers):
                if isinstance(server, dict) and isinstance(server.get("url"), str):
                    ptr = jp.join(base, i, "url")
                    desc = server.get("description")
                    out.append(Server(server["url"], ptr, ptr, ptr, desc if isinstance(desc, str) else ""))
        return out

    def _v2_servers(self) -> list[Server]:
        host = self.data.get("host")
        if not isinstance(host, str):
            return []
        base = self.data.get("basePath")
        base = base if isinstance(base, str) else ""
        path_ptr = "/basePath" if "basePath" in self.data else "/host"
        schemes = self.data.get("schemes")
        out: list[Server] = []
        if isinstance(schemes, list) and schemes:
            for i, scheme in enumerate(schemes):
                out.append(Server(f"{scheme}://{host}{base}", "/host", f"/schemes/{i}", path_ptr))
        else:  # no schemes: the scheme the document was fetched with, i.e. unknown
            out.append(Server(f"//{host}{base}", "/host", "/host", path_ptr))
        return out

    @cached_property
    def security_schemes(self) -> list[SecurityScheme]:
        if self.is_v2:
            holder, base = self.data.get("securityDefinitions"), "/securityDefinitions"
        else:
            comps = self.data.get("components")
            holder = comps.get("securitySchemes") if isinstance(comps, dict) else None
            base = "/components/securitySchemes"
        out: list[SecurityScheme] = []
        if not isinstance(holder, dict):
            return out
        for name, raw in holder.items():
            value, ptr = self.deref(raw, jp.join(base, name))
            if not isinstance(value, dict):
                continue
            kind = str(value.get("type", ""))
            http_scheme = str(value.get("scheme", "")).lower()
            if kind == "basic":  # 2.0
                kind, http_scheme = "http", "basic"
            flows: dict[str, tuple[str, dict[str, Any]]] = {}
            if kind == "oauth2":
                if self.is_v2:
                    flow = str(value.get("flow", ""))
                    flow = {"application": "clientCredentials", "accessCode": "authorizationCode"}.get(flow, flow)
                    flows[flow] = (ptr, value)
                elif isinstance(value.get("flows"), dict):
                    for fname, fvalue in value["flows"].items():
                        if isinstance(fvalue, dict):
                            flows[str(fname)] = (jp.join(ptr, "flows", fname), fvalue)
            out.append(SecurityScheme(str(name), ptr, value, kind, str(value.get("in", "")), http_scheme, flows))
        return out

    @cached_property
    def tags(self) -> list[Tag]:
        tags = self.data.get("tags")
        if not isinstance(tags, list):
            return []
        return [
            Tag(t["name"], jp.join("/tags", i), t)
            for i, t in enumerate(tags)
            if isinstance(t, dict) and isinstance(t.get("name"), str)
        ]

    # -- schemas -----------------------------------------------------------------------

    @cached_property
    def _schema_index(self) -> tuple[dict[str, SchemaInfo], list[Property]]:
        records: dict[str, SchemaInfo] = {}
        properties: list[Property] = []
        seen: set[tuple[str, str]] = set()
        stack: list[tuple[Any, str, str, str, str | None]] = []  # value, pointer, usage, role, name

        for op in reversed(self.operations):
            for resp in op.responses:
                headers = resp.value.get("headers")
                if isinstance(headers, dict):
                    for hname, raw in headers.items():
                        header, hptr = self.deref(raw, jp.join(resp.pointer, "headers", hname))
                        if isinstance(header, dict):
                            if self.is_v2:
                                stack.append((header, hptr, "output", "header", str(hname)))
                            elif "schema" in header:
                                stack.append(
                                    (header["schema"], jp.join(hptr, "schema"), "output", "header", str(hname))
                                )
            for media in self.media_types_of(op):
                if media.schema is not None and media.schema_pointer is not None:
                    role = "request-body" if media.direction == "request" else "response"
                    usage = "input" if media.direction == "request" else "output"
                    stack.append((media.schema, media.schema_pointer, usage, role, None))
            for param in op.parameters:
                if param.schema is not None and param.schema_pointer is not None and param.location != "body":
                    stack.append((param.schema, param.schema_pointer, "input", "parameter", param.name))

        # Components go on top of the stack: they are defined there, so that is their role.
        comps = self.data.get("definitions") if self.is_v2 else (self.data.get("components") or {}).get("schemas")
        comps_base = "/definitions" if self.is_v2 else "/components/schemas"
        if isinstance(comps, dict):
            for name, schema in reversed(list(comps.items())):
                stack.append((schema, jp.join(comps_base, name), "", "component", str(name)))
                value, ptr = self.deref(schema, jp.join(comps_base, name))
                if isinstance(value, dict) and ptr not in records:
                    records[ptr] = SchemaInfo(ptr, value, "component", str(name))
        expanded: set[str] = set()
        deref, esc = self.deref, jp.escape
        # The hot loop of indexing a large document (tens of thousands of schemas, several visits
        # each): dereference only what is a $ref, and join pointers inline.
        while stack:
            raw, ptr, usage, role, name = stack.pop()
            if type(raw) is dict and "$ref" not in raw:
                value = raw
            else:
                value, ptr = deref(raw, ptr)
                if type(value) is not dict:
                    continue
            visit = (ptr, usage)
            if visit in seen:
                continue
            seen.add(visit)
            rec = records.get(ptr)
            fresh = ptr not in expanded
            if fresh:
                expanded.add(ptr)
            if rec is None:
                rec = records[ptr] = SchemaInfo(ptr, value, role, name)
            if usage:
                rec.usage.add(usage)
            # Look only at the keys the schema has (a few), in a fixed order of kinds.
            present = [key for key in value if key in _SUB_RANK]
            if not present:
                continue
            if len(present) > 1:
                present.sort(key=_SUB_RANK.__getitem__)
            children: list[tuple[Any, str, str, str, str | None]] = []
            for key in present:
                sub = value[key]
                if key == "properties":
                    if type(sub) is not dict:
                        continue
                    required = value.get("required")
                    required_set = set(required) if type(required) is list else ()
                    base = ptr + "/properties/"
                    for pname, pschema in sub.items():
                        if type(pname) is not str:
                            pname = str(pname)
                        pptr = base + (esc(pname) if "~" in pname or "/" in pname else pname)
                        if fresh:
                            properties.append(Property(pname, pptr, rec, pname in required_set, pschema))
                        children.append((pschema, pptr, usage, "property", pname))
                elif key in _SUB_ONE_SET:
                    if type(sub) is dict:
                        children.append((sub, ptr + "/" + key, usage, key, None))
                    elif key == "items" and type(sub) is list:  # tuple validation (draft 4)
                        for i, item in enumerate(sub):
                            children.append((item, f"{ptr}/items/{i}", usage, "items", None))
                elif key in _SUB_LIST_SET:
                    if type(sub) is list:
                        for i, item in enumerate(sub):
                            children.append((item, f"{ptr}/{key}/{i}", usage, "composition", None))
                elif type(sub) is dict:  # _SUB_MAP
                    for sname, item in sub.items():
                        children.append((item, jp.join(ptr, key, sname), usage, key, str(sname)))
            stack.extend(reversed(children))
        return records, properties

    @property
    def schemas(self) -> list[SchemaInfo]:
        """Every schema object reachable from operations or components, once per definition."""
        return list(self._schema_index[0].values())

    def schema_at(self, pointer: str) -> SchemaInfo | None:
        return self._schema_index[0].get(pointer)

    @property
    def properties(self) -> list[Property]:
        return self._schema_index[1]

    def schema_label(self, info: SchemaInfo) -> str:
        """How a message names a schema: its own name (component, property, parameter), else its
        nearest named ancestor's with ``[]`` for array items and ``.*`` for map values
        (``tags[]``, ``metadata.*``); the pointer when nothing above it has a name."""
        if info.name:
            return info.name
        segments = jp.split(info.pointer)
        for cut in range(len(segments) - 1, 0, -1):
            parent = self.schema_at(jp.build(segments[:cut]))
            if parent is not None and parent.name:
                suffix = ""
                for seg in segments[cut:]:
                    if seg in ("items", "additionalItems", "unevaluatedItems", "contains"):
                        suffix += "[]"
                    elif seg in ("additionalProperties", "unevaluatedProperties", "patternProperties"):
                        suffix += ".*"
                return parent.name + suffix
        return info.pointer

    @cached_property
    def examples(self) -> list[Example]:
        out: list[Example] = []
        for info in self.schemas:
            if "example" in info.value:
                out.append(
                    Example(jp.join(info.pointer, "example"), info.value["example"], info.value, info.pointer, "schema")
                )
            if self.is_v31 and isinstance(info.value.get("examples"), list):
                for i, ex in enumerate(info.value["examples"]):
                    out.append(Example(jp.join(info.pointer, "examples", i), ex, info.value, info.pointer, "schema"))
        seen_media: set[str] = set()
        for media in self.media_types:
            if media.pointer in seen_media:
                continue
            seen_media.add(media.pointer)
            if self.is_v2:
                continue
            out.extend(self._examples_of(media.value, media.pointer, media.schema, media.schema_pointer, "media-type"))
        seen_params: set[str] = set()
        for param in self.parameters:
            if param.pointer in seen_params or self.is_v2:
                continue
            seen_params.add(param.pointer)
            out.extend(self._examples_of(param.value, param.pointer, param.schema, param.schema_pointer, "parameter"))
        if self.is_v2:
            for resp in self.responses:
                examples = resp.value.get("examples")
                schema, schema_ptr = self.deref(resp.value.get("schema"), jp.join(resp.pointer, "schema"))
                if isinstance(examples, dict):
                    for mime, ex in examples.items():
                        out.append(
                            Example(
                                jp.join(resp.pointer, "examples", mime),
                                ex,
                                schema if isinstance(schema, dict) else None,
                                schema_ptr if isinstance(schema, dict) else None,
                                "response",
                            )
                        )
        return out

    def _examples_of(
        self, holder: dict[str, Any], base: str, schema: dict[str, Any] | None, schema_ptr: str | None, kind: str
    ) -> Iterator[Example]:
        if "example" in holder:
            yield Example(jp.join(base, "example"), holder["example"], schema, schema_ptr, kind)
        examples = holder.get("examples")
        if isinstance(examples, dict):
            for name, raw in examples.items():
                ex, ptr = self.deref(raw, jp.join(base, "examples", name))
                if isinstance(ex, dict) and "value" in ex:
                    yield Example(jp.join(ptr, "value"), ex["value"], schema, schema_ptr, kind)

    # -- whole-tree scan ------------------------------------------------------------------

    @cached_property
    def _scan(self) -> tuple[list[Reference], list[WaiverSite]]:
        refs: list[Reference] = []
        waivers: list[WaiverSite] = []
        escape = jp.escape

        # ``pointer`` is built as the walk goes down (one concatenation per container), never
        # rebuilt from a list of segments; ``parent`` is the key the node sits under.
        def walk_dict(node: dict[str, Any], pointer: str, parent: str | None) -> None:
            ref = node.get("$ref")
            if type(ref) is str:
                siblings = tuple(k for k in node if k != "$ref") if len(node) > 1 else ()
                refs.append(Reference(pointer, ref, siblings))
            if "x-spbe-ignore" in node:
                waivers.append(WaiverSite(pointer, node["x-spbe-ignore"]))
            # A value under example/default/enum/const is data (a "$ref" or "x-spbe-ignore" in it
            # is not one), unless that key is a name: a `default` response, an `example` property.
            names = parent in NAME_MAPS
            for key, value in node.items():
                kind = type(value)
                if kind is dict:
                    if names or key not in LITERAL_KEYS:
                        walk_dict(value, pointer + "/" + escape(key), key)
                elif kind is list and (names or key not in LITERAL_KEYS):
                    walk_list(value, pointer + "/" + escape(key))

        def walk_list(node: list[Any], pointer: str) -> None:
            for i, value in enumerate(node):
                kind = type(value)
                if kind is dict:
                    walk_dict(value, f"{pointer}/{i}", str(i))
                elif kind is list:
                    walk_list(value, f"{pointer}/{i}")

        if type(self.data) is dict:
            walk_dict(self.data, "", None)
        return refs, waivers

    @property
    def references(self) -> list[Reference]:
        """Every ``$ref`` in the document (bundled: internal ones, and those left unresolved)."""
        return self._scan[0]

    @property
    def waiver_sites(self) -> list[WaiverSite]:
        return self._scan[1]


_VERSION = re.compile(r"^(\d+)\.(\d+)(?:\.\d+)?")


def detect_version(data: dict[str, Any]) -> str | None:
    """ "2.0", "3.0", "3.1" or "3.2"; None when the document names no version it knows."""
    swagger = data.get("swagger")
    if swagger is not None:
        return "2.0" if str(swagger) in ("2.0", "2") else None
    openapi = data.get("openapi")
    if not isinstance(openapi, str):
        return None
    m = _VERSION.match(openapi)
    if not m or m.group(1) != "3":
        return None
    minor = m.group(2)
    return {"0": "3.0", "1": "3.1", "2": "3.2"}.get(minor)
