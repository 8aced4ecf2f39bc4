"""JSON pointers (RFC 6901): every finding carries one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

_MISSING = object()


# Pointers are built and split for every schema and finding of a 4 MB document (hundreds of
# thousands of times): the common segment needs no escaping, so test before replacing.


def escape(segment: str) -> str:
    if "~" in segment or "/" in segment:
        return segment.replace("~", "~0").replace("/", "~1")
    return segment


def unescape(segment: str) -> str:
    if "~" in segment:
        return segment.replace("~1", "/").replace("~0", "~")
    return segment


def join(base: str, *segments: str | int) -> str:
    for s in segments:
        base += "/" + escape(s if type(s) is str else str(s))
    return base


def split(pointer: str) -> list[str]:
    if not pointer:
        return []
    if pointer[0] != "/":
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    if "~" not in pointer:
        return pointer[1:].split("/")
    return [unescape(s) for s in pointer[1:].split("/")]


def build(segments: Iterable[str | int]) -> str:
    return "".join(["/" + escape(s if type(s) is str else str(s)) for s in segments])


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
