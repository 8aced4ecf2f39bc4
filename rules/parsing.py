"""Reading one file: bytes -> plain JSON-like data, plus a way back to line and column.

YAML is parsed by rapidyaml (a C++ parser; about 50x faster than PyYAML on a 4 MB document).
Python objects come from rapidyaml's own JSON emission read by orjson, audited in one walk
against the YAML 1.2 core schema (so ``yes`` stays a string, ``2024-01-01`` is not a date and
``~`` is null); documents that use what JSON cannot say (aliases, merge keys, tags, duplicate
keys) go through our node-by-node builder, which also bounds alias expansion. PyYAML is the
fallback for the rare input rapidyaml refuses, and the source of a readable message when the
input is really broken. JSON data comes from orjson.

Positions are computed only when a finding needs one: the parser's tree is kept, and a JSON
pointer is walked down it to the node whose source offset gives the line and column.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson
import ryml

from rules.i18n import Text, sizes_text
from rules.pointer import split as split_pointer

#: Raised by rapidyaml's Python binding on a syntax error.
_RymlError: type[Exception] = ryml.ExceptionParse


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile input from exhausting time or memory."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_total_bytes: int = 200 * 1024 * 1024
    max_files: int = 10_000
    max_depth: int = 200
    #: Nodes that alias expansion may add on top of the document's own nodes.
    max_alias_nodes: int = 1_000_000


class SourceError(Exception):
    """A file that cannot be read as a document. Becomes a finding, never a traceback."""

    def __init__(self, kind: str, message: Text, line: int | None = None, column: int | None = None):
        super().__init__(message.en)
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column


def too_large(size: int, limit: int) -> SourceError:
    """A file over ``max_file_bytes``; ``size`` is its real size, not what was read of it."""
    shown, most = sizes_text(size, limit)
    return SourceError(
        "too-large",
        Text(
            f"Berkas berukuran {shown.id}, melebihi batas {most.id}.",
            f"The file is {shown.en}, over the limit of {most.en}.",
        ),
    )


class Locator(Protocol):
    def position(self, segments: Sequence[str]) -> tuple[int, int]:
        """Line and column (1-based) of the deepest node of ``segments`` that exists."""
        ...

    def positions(self, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
        """``position`` of many JSON pointers at once (a report's findings)."""
        ...


def _one_by_one(locator: Locator, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    return {pointer: locator.position(split_pointer(pointer)) for pointer in set(pointers)}


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    """A mapping key written again: where the repeated occurrence is (its value wins)."""

    segments: tuple[str, ...]
    line: int
    column: int


@dataclass(slots=True)
class ParsedFile:
    data: Any
    locator: Locator
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# Entry point


def apply_merges(result: dict[str, Any], merges: list[Any]) -> None:
    """YAML ``<<`` merge keys: the merged mappings' keys, where the mapping has none of its own."""
    for merged in merges:
        for source in merged if isinstance(merged, list) else [merged]:
            if isinstance(source, dict):
                for k, v in source.items():
                    result.setdefault(k, v)


def _check_size(raw: bytes, limits: Limits) -> None:
    if len(raw) > limits.max_file_bytes:
        raise too_large(len(raw), limits.max_file_bytes)


def parse_bytes(raw: bytes, name: str, limits: Limits | None = None) -> ParsedFile:
    """Parse one file's bytes; ``name`` only decides JSON-first or YAML-first."""
    limits = limits or Limits()
    _check_size(raw, limits)
    raw = _to_utf8(raw)
    stripped = raw.lstrip()
    if not stripped:
        raise SourceError("empty", Text("Berkas kosong.", "The file is empty."), 1, 1)
    looks_json = name.lower().endswith(".json") or stripped[:1] in (b"{", b"[")
    if looks_json:
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            if name.lower().endswith(".json"):
                raise _json_error(exc, raw) from None
        else:
            return ParsedFile(data, _LazyLocator(raw))
    return _parse_yaml(raw, limits)


def parse_text(raw: bytes, name: str, limits: Limits | None = None) -> ParsedFile:
    """A Markdown or text file that a ``$ref`` includes (``description: {$ref: intro.md}``): its
    text as one string, never parsed as YAML (whose reading of Markdown is accidental)."""
    limits = limits or Limits()
    _check_size(raw, limits)
    return ParsedFile(_to_utf8(raw).decode("utf-8"), _NoPositions())


def _to_utf8(raw: bytes) -> bytes:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        with suppress(UnicodeDecodeError):
            raw = raw.decode("utf-16").encode("utf-8")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            "encoding",
            Text(
                f"Berkas bukan UTF-8 yang sah (bita 0x{raw[exc.start]:02x}).",
                f"The file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}).",
            ),
            line,
            column,
        ) from None
    return raw


def _json_error(exc: orjson.JSONDecodeError, raw: bytes) -> SourceError:
    reason = exc.msg
    if "recursion" in reason:
        return SourceError(
            "too-deep",
            Text("Struktur JSON terlalu dalam bersarang.", "The JSON structure is nested too deeply."),
            exc.lineno,
            exc.colno,
        )
    return SourceError(
        "syntax",
        Text(f"JSON tidak sah: {reason}.", f"Invalid JSON: {reason}."),
        exc.lineno,
        exc.colno,
    )


# --------------------------------------------------------------------------------------
# YAML 1.2 core schema for plain scalars

_CORE = re.compile(
    r"""(?:
      (?P<null>~|null|Null|NULL)
    | (?P<true>true|True|TRUE) | (?P<false>false|False|FALSE)
    | (?P<int>[-+]?[0-9]+)
    | 0o(?P<oct>[0-7]+) | 0x(?P<hex>[0-9a-fA-F]+)
    | (?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)
    | (?P<inf>[-+]?\.(?:inf|Inf|INF)) | (?P<nan>\.(?:nan|NaN|NAN))
    )""",
    re.VERBOSE,
)
_MAYBE_TYPED = frozenset("0123456789-+.~nNtTfF")


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar as the YAML 1.2 core schema says."""
    if not text:
        return None
    if text[0] not in _MAYBE_TYPED:
        return text
    m = _CORE.fullmatch(text)
    if m is None:
        return text
    kind = m.lastgroup
    if kind == "null":
        return None
    if kind == "true":
        return True
    if kind == "false":
        return False
    if kind == "int":
        return int(text)
    if kind == "oct":
        return int(m.group("oct"), 8)
    if kind == "hex":
        return int(m.group("hex"), 16)
    if kind == "nan":
        return float("nan")
    if kind == "inf":
        return float("-inf") if text.startswith("-") else float("inf")
    return float(text)


def _apply_tag(tag: str, text: str) -> Any:
    """Honour the core schema's explicit tags; any other tag leaves the text as it is."""
    short = tag.removeprefix("tag:yaml.org,2002:").removeprefix("!!")
    if short == "str" or short == "binary":
        return text
    value = resolve_plain(text)
    if short == "int" and isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    if short == "float" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if short in ("bool", "null"):
        return value
    return text


def _too_deep(limits: Limits, line: int | None = None, column: int | None = None) -> SourceError:
    return SourceError(
        "too-deep",
        Text(
            f"Struktur dokumen bersarang lebih dari {limits.max_depth} tingkat.",
            f"The document nests more than {limits.max_depth} levels deep.",
        ),
        line,
        column,
    )


def _alias_bomb(limits: Limits) -> SourceError:
    return SourceError(
        "alias-bomb",
        Text(
            "Alias YAML (*anchor) mengembang menjadi lebih dari "
            f"{limits.max_alias_nodes:,} simpul: dokumen ditolak sebagai bom alias.",
            f"YAML aliases (*anchor) expand to more than {limits.max_alias_nodes:,} nodes: "
            "the document is refused as an alias bomb.",
        ),
    )


def _multi_doc() -> SourceError:
    return SourceError(
        "multi-document",
        Text(
            "Berkas memuat lebih dari satu dokumen YAML (---); kirim satu dokumen saja.",
            "The file holds more than one YAML document (---); submit a single document.",
        ),
    )


# --------------------------------------------------------------------------------------
# Fast path: rapidyaml


_M_KEY, _M_VAL, _M_MAP, _M_SEQ, _M_DOC = ryml.KEY, ryml.VAL, ryml.MAP, ryml.SEQ, ryml.DOC
_M_STREAM = ryml.STREAM & ~ryml.SEQ
_M_KEYREF, _M_VALREF, _M_VALANCH = ryml.KEYREF, ryml.VALREF, ryml.VALANCH
_M_VALTAG, _M_VALNIL, _M_VAL_PLAIN = ryml.VALTAG, ryml.VALNIL, ryml.VAL_PLAIN
_M_KEY_PLAIN = ryml.KEY_PLAIN
_M_KEY_QUOTED = ryml.KEY_DQUO | ryml.KEY_SQUO
_M_VAL_QUOTED = ryml.VAL_DQUO | ryml.VAL_SQUO
_NONE: int = ryml.NONE


def _tree_call(name: str) -> Any:
    """rapidyaml's C function behind ``Tree.<name>``: the Python method only forwards to it, and
    locating ten thousand findings makes ~100,000 such calls."""
    direct = getattr(getattr(ryml, "_ryml", None), f"Tree_{name}", None)
    return direct if direct is not None else (lambda tree, *args: getattr(tree, name)(*args))


_TREE_TYPE, _TREE_KEY, _TREE_FIND_CHILD = _tree_call("type"), _tree_call("key"), _tree_call("find_child")

# rapidyaml writes its parse errors to stderr before raising; the CLI must not show them.
_stderr_lock = threading.Lock()


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    with _stderr_lock:
        try:
            saved = os.dup(2)
        except OSError:
            yield
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(devnull)


def _ryml_parse(raw: bytes) -> tuple[Any, bytearray]:
    buf = bytearray(raw)
    with _quiet_stderr():
        tree = ryml.parse_in_place(buf)
    return tree, buf


def _mv_str(mv: memoryview) -> str:
    b = bytes(mv)
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        # rapidyaml writes a \uD83D\uDE00 escape pair as two CESU-8 halves; join them.
        return b.decode("utf-8", "surrogatepass").encode("utf-16", "surrogatepass").decode("utf-16")


class _RymlBuilder:
    """Turns a rapidyaml tree into dicts, lists and scalars."""

    def __init__(self, tree: Any, limits: Limits):
        self.t = tree
        self.limits = limits
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # name -> (value, size, node id)
        self.alias_budget = limits.max_alias_nodes
        self.duplicates: list[tuple[tuple[str, ...], int]] = []  # (segments, node id)
        self.path: list[str] = []

    def document_root(self) -> int:
        t = self.t
        root = t.root_id()
        ty = t.type(root)
        if ty & _M_STREAM and not (ty & (_M_MAP)):
            docs = list(ryml.children(t, root))
            if len(docs) > 1:
                raise _multi_doc()
            if not docs:
                raise SourceError("empty", Text("Berkas kosong.", "The file is empty."), 1, 1)
            return int(docs[0])
        return int(root)

    def build(self, node: int, depth: int) -> tuple[Any, int]:
        """Returns (value, expanded node count)."""
        t = self.t
        ty = t.type(node)
        value: Any
        if ty & _M_VALREF:
            return self._alias(_mv_str(t.val_ref(node)))
        if depth > self.limits.max_depth:
            raise _too_deep(self.limits)
        if ty & _M_MAP:
            value, size = self._map(node, depth)
        elif ty & _M_SEQ:
            items: list[Any] = []
            size = 1
            child = t.first_child(node)
            index = 0
            path = self.path
            while child != _NONE:
                path.append(str(index))
                v, s = self.build(child, depth + 1)
                path.pop()
                items.append(v)
                size += s
                index += 1
                child = t.next_sibling(child)
            value = items
        else:
            value, size = self._scalar(node, ty), 1
        if ty & _M_VALANCH:
            self.anchors[_mv_str(t.val_anchor(node))] = (value, size, node)
        return value, size

    def scalar(self, node: int) -> Any:
        return self._scalar(node, self.t.type(node))

    def _scalar(self, node: int, ty: int) -> Any:
        if ty & _M_VALNIL:
            return None
        mv = self.t.val(node)
        if mv is None:
            return None
        text = _mv_str(mv)
        if ty & _M_VALTAG:
            return _apply_tag(_mv_str(self.t.val_tag(node)), text)
        if ty & _M_VAL_PLAIN:
            return resolve_plain(text)
        return text

    def _alias(self, name: str) -> tuple[Any, int]:
        try:
            value, size, _ = self.anchors[name]
        except KeyError:
            raise SourceError(
                "syntax",
                Text(
                    f"Alias *{name} merujuk anchor yang belum didefinisikan.",
                    f"Alias *{name} names an undefined anchor.",
                ),
            ) from None
        self.alias_budget -= size
        if self.alias_budget < 0:
            raise _alias_bomb(self.limits)
        return value, size

    def _key(self, child: int, cty: int) -> str:
        t = self.t
        if cty & _M_KEYREF:
            target = self.anchors.get(_mv_str(t.key_ref(child)).lstrip("*"))
            return str(target[0]) if target else _mv_str(t.key(child))
        mv = t.key(child)
        return "" if mv is None else _mv_str(mv)

    def _map(self, node: int, depth: int) -> tuple[dict[str, Any], int]:
        t = self.t
        result: dict[str, Any] = {}
        merges: list[Any] = []
        size = 1
        path = self.path
        child = t.first_child(node)
        while child != _NONE:
            cty = t.type(child)
            key = self._key(child, cty)
            path.append(key)
            value, s = self.build(child, depth + 1)
            path.pop()
            size += s
            if key == "<<" and cty & _M_KEY_PLAIN:
                merges.append(value)
            else:
                if key in result:
                    self.duplicates.append(((*path, key), child))
                result[key] = value
            child = t.next_sibling(child)
        apply_merges(result, merges)
        return result, size


# --------------------------------------------------------------------------------------
# Faster path: rapidyaml's JSON emission, audited
#
# Building the tree node by node costs ~6 us a node in Python calls (0.6 s on Stripe's 4 MB
# YAML); emitting JSON in C++ and reading it with orjson costs a tenth of that. The emitter
# keeps quoted scalars as strings and writes plain numbers, true, false and null bare, which
# is the core schema; where it differs (``~``, ``True``, ``0x1F``, ``inf`` written as ``.inf``,
# escaped surrogate pairs), the string is suspicious and its node is re-read from the tree.

#: A YAML tag where a node starts (``!!str 5``, ``!custom x``, ``! x``): JSON cannot carry it.
#: The pattern starts with its literal ``!`` so that the search skips ahead (a leading
#: alternative made it try every position: 0.11 s on a 4 MB file); what precedes the ``!`` is
#: checked on each of the few matches.
_TAG = re.compile(rb"!(?:[!<\w-]|\s)")
_BEFORE_TAG = frozenset(b" \t\n\r\f\v[{,")


def _has_tag(raw: bytes) -> bool:
    for m in _TAG.finditer(raw):
        i = m.start()
        if i == 0 or raw[i - 1] in _BEFORE_TAG:
            return True
    return False


class _Unsure(Exception):
    """The JSON emission cannot be trusted for this document; build node by node."""


def _via_json(raw: bytes, tree: Any, root: int, builder: _RymlBuilder, limits: Limits) -> Any:
    if _has_tag(raw):
        return None
    try:
        with _quiet_stderr():  # the emitter reports, e.g., nesting past its own limit
            emitted = ryml.emit_json(tree, root)
        data = orjson.loads(emitted)
    except (orjson.JSONDecodeError, ryml.ExceptionBasic, UnicodeError):
        return None
    fixes: list[tuple[Any, Any, tuple[str, ...]]] = []
    if type(data) is not dict and type(data) is not list:
        return None  # a bare scalar: nothing to gain
    try:
        count = _audit(data, 0, [], fixes, limits.max_depth)
    except _Unsure:
        return None
    # Each node of the document became one value, unless a duplicate key swallowed one (a
    # single-document stream adds one node above the document).
    if count != tree.size() - root:
        return None
    if fixes:
        locator = _RymlLocator(b"", tree, bytearray(), root, {})
        for container, key, segments in fixes:
            node = locator.node_at(segments)
            if node is None or tree.type(node) & _M_VALREF:
                return None
            container[key] = builder.scalar(node)
    return data


def _suspicious(text: str) -> bool:
    first = text[0]
    if first == "*":
        return True  # an alias is emitted as its name: the node says which it was
    if first in _MAYBE_TYPED and type(resolve_plain(text)) is not str:
        return True
    return "\ufffd" in text


#: Beyond this, orjson reads an integer as a float; the core schema keeps it an int.
_FLOAT_EXACT = float(2**53)


def _audit(value: Any, depth: int, path: list[str], fixes: list[Any], max_depth: int) -> int:
    """Count the values under ``value`` and note the scalars that need their node re-read."""
    if depth > max_depth:
        raise _Unsure  # the builder raises the proper error
    items: Any
    if type(value) is dict:
        for key in value:
            if key == "<<" or key[:1] == "*":
                raise _Unsure  # a merge key, or an aliased key
        items = value.items()
    else:
        items = enumerate(value)
    count = 1
    for key, item in items:
        kind = type(item)
        if kind is str:
            count += 1
            if item and _suspicious(item):
                fixes.append((value, key, (*path, str(key))))
        elif kind is dict or kind is list:
            path.append(str(key))
            count += _audit(item, depth + 1, path, fixes, max_depth)
            path.pop()
        else:
            count += 1
            if kind is float and not -_FLOAT_EXACT < item < _FLOAT_EXACT:
                fixes.append((value, key, (*path, str(key))))
    return count


class _PyBuffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.c_void_p),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_PyBuffer)]


