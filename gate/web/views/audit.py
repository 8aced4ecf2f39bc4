"""The audit log as people read it: each action in words, its details as "key: value" lines.

The log stores codes (``submission.decide``) and JSON details; the page says what happened, in
the viewer's language. A code or key this page does not know yet is shown as it is stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gate.models import AuditEvent, JobKind, Role, State
from gate.web.i18n import AUDIT_ACTIONS, AUDIT_KEYS, AUDIT_OBJECTS, AUDIT_VALUES, LABELS, ROLES, STATES, STOPPED
from gate.web.views.common import when
from reports.model import clean
from rules.i18n import Lang


@dataclass(frozen=True, slots=True)
class DetailLine:
    key: str
    value: str


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: str
    actor: str
    action: str
    #: The stored code, for whoever searches the database or the API for it.
    code: str
    object: str
    #: Where the object is shown ("" when it has no page).
    object_href: str
    details: tuple[DetailLine, ...]
    ip: str


def _one(key: str, value: Any, lang: Lang, opds: Mapping[int, str]) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return LABELS["yes" if value else "no"].get(lang)
    fixed = AUDIT_VALUES.get((key, str(value)))
    if fixed is not None:
        return fixed.get(lang)
    if key == "verdict" and value in ("pass", "fail"):
        return LABELS[value].get(lang)
    if key == "outcome" and value in State._value2member_map_:
        return STATES[State(value)].get(lang)
    if key == "role" and value in Role._value2member_map_:
        return ROLES[Role(value)].get(lang)
    if key == "kind" and value in JobKind._value2member_map_:
        return LABELS["job_contract" if value == JobKind.CONTRACT.value else "job_assess"].get(lang)
    if key == "stopped" and str(value) in STOPPED:
        return STOPPED[str(value)].get(lang)
    if key == "opd_id" and isinstance(value, int) and value in opds:
        return opds[value]
    return clean(str(value))


def _value(key: str, value: Any, lang: Lang, opds: Mapping[int, str]) -> str:
    # A change is stored as [before, after].
    if isinstance(value, list) and len(value) == 2 and not any(isinstance(v, dict | list) for v in value):
        return f"{_one(key, value[0], lang, opds)} → {_one(key, value[1], lang, opds)}"
    if isinstance(value, dict | list):
        return clean(str(value))
    return _one(key, value, lang, opds)


def _details(detail: Mapping[str, Any] | None, lang: Lang, opds: Mapping[int, str]) -> tuple[DetailLine, ...]:
    if not detail:
        return ()
    return tuple(
        DetailLine(AUDIT_KEYS[key].get(lang) if key in AUDIT_KEYS else clean(key), _value(key, value, lang, opds)[:500])
        for key, value in detail.items()
    )


def _object(event: AuditEvent, lang: Lang) -> tuple[str, str]:
    kind = AUDIT_OBJECTS[event.object_type].get(lang) if event.object_type in AUDIT_OBJECTS else event.object_type
    if event.object_id is None:
        return kind, ""
    href = f"/pengajuan/{event.object_id}" if event.object_type == "submission" else ""
    if event.object_type == "user":
        href = f"/admin/pengguna/{event.object_id}"
    return f"{kind} #{event.object_id}", href


def audit_rows(events: Sequence[AuditEvent], lang: Lang, opds: Mapping[int, str]) -> tuple[AuditRow, ...]:
    rows = []
    for e in events:
        thing, href = _object(e, lang)
        rows.append(
            AuditRow(
                at=when(e.at, lang),
                # Events without a person (a worker, a refused sign-in) are the system's.
                actor=LABELS["system"].get(lang) if e.actor_id is None and e.actor == "system" else e.actor,
                action=AUDIT_ACTIONS[e.action].get(lang) if e.action in AUDIT_ACTIONS else e.action,
                code=e.action,
                object=thing,
                object_href=href,
                details=_details(e.detail, lang, opds),
                ip=e.ip,
            )
        )
    return tuple(rows)
