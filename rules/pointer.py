"""JSON pointers (RFC 6901): every finding carries one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

_MISSING = object()


def escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def join(base: str, *segments: str | int) -> str:
    if not segments:
        return base
    return base + "".join("/" + escape(str(s)) for s in segments)


def split(pointer: str) -> list[str]:
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [unescape(s) for s in pointer[1:].split("/")]


def build(segments: Iterable[str | int]) -> str:
    return "".join("/" + escape(str(s)) for s in segments)


def from_fragment(fragment: str) -> str:
    """The pointer in a URI fragment (``#/a/b%20c``): percent-decoded, ``#`` removed."""
    return unquote(fragment.removeprefix("#"))


def get(data: Any, pointer: str, default: Any = None) -> Any:
    node = data
    for seg in split(pointer):
        if isinstance(node, dict):
            node = node.get(seg, _MISSING)
        elif isinstance(node, list) and seg.isdigit() and int(seg) < len(node):
            node = node[int(seg)]
        else:
            return default
        if node is _MISSING:
            return default
    return node


def is_within(pointer: str, ancestor: str) -> bool:
    """True when ``pointer`` is ``ancestor`` or lies below it."""
    return pointer == ancestor or pointer.startswith(ancestor + "/") or ancestor == ""