def _buffer_address(obj: Any) -> int:
    """Memory address of a buffer (rapidyaml hands out read-only views into our bytes)."""
    view = _PyBuffer()
    _get_buffer(obj, ctypes.byref(view), 0)
    try:
        return int(view.buf or 0)
    finally:
        _release_buffer(ctypes.byref(view))


def _find_view_offset() -> int | None:
    """Where a memoryview object keeps its buffer's address, found by looking, not assumed.

    Asking through PyObject_GetBuffer costs ~10 us a call, most of a finding's location on a
    large document; reading the field directly costs a tenth. The offset is confirmed on
    several views at start-up; where it cannot be, the slow way is used.
    """
    probes = [bytearray(b"spbe-gate" * (n + 1)) for n in range(4)]
    views = [memoryview(p)[n:] for n, p in enumerate(probes)]
    wanted = [_buffer_address(p) + n for n, p in enumerate(probes)]
    size = ctypes.sizeof(ctypes.c_void_p)
    for offset in range(size, 256, size):
        if all(ctypes.c_void_p.from_address(id(v) + offset).value == w for v, w in zip(views, wanted, strict=True)):
            return offset
    return None


_VIEW_OFFSET = _find_view_offset()


def _address(obj: Any) -> int:
    if _VIEW_OFFSET is not None and type(obj) is memoryview:
        return ctypes.c_void_p.from_address(id(obj) + _VIEW_OFFSET).value or 0
    return _buffer_address(obj)


