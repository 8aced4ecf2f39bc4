"""What people read of the watching: a catalogued deployment's record (for its catalogue entry, its
OPD's home and the API) and a user's own notifications, a page at a time.

Reading only: the rounds that write probes and messages are ``services/monitoring.py`` and
``services/notifications.py``. Every query here is bounded by the application or the user and uses
the probe table's (application, slot) index, so a page costs a handful of small queries however
many deployments the kabupaten watches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from gate.models import Application, Notification, Probe, Submission
from gate.services.monitoring import Availability, availability

#: Probes drawn in the chart and listed beside it (the newest; 48 is 12 days at the default 6 hours).
SERIES = 48


@dataclass(frozen=True, slots=True)
class Point:
    """One probe in the series."""

    at: datetime
    ok: bool
    status: int | None
    latency_ms: float | None
    error: str


@dataclass(frozen=True, slots=True)
class Drift:
    """The newest probe that found the live document different from the approved one."""

    at: datetime
    differences: tuple[dict[str, Any], ...]
    #: No later probe has read the live document and found it as approved (a deployment that
    #: went down since has not shown it fixed).
    current: bool


@dataclass(frozen=True, slots=True)
class Record:
    application: Application
    #: ``x-spbe.url_produksi`` and ``url_openapi`` of the approved version ("" when not declared).
    base_url: str
    document_url: str
    availability: tuple[Availability, ...]
    #: Oldest first, at most ``SERIES``.
    series: tuple[Point, ...]
    #: Failed probes since the last one that answered (all of them when none ever did).
    consecutive_failures: int
    #: Days the certificate had left at the newest probe that saw one, and when that was.
    tls_days: int | None
    tls_at: datetime | None
    last_drift: Drift | None

    @property
    def latest(self) -> Point | None:
        return self.series[-1] if self.series else None


def record(session: Session, app: Application, submission: Submission) -> Record:
    app_id = app.id or 0
    meta = submission.x_spbe or {}
    base, doc = meta.get("url_produksi"), meta.get("url_openapi")
    # The columns the series needs, not the probes' differences (up to MAX_DRIFT each).
    newest = list(
        session.execute(
            sa_select(Probe.slot, Probe.at, Probe.ok, Probe.status, Probe.latency_ms, Probe.error)  # type: ignore[call-overload]
            .where(Probe.application_id == app_id)
            .order_by(col(Probe.slot).desc())
            .limit(SERIES)
        ).all()
    )
    series = tuple(Point(at, ok, status, latency, error) for _, at, ok, status, latency, error in reversed(newest))
    tls = session.exec(
        select(Probe.tls_days, Probe.at)
        .where(Probe.application_id == app_id, col(Probe.tls_days).is_not(None))
        .order_by(col(Probe.slot).desc())
        .limit(1)
    ).first()
    return Record(
        application=app,
        base_url=base if isinstance(base, str) else "",
        document_url=doc if isinstance(doc, str) else "",
        availability=tuple(availability(session, app_id)),
        series=series,
        consecutive_failures=_failures(session, app_id),
        tls_days=tls[0] if tls else None,
        tls_at=tls[1] if tls else None,
        last_drift=_last_drift(session, app_id),
    )


def _failures(session: Session, app_id: int) -> int:
    """Probes after the newest that answered: exact, whatever the length of the run."""
    last_ok = session.exec(select(func.max(Probe.slot)).where(Probe.application_id == app_id, col(Probe.ok))).one()
    where = [col(Probe.application_id) == app_id]
    if last_ok is not None:
        where.append(col(Probe.slot) > last_ok)
    return int(session.exec(select(func.count()).select_from(Probe).where(*where)).one())


def _last_drift(session: Session, app_id: int) -> Drift | None:
    # ``drift`` is JSON: [] found nothing, null was not checked; its text tells them apart on both
    # databases without loading every probe's differences.
    text = cast(Probe.drift, String)
    found = session.exec(
        select(Probe.slot, Probe.at, Probe.drift)
        .where(Probe.application_id == app_id, col(Probe.drift).is_not(None), text.not_in(["[]", "null"]))
        .order_by(col(Probe.slot).desc())
        .limit(1)
    ).first()
    if found is None or not found[2]:
        return None
    slot, at, drift = found
    cleared = session.exec(
        select(func.count())
        .select_from(Probe)
        .where(Probe.application_id == app_id, col(Probe.slot) > slot, text == "[]")
    ).one()
    return Drift(at, tuple(d for d in drift if isinstance(d, dict)), not cleared)


def catalogued_of_opd(session: Session, opd_id: int) -> list[tuple[Application, Submission]]:
    """The OPD's catalogued applications with their approved version, by name."""
    return [
        (app, sub)
        for app, sub in session.exec(
            select(Application, Submission)
            .join(Submission, col(Submission.id) == Application.approved_submission_id)
            .where(Application.opd_id == opd_id)
            .order_by(col(Application.nama))
        ).all()
    ]


# -- a user's notifications ------------------------------------------------------------------------


def notifications_of(session: Session, user_id: int, offset: int, limit: int) -> Sequence[Notification]:
    """The user's own messages, newest first: nobody else's, whatever the caller asks."""
    return session.exec(
        select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(col(Notification.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
