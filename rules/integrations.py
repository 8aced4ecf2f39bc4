"""Structured ``x-spbe.integrasi`` entries: what an application calls, read alike by the rules
(shape, national systems) and by the service (catalogue, approved versions).

An entry names one catalogued application (``aplikasi``: its catalogue id or slug) or one national
system (``sistem``: a code from ``national_systems.json``), and optionally the operations it calls
(``operasi``: operationIds or ``METHOD /path``). A plain string, or the older ``{nama, jenis?,
url?}``, is still accepted but says nothing the gate can check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rules.document import HTTP_METHODS

#: Keys of a structured entry, and of the older free-form one.
STRUCTURED_KEYS = frozenset({"aplikasi", "sistem", "operasi", "keterangan"})
LEGACY_KEYS = frozenset({"nama", "jenis", "url"})
_OPERATION_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,199}$")
_METHOD_PATH = re.compile(r"^([A-Za-z]+) +(/\S{0,499})$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
_PARAM = re.compile(r"\{[^}/]*\}")
_VERSION = re.compile(r"^/v\d+(?=/|$)")


@dataclass(frozen=True, slots=True)
class Entry:
    """One structured entry: ``target`` is the application's id (int) or slug, or the system's code."""

    index: int
    kind: str  # "aplikasi" | "sistem"
    target: int | str
    #: Operations as written; empty: the whole application (or system).
    operations: tuple[str, ...]
    note: str = ""


def is_structured(item: Any) -> bool:
    return isinstance(item, dict) and ("aplikasi" in item or "sistem" in item)


def is_plain(item: Any) -> bool:
    """A string, or the older ``{nama, jenis?, url?}``: accepted, but the gate cannot check it."""
    return isinstance(item, str) or (isinstance(item, dict) and "nama" in item and set(item) <= LEGACY_KEYS)


def operation_problem(text: Any) -> str | None:
    """Why an ``operasi`` item is not an operationId or ``METHOD /path`` (None: it is)."""
    if not isinstance(text, str):
        return "not-text"
    m = _METHOD_PATH.match(text.strip())
    if m:
        return None if m.group(1).lower() in HTTP_METHODS else "method"
    return None if _OPERATION_ID.match(text.strip()) else "shape"


def entry_problems(item: Any) -> list[tuple[str, str]]:
    """What is wrong with an entry that is neither plain nor well formed: (key or "", problem code).

    Codes: ``not-entry`` (neither a string nor an object), ``target`` (not exactly one of
    ``aplikasi`` and ``sistem``), ``unknown-key``, ``aplikasi`` (neither a positive id nor a slug),
    ``sistem`` (not a code), ``operasi`` (not a list), ``operation`` (an item that is no operation).
    """
    if is_plain(item):
        return []
    if not isinstance(item, dict):
        return [("", "not-entry")]
    problems: list[tuple[str, str]] = []
    extra = sorted(str(k) for k in item if k not in STRUCTURED_KEYS)
    problems += [(k, "unknown-key") for k in extra]
    targets = [k for k in ("aplikasi", "sistem") if k in item]
    if len(targets) != 1:
        problems.append(("", "target"))
    app = item.get("aplikasi")
    if "aplikasi" in item and not (
        (isinstance(app, int) and not isinstance(app, bool) and app > 0) or (isinstance(app, str) and _SLUG.match(app))
    ):
        problems.append(("aplikasi", "aplikasi"))
    system = item.get("sistem")
    if "sistem" in item and not (isinstance(system, str) and 0 < len(system.strip()) <= 60):
        problems.append(("sistem", "sistem"))
    if "operasi" in item:
        ops = item["operasi"]
        if not isinstance(ops, list):
            problems.append(("operasi", "operasi"))
        else:
            problems += [(f"operasi/{i}", "operation") for i, op in enumerate(ops) if operation_problem(op)]
    if "keterangan" in item and not isinstance(item["keterangan"], str):
        problems.append(("keterangan", "keterangan"))
    return problems


def entries(meta: Any) -> list[Entry]:
    """The well-formed structured entries of ``x-spbe`` (others are the rules' business)."""
    value = meta.get("integrasi") if isinstance(meta, dict) else None
    out: list[Entry] = []
    for index, item in enumerate(value if isinstance(value, list) else ()):
        if not is_structured(item) or entry_problems(item):
            continue
        kind = "aplikasi" if "aplikasi" in item else "sistem"
        target = item[kind]
        ops = tuple(str(op).strip() for op in item.get("operasi") or ())
        out.append(
            Entry(index, kind, target.strip() if isinstance(target, str) else target, ops, item.get("keterangan", ""))
        )
    return out


def normal_operation(method: str, path: str) -> str:
    """``GET /v1/izin/{nomor}`` and ``get /izin/{id}`` are the same operation: method upper-case,
    parameter names blanked, a leading version segment dropped (it is part of the base path)."""
    path = "/" + path.strip().strip("/")
    path = _VERSION.sub("", path) or "/"
    return f"{method.upper()} {_PARAM.sub('{}', path)}"


def split_operation(text: str) -> tuple[str, str] | None:
    """(METHOD, /path) of a ``METHOD /path`` reference; None for an operationId."""
    m = _METHOD_PATH.match(text.strip())
    return (m.group(1).upper(), m.group(2)) if m else None