class _Lines:
    """Offset -> (line, column), columns counted in characters."""

    def __init__(self, raw: bytes):
        self.raw = raw
        # Offsets where each line starts: split and accumulate run in C, a regex walk does not.
        self.starts = [0, *itertools.accumulate(map((1).__add__, map(len, raw.split(b"\n")[:-1])))]

    def at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        before = self.raw[self.starts[i] : offset]
        column = (len(before) if before.isascii() else len(before.decode("utf-8", "replace"))) + 1
        return i + 1, column


#: Pointer prefixes remembered per file (bounds the cache on huge reports).
_MAX_WALKED = 200_000


class _RymlLocator:
    def __init__(self, raw: bytes, tree: Any, buf: bytearray, root: int, anchors: dict[str, int]):
        self._tree = tree
        self._buf = buf  # the tree's views point into it: keep it alive
        self._base = _address(buf)
        self._root = root
        self._anchors = anchors
        self._lines: _Lines | None = None
        self._raw = raw
        self._walked: dict[tuple[str, ...], int] = {}

    def position(self, segments: Sequence[str]) -> tuple[int, int]:
        return self._node_position(self._walk(segments)[0])

    def positions(self, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
        # In sorted order, each pointer shares most of its way with the one before: keep the
        # nodes of that way and walk down only from where the two part.
        out: dict[str, tuple[int, int]] = {}
        t = self._tree
        way: list[int] = [self._root]  # way[i]: the node after i segments of the last pointer
        last: list[str] = []
        anchors = self._anchors
        if self._lines is None:
            self._lines = _Lines(self._raw)
        at, base, size = self._lines.at, self._base, len(self._raw)
        tree_type, tree_key, find_child = _TREE_TYPE, _TREE_KEY, _TREE_FIND_CHILD
        for pointer in sorted(set(pointers)):
            segments = split_pointer(pointer)
            common, limit = 0, min(len(segments), len(last), len(way) - 1)
            while common < limit and segments[common] == last[common]:
                common += 1
            del way[common + 1 :]
            node = way[common]
            for seg in segments[common:]:
                if anchors:  # only a document with aliases has nodes that stand for others
                    node = self._deref(node)
                ty = tree_type(t, node)
                found = _NONE
                if ty & _M_MAP:
                    found = find_child(t, node, seg.encode("utf-8"))
                    if found == _NONE:
                        found = self._find_key(node, seg)  # a key merged in with <<
                elif ty & _M_SEQ and seg.isdigit():
                    found = t.child(node, int(seg))
                if found == _NONE:
                    break
                node = found
                way.append(node)
            last = segments
            # Most findings sit on a key: its position inline; anything else the long way.
            ty = tree_type(t, node)
            if ty & _M_KEY:
                view = tree_key(t, node)
                offset = _address(view) - base - (1 if ty & _M_KEY_QUOTED else 0)
                if len(view) and 0 <= offset <= size:
                    out[pointer] = at(offset)
                    continue
            out[pointer] = self._node_position(node)
        return out

    def node_at(self, segments: Sequence[str]) -> int | None:
        """The node at exactly this pointer, or None."""
        node, complete = self._walk(segments)
        return node if complete else None

    def _walk(self, segments: Sequence[str]) -> tuple[int, bool]:
        """The deepest node on the pointer's way, and whether the whole pointer was walked."""
        # Findings cluster under the same parents (thousands under /paths/...): resume the walk
        # from the deepest prefix already walked instead of from the root.
        key = tuple(segments)
        start = len(key)
        while start and key[:start] not in self._walked:
            start -= 1
        t = self._tree
        node = self._walked[key[:start]] if start else self._root
        for i in range(start, len(key)):
            seg = key[i]
            node = self._deref(node)
            ty = t.type(node)
            found = _NONE
            if ty & _M_MAP:
                found = self._find_key(node, seg)
            elif ty & _M_SEQ and seg.isdigit():
                found = t.child(node, int(seg))
            if found == _NONE:
                return node, False
            node = found
            if len(self._walked) < _MAX_WALKED:
                self._walked[key[: i + 1]] = node
        return node, True

    def _deref(self, node: int) -> int:
        t = self._tree
        for _ in range(64):
            if not t.type(node) & _M_VALREF:
                return node
            target = self._anchors.get(_mv_str(t.val_ref(node)))
            if target is None:
                return node
            node = target
        return node

    def _find_key(self, node: int, seg: str) -> int:
        t = self._tree
        found: int = t.find_child(node, seg.encode("utf-8"))
        if found != _NONE:
            return found
        # A key that came from a ``<<`` merge lives under the anchored mapping.
        merge: int = t.find_child(node, b"<<")
        if merge == _NONE:
            return _NONE
        sources = [merge] if not t.type(merge) & _M_SEQ else list(ryml.children(t, merge))
        for source in sources:
            target = self._deref(source)
            if t.type(target) & _M_MAP:
                hit: int = t.find_child(target, seg.encode("utf-8"))
                if hit != _NONE:
                    return hit
        return _NONE

    def node_position(self, node: int) -> tuple[int, int]:
        return self._node_position(node)

    def _own(self, node: int) -> tuple[int, int] | None:
        """Position of the node's own key, or of its scalar value."""
        t = self._tree
        ty = t.type(node)
        view = None
        quoted = False
        if ty & _M_KEY:
            view, quoted = t.key(node), bool(ty & _M_KEY_QUOTED)
        elif ty & _M_VAL:
            view, quoted = t.val(node), bool(ty & _M_VAL_QUOTED)
        if view is None or not len(view):
            return None
        # A quoted scalar's text starts after its quote; point at the quote.
        return self._offset_position(_address(view) - self._base - quoted)

    def _descend(self, node: int) -> tuple[int, int] | None:
        """The node's own position, or that of the first scalar below it (``- name: x``)."""
        t = self._tree
        for _ in range(self._MAX_STEPS):
            found = self._own(node)
            if found is not None:
                return found
            node = t.first_child(node)
            if node == _NONE:
                return None
        return None

    _MAX_STEPS = 10_000

    def _node_position(self, node: int) -> tuple[int, int]:
        t = self._tree
        found = self._descend(node)
        if found is not None:
            return found
        # An empty value without a key (``- {}``): the line after a previous sibling...
        prev = t.prev_sibling(node)
        for _ in range(self._MAX_STEPS):
            if prev == _NONE:
                break
            found = self._descend(prev)
            if found is not None:
                return found[0] + 1, 1
            prev = t.prev_sibling(prev)
        # ...or the position of the nearest ancestor that has one.
        parent = t.parent(node)
        for _ in range(self._MAX_STEPS):
            if parent == _NONE:
                break
            found = self._own(parent)
            if found is not None:
                return found
            parent = t.parent(parent)
        return 1, 1

    def _offset_position(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = _Lines(self._raw)
        if not 0 <= offset <= len(self._raw):
            return 1, 1
        return self._lines.at(offset)


class _LazyLocator:
    """Positions in a JSON file: the position tree is built on the first request only."""

    def __init__(self, raw: bytes):
        self._raw = raw
        self._inner: Locator | None = None

    def position(self, segments: Sequence[str]) -> tuple[int, int]:
        return self._locator().position(segments)

    def positions(self, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
        return self._locator().positions(pointers)

    def _locator(self) -> Locator:
        if self._inner is None:
            try:
                tree, buf = _ryml_parse(self._raw)
                builder = _RymlBuilder(tree, Limits())
                self._inner = _RymlLocator(self._raw, tree, buf, builder.document_root(), {})
            except (_RymlError, SourceError):
                self._inner = _NoPositions()
        return self._inner


class _NoPositions:
    def position(self, segments: Sequence[str]) -> tuple[int, int]:
        return 1, 1

    def positions(self, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
        return dict.fromkeys(pointers, (1, 1))


def _parse_yaml(raw: bytes, limits: Limits) -> ParsedFile:
    try:
        tree, buf = _ryml_parse(raw)
    except _RymlError:
        return _parse_yaml_slow(raw, limits)
    builder = _RymlBuilder(tree, limits)
    root = builder.document_root()
    fast = _via_json(raw, tree, root, builder, limits)
    if fast is not None:
        return ParsedFile(fast, _RymlLocator(raw, tree, buf, root, {}))
    try:
        data, _ = builder.build(root, 0)
    except RecursionError:
        raise _too_deep(limits) from None
    anchors = {name: node for name, (_, _, node) in builder.anchors.items()}
    locator = _RymlLocator(raw, tree, buf, root, anchors)
    duplicates = [DuplicateKey(segs, *locator.node_position(node)) for segs, node in builder.duplicates]
    return ParsedFile(data, locator, duplicates)


# --------------------------------------------------------------------------------------
# Fallback: PyYAML, in rules/yaml_fallback.py, imported only when rapidyaml refuses the input
# (PyYAML's import alone is ~10 ms of every check).


def _parse_yaml_slow(raw: bytes, limits: Limits) -> ParsedFile:
    from rules.yaml_fallback import parse_yaml_slow

    return parse_yaml_slow(raw, limits)
