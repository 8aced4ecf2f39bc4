"""The submission's metadata form: ``info.x-spbe`` shown as form fields and read back.

A field the submitter left as it was keeps the document's own value (so a budget entry with its
source, or an integration with its URL, survives the round trip); a changed field replaces it and
an emptied one removes it. The rulebook then assesses the result like any ``x-spbe``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rules.sustainability.xspbe import HOSTINGS, KINDS, LIFECYCLES


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    #: The x-spbe path it edits.
    path: tuple[str, ...]
    choices: tuple[str, ...] = ()


FIELDS: tuple[FormField, ...] = (
    FormField("opd", ("opd",)),
    FormField("kode_opd", ("kode_opd",)),
    FormField("pj_nama", ("penanggung_jawab", "nama")),
    FormField("pj_email", ("penanggung_jawab", "email")),
    FormField("jenis_aplikasi", ("jenis_aplikasi",), KINDS),
    FormField("lifecycle", ("lifecycle",), LIFECYCLES),
    FormField("hosting", ("hosting",), HOSTINGS),
    FormField("anggaran", ("anggaran",)),
    FormField("sso", ("sso",), ("ya", "tidak")),
    FormField("integrasi", ("integrasi",)),
    FormField("sunset", ("sunset",)),
    FormField("lisensi", ("lisensi",)),
)
MAX_FIELD = 2000


def _get(meta: Mapping[str, Any] | None, path: tuple[str, ...]) -> Any:
    value: Any = meta
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _names(items: Any, key: str) -> str:
    if not isinstance(items, list):
        return "" if items is None else str(items)
    out = []
    for item in items:
        value = item.get(key) if isinstance(item, Mapping) else item
        out.append("" if value is None else str(value))
    return ", ".join(out)


def _integration_text(item: Any) -> str:
    """``sistem:SIAK [verifikasiNik; GET /nik/{nik}]``, ``aplikasi:12``; a free-form entry by its name."""
    if isinstance(item, Mapping) and ("aplikasi" in item or "sistem" in item):
        kind = "aplikasi" if "aplikasi" in item else "sistem"
        ops = item.get("operasi")
        listed = f" [{'; '.join(str(op) for op in ops)}]" if isinstance(ops, list) and ops else ""
        return f"{kind}:{item[kind]}{listed}"
    value = item.get("nama") if isinstance(item, Mapping) else item
    return "" if value is None else str(value)


def _split_outside_brackets(text: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "[") - (char == "]")
        if char == "," and depth <= 0:
            parts.append("".join(current))
            current, depth = [], 0
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


_ENTRY = re.compile(r"^(aplikasi|sistem)\s*:\s*([^\s\[]+)\s*(?:\[(.*)\])?$", re.S)


def _integrations(text: str) -> list[Any]:
    """The form's integrations: ``aplikasi:<id|slug> [op; op]`` or ``sistem:<kode> [op; op]`` become
    structured entries (an id as a number); anything else stays free text (the rulebook warns)."""
    out: list[Any] = []
    for part in _split_outside_brackets(text):
        m = _ENTRY.match(part)
        if m is None:
            out.append(part)
            continue
        kind, target, ops = m.groups()
        entry: dict[str, Any] = {kind: int(target) if kind == "aplikasi" and target.isdigit() else target}
        operations = [op.strip() for op in re.split(r"[;,]", ops or "") if op.strip()]
        if operations:
            entry["operasi"] = operations
        out.append(entry)
    return out


def _show(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "anggaran":
        return _names(value, "tahun")
    if name == "integrasi":
        return ", ".join(_integration_text(item) for item in value) if isinstance(value, list) else str(value)
    if name == "sso":
        return "ya" if value is True else "tidak" if value is False else str(value)
    return str(value)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _years(text: str) -> list[int | str]:
    # A year that is not a number is kept as written: the rulebook then explains what is wrong.
    return [int(y) if y.isdigit() else y for y in _split(text)]


_READ: dict[str, Callable[[str], Any]] = {
    "anggaran": _years,
    "integrasi": _integrations,
    "sso": lambda text: {"ya": True, "tidak": False}.get(text, text),
}


def form_values(meta: Mapping[str, Any] | None) -> dict[str, str]:
    """Each form field's text as the document states it."""
    return {f.name: _show(f.name, _get(meta, f.path)) for f in FIELDS}


def merge(original: Mapping[str, Any] | None, submitted: Mapping[str, str]) -> dict[str, Any] | None:
    """``original`` with the fields the submitter changed replaced (emptied ones removed).

    None when the document has no ``x-spbe`` and the form was left empty: not given, exactly as
    the command line sees the document (an empty ``x-spbe`` would be judged field by field)."""
    result: dict[str, Any] = copy.deepcopy(dict(original)) if isinstance(original, Mapping) else {}
    shown = form_values(original)
    for field in FIELDS:
        text = submitted.get(field.name, "").strip()[:MAX_FIELD]
        if text == shown[field.name]:
            continue
        parent = result
        for key in field.path[:-1]:
            child = parent.get(key)
            if not isinstance(child, dict):
                child = parent[key] = {}
            parent = child
        last = field.path[-1]
        if text:
            parent[last] = _READ.get(field.name, str)(text)
        else:
            parent.pop(last, None)
    if result.get("penanggung_jawab") == {}:
        del result["penanggung_jawab"]
    if not result and not isinstance(original, Mapping):
        return None
    return result
