"""The ``info.x-spbe`` metadata as a report shows it: one row per field, named and worded for
people (``Tahun anggaran: 2026 (APBD), 2027 (APBD)``), not as keys (``anggaran[0].tahun``).

The names and the choices' words come from the schema (``rules/sustainability/xspbe.py``). What
does not fit the schema (SUS002 says so) and a region's own ``x-`` fields are shown as written,
under their key. The caller removes control characters, as from all the document's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reports.i18n import label
from rules.i18n import Lang
from rules.integrations import entry_problems, is_structured
from rules.sustainability.xspbe import CHOICE_LABELS, FIELDS


@dataclass(frozen=True, slots=True)
class MetaRow:
    label: str
    value: str
    #: ``label`` is the field's key as written (a field the schema does not name).
    raw_key: bool = False


def _scalar(value: Any, lang: Lang) -> str:
    if isinstance(value, bool):
        return label("yes" if value else "no", lang)
    if value is None:
        return "—"
    return str(value)


def _choice(value: Any, lang: Lang) -> str | None:
    words = CHOICE_LABELS.get(value) if isinstance(value, str) else None
    return words.get(lang) if words else None


def _parts(item: dict[str, Any], first: str, rest: tuple[str, ...], lang: Lang) -> str | None:
    """'Budi Santoso (budi@..., Kepala Bidang)': the main value, the others in brackets; None when
    the object holds anything else (it is then shown as written)."""
    if first not in item or not set(item) <= {first, *rest} or any(isinstance(v, dict | list) for v in item.values()):
        return None
    extra = [_scalar(item[k], lang) for k in rest if k in item]
    main = _scalar(item[first], lang)
    return f"{main} ({'; '.join(extra)})" if extra else main


def _listed(value: Any, first: str, rest: tuple[str, ...], lang: Lang) -> str | None:
    if not isinstance(value, list):
        return None
    shown = []
    for item in value:
        if isinstance(item, dict):
            text = _parts(item, first, rest, lang)
            if text is None:
                return None
            shown.append(text)
        elif isinstance(item, list):
            return None
        else:
            shown.append(_scalar(item, lang))
    return ", ".join(shown) if shown else "—"


def _integrations(value: Any, lang: Lang) -> str | None:
    """``SIAK (verifikasiNik; verifikasi NIK), layanan-perizinan (GET /izin/{id})``: each structured
    entry's target, then its operations and note; free-form entries as before."""
    if not isinstance(value, list):
        return None
    shown = []
    for item in value:
        if not is_structured(item):
            text = _listed([item], "nama", ("jenis", "url"), lang)
        elif entry_problems(item):
            return None
        else:
            target = item.get("aplikasi", item.get("sistem"))
            extra = [", ".join(str(op) for op in item.get("operasi") or ()), str(item.get("keterangan") or "")]
            extra = [e for e in extra if e]
            text = f"{target} ({'; '.join(extra)})" if extra else str(target)
        if text is None:
            return None
        shown.append(text)
    return ", ".join(shown) if shown else "—"


def _value(name: str, value: Any, lang: Lang) -> str | None:
    """A field's value in words, or None when it does not have the schema's shape."""
    if name == "penanggung_jawab":
        return _parts(value, "nama", ("email", "jabatan", "telepon"), lang) if isinstance(value, dict) else None
    if name == "anggaran":
        return _listed(value, "tahun", ("sumber", "keterangan"), lang)
    if name == "integrasi":
        return _integrations(value, lang)
    if isinstance(value, dict | list):
        return None
    return _choice(value, lang) or _scalar(value, lang)


def _as_written(value: Any, key: str, lang: Lang) -> list[MetaRow]:
    """A value the schema does not describe, under its keys (``integrasi[0].x``)."""
    rows: list[MetaRow] = []
    if isinstance(value, dict):
        for k, item in value.items():
            rows.extend(_as_written(item, f"{key}.{k}", lang))
    elif isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        rows.append(MetaRow(key, ", ".join(_scalar(v, lang) for v in value) or "—", True))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            rows.extend(_as_written(item, f"{key}[{i}]", lang))
    else:
        rows.append(MetaRow(key, _scalar(value, lang), True))
    return rows


def metadata_rows(meta: dict[str, Any], lang: Lang) -> tuple[MetaRow, ...]:
    """The schema's fields in its order, then the others as written."""
    rows: list[MetaRow] = []
    for field in FIELDS:
        if field.name not in meta:
            continue
        text = _value(field.name, meta[field.name], lang)
        if text is None:
            rows.extend(_as_written(meta[field.name], field.name, lang))
        else:
            rows.append(MetaRow(field.label.get(lang), text))
    known = {f.name for f in FIELDS}
    for key, value in meta.items():
        if key not in known:
            rows.extend(_as_written(value, str(key), lang))
    return tuple(rows)
