"""Waivers written in the document: ``x-spbe-ignore`` on any object.

Two spellings are accepted::

    x-spbe-ignore:
      - rule: IOP007
        reason: Daftar ini selalu kurang dari 20 entri.
        until: 2027-06-30          # optional expiry

    x-spbe-ignore:
      IOP007: Daftar ini selalu kurang dari 20 entri.

A waiver covers findings of that rule on the object and everything below it. A waived finding
stays in the report, marked as waived. A waiver with no reason, an unknown rule, or a past
expiry date waives nothing and is itself reported (VAL009, VAL010, VAL011).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from rules import pointer as jp
from rules.document import Document

ProblemKind = Literal["no-reason", "unknown-rule", "malformed", "expired"]


@dataclass(frozen=True, slots=True)
class Waiver:
    pointer: str  # the object the waiver sits on
    rule: str  # a rule id
    reason: str
    until: date | None
    entry: str  # pointer of the waiver entry itself


@dataclass(frozen=True, slots=True)
class WaiverProblem:
    kind: ProblemKind
    pointer: str
    rule: str = ""
    until: str = ""


def read_waivers(doc: Document, known: dict[str, str], today: date) -> tuple[list[Waiver], list[WaiverProblem]]:
    """``known`` maps rule ids and names to ids. Returns the active waivers and the problems."""
    waivers: list[Waiver] = []
    problems: list[WaiverProblem] = []
    for site in doc.waiver_sites:
        base = jp.join(site.pointer, "x-spbe-ignore")
        for entry_ptr, rule_ref, reason, until in _entries(site.value, base, problems):
            rule_id = known.get(rule_ref)
            if rule_id is None:
                problems.append(WaiverProblem("unknown-rule", entry_ptr, rule_ref))
                continue
            if not reason:
                problems.append(WaiverProblem("no-reason", entry_ptr, rule_id))
                continue
            expiry: date | None = None
            if until is not None:
                expiry = _date(until)
                if expiry is None:
                    problems.append(WaiverProblem("malformed", entry_ptr, rule_id, str(until)))
                    continue
                if expiry < today:
                    problems.append(WaiverProblem("expired", entry_ptr, rule_id, expiry.isoformat()))
                    continue
            waivers.append(Waiver(site.pointer, rule_id, reason, expiry, entry_ptr))
    return waivers, problems


def _entries(value: Any, base: str, problems: list[WaiverProblem]) -> list[tuple[str, str, str, Any]]:
    out: list[tuple[str, str, str, Any]] = []
    if isinstance(value, str):
        out.append((base, value, "", None))
    elif isinstance(value, dict):
        for rule_ref, detail in value.items():
            ptr = jp.join(base, rule_ref)
            if isinstance(detail, dict):
                out.append((ptr, str(rule_ref), _text(detail.get("reason")), detail.get("until")))
            else:
                out.append((ptr, str(rule_ref), _text(detail), None))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            ptr = jp.join(base, i)
            if isinstance(item, str):
                out.append((ptr, item, "", None))
            elif isinstance(item, dict) and ("rule" in item or "rules" in item):
                names = item.get("rules", item.get("rule"))
                for name in names if isinstance(names, list) else [names]:
                    out.append((ptr, str(name), _text(item.get("reason")), item.get("until")))
            else:
                problems.append(WaiverProblem("malformed", ptr))
    else:
        problems.append(WaiverProblem("malformed", base))
    return out


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def waived_by(waivers: list[Waiver], rule_id: str, pointer: str) -> Waiver | None:
    for waiver in waivers:
        if waiver.rule == rule_id and jp.is_within(pointer, waiver.pointer):
            return waiver
    return None
