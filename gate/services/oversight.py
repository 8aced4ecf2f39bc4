"""What Diskominfo watches across the kabupaten: the queue by state and age, recommendations
ending, deployments down, the evaluation's progress and the levels per OPD.

Each figure is one grouped query, whatever the number of applications, so the dashboard answers
in the same time at 20 applications and at 2,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case
from sqlmodel import Session, col, func, select

from gate.models import Application, AssessmentRecord, Letter, LetterKind, Opd, Probe, State, Submission

#: Age bands of the queue, in days waited since submission: [low, high).
AGE_BANDS: tuple[tuple[int, int | None], ...] = ((0, 7), (7, 30), (30, None))
#: The states a submission waits in: for a reviewer, then for its OPD.
WAITING: tuple[State, ...] = (State.ASSESSED, State.IN_REVIEW, State.CHANGES_REQUESTED)
#: How far ahead the dashboard looks for recommendations that end.
EXPIRY_WINDOWS: tuple[int, ...] = (30, 60)


def age_range(band: str) -> tuple[int, int | None] | None:
    """A band written as in links (``7-30``, ``30-``) back to days; None if it is not one."""
    low, sep, high = band.partition("-")
    if not sep or not low.isdigit() or (high and not high.isdigit()):
        return None
    found = (int(low), int(high) if high else None)
    return found if found in AGE_BANDS else None


def band_text(band: tuple[int, int | None]) -> str:
    return f"{band[0]}-{band[1] if band[1] is not None else ''}"


@dataclass(frozen=True, slots=True)
class QueueAge:
    state: State
    total: int
    #: Submissions per AGE_BANDS band.
    bands: tuple[int, ...]
    oldest: datetime | None


def queue_ages(session: Session, now: datetime) -> list[QueueAge]:
    """Per waiting state: how many, how long they have waited (in bands), since when the oldest."""
    cuts = [now - timedelta(days=low) for low, _ in AGE_BANDS[1:]]
    band = case(
        *((col(Submission.submitted_at) <= cut, len(cuts) - i) for i, cut in enumerate(reversed(cuts))), else_=0
    )
    rows = session.exec(
        select(Submission.state, band, func.count(), func.min(Submission.submitted_at))
        .where(col(Submission.state).in_([s.value for s in WAITING]))
        .group_by(col(Submission.state), band)
    ).all()
    counts: dict[State, list[int]] = {s: [0] * len(AGE_BANDS) for s in WAITING}
    oldest: dict[State, datetime] = {}
    for state, index, n, first in rows:
        key = State(state)
        counts[key][int(index)] += int(n)
        if first is not None and (key not in oldest or first < oldest[key]):
            oldest[key] = first
    return [QueueAge(s, sum(counts[s]), tuple(counts[s]), oldest.get(s)) for s in WAITING]


# -- recommendations ending --------------------------------------------------------------------------


def _holding(today: date, days: int) -> tuple[ColumnElement[bool], ...]:
    """Recommendations that still hold and end within ``days`` (the letter of the catalogued version)."""
    return (
        col(Letter.kind) == LetterKind.RECOMMENDATION.value,
        col(Letter.ended_at).is_(None),
        col(Letter.submission_id) == Application.approved_submission_id,
        col(Letter.valid_until) >= today,
        col(Letter.valid_until) <= today + timedelta(days=days),
    )


def expiring_counts(session: Session, today: date) -> dict[int, int]:
    """Recommendations ending within each of EXPIRY_WINDOWS days."""
    ends = session.exec(
        select(col(Letter.valid_until))
        .join(Application, col(Application.id) == Letter.application_id)
        .where(*_holding(today, max(EXPIRY_WINDOWS)))
    ).all()
    return {
        days: sum(1 for end in ends if end is not None and end <= today + timedelta(days=days))
        for days in EXPIRY_WINDOWS
    }


def expiring(session: Session, today: date, days: int, limit: int = 500) -> list[tuple[Letter, Application, Opd]]:
    query = (
        select(Letter, Application, Opd)
        .join(Application, col(Application.id) == Letter.application_id)
        .join(Opd, col(Opd.id) == Application.opd_id)
        .where(*_holding(today, days))
        .order_by(col(Letter.valid_until), col(Letter.id))
        .limit(limit)
    )
    return [(letter, app, opd) for letter, app, opd in session.exec(query).all()]


# -- deployments down ----------------------------------------------------------------------------------


def _latest(session: Session, column: Any) -> list[Any]:
    """``column`` of each catalogued application's latest probe (None: never probed): one seek per
    application in the index of (application, slot), not a pass over every probe ever taken (365 a
    year per deployment)."""
    latest = (
        select(column)
        .where(Probe.application_id == Application.id)
        .order_by(col(Probe.slot).desc())
        .limit(1)
        .scalar_subquery()
    )
    return list(session.exec(select(latest).where(col(Application.approved_submission_id).is_not(None))).all())


def down_count(session: Session) -> tuple[int, int]:
    """(deployments whose latest probe failed, deployments probed)."""
    latest = [ok for ok in _latest(session, Probe.ok) if ok is not None]
    return sum(1 for ok in latest if not ok), len(latest)


def down(session: Session, limit: int = 500) -> list[tuple[Probe, Application, Opd]]:
    latest = [probe_id for probe_id in _latest(session, Probe.id) if probe_id is not None]
    if not latest:
        return []
    query = (
        select(Probe, Application, Opd)
        .join(Application, col(Application.id) == Probe.application_id)
        .join(Opd, col(Opd.id) == Application.opd_id)
        .where(col(Probe.id).in_(latest), col(Probe.ok).is_(False))
        .order_by(col(Opd.nama), col(Application.nama))
        .limit(limit)
    )
    return [(probe, app, opd) for probe, app, opd in session.exec(query).all()]


# -- levels per OPD ------------------------------------------------------------------------------------


def levels_per_opd(session: Session) -> list[tuple[Opd, dict[int | None, int]]]:
    """Per OPD: its catalogued applications by the level of their approved version's newest
    assessment (None: never assessed). OPDs without catalogued applications are left out."""
    newest = (
        select(AssessmentRecord.submission_id, func.max(AssessmentRecord.id).label("id"))
        .group_by(col(AssessmentRecord.submission_id))
        .subquery()
    )
    rows = session.exec(
        select(Application.opd_id, AssessmentRecord.level, func.count())
        .select_from(Application)
        .join(newest, newest.c.submission_id == Application.approved_submission_id, isouter=True)
        .join(AssessmentRecord, col(AssessmentRecord.id) == newest.c.id, isouter=True)
        .where(col(Application.approved_submission_id).is_not(None))
        .group_by(col(Application.opd_id), col(AssessmentRecord.level))
    ).all()
    per: dict[int, dict[int | None, int]] = {}
    for opd_id, level, n in rows:
        per.setdefault(opd_id, {})[level] = int(n)
    opds = session.exec(select(Opd).where(col(Opd.id).in_(list(per))).order_by(col(Opd.nama))).all() if per else []
    return [(opd, per[opd.id or 0]) for opd in opds]
