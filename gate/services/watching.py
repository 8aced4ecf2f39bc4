"""What people read of the watching: a catalogued deployment's record (for its catalogue entry, its
OPD's home and the API) and a user's own notifications, a page at a time.

Reading only: the rounds that write probes and messages are ``services/monitoring.py`` and
``services/notifications.py``. Every query here is bounded by the application or the user and uses
the probe table's (application, slot) index, so a page costs a handful of small queries however
many deployments the kabupaten watches.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import String, and_, bindparam, case, cast
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from gate.core.kept import Kept
from gate.models import Application, Notification, Probe, Submission, utcnow
from gate.services.monitoring import Availability

#: Probes drawn in the chart and listed beside it (the newest; 48 is 12 days at the default 6 hours).
SERIES = 48
#: Availability windows, in days.
WINDOWS = (7, 30, 365)
#: How far back the chart's probes and the certificate are looked for.
RECENT_DAYS = 90


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
class Probed:
    """What a deployment's probes say: computed from the probe table, and kept per process until
    a probe is added or the hour turns (``records``)."""

    availability: tuple[Availability, ...]
    #: Oldest first, at most ``SERIES``.
    series: tuple[Point, ...]
    #: Failed probes since the last one that answered (all of them when none ever did).
    consecutive_failures: int
    #: Days the certificate had left at the newest probe that saw one, and when that was.
    tls_days: int | None
    tls_at: datetime | None
    last_drift: Drift | None
    #: Whether any probe has read the live document (and compared it); false until one has.
    document_read: bool
    #: Values derived from these probes (views of them), kept as long as they are.
    kept: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Record:
    application: Application
    #: ``x-spbe.url_produksi`` and ``url_openapi`` of the approved version ("" when not declared).
    base_url: str
    document_url: str
    probed: Probed

    @property
    def availability(self) -> tuple[Availability, ...]:
        return self.probed.availability

    @property
    def series(self) -> tuple[Point, ...]:
        return self.probed.series

    @property
    def consecutive_failures(self) -> int:
        return self.probed.consecutive_failures

    @property
    def tls_days(self) -> int | None:
        return self.probed.tls_days

    @property
    def tls_at(self) -> datetime | None:
        return self.probed.tls_at

    @property
    def last_drift(self) -> Drift | None:
        return self.probed.last_drift

    @property
    def kept(self) -> dict[Any, Any]:
        return self.probed.kept

    @property
    def latest(self) -> Point | None:
        return self.series[-1] if self.series else None


def record(session: Session, app: Application, submission: Submission, series: int = SERIES) -> Record:
    """``series``: how many of the newest probes to draw."""
    return records(session, [(app, submission)], series)[0]


def records(session: Session, pairs: Sequence[tuple[Application, Submission]], series: int = SERIES) -> list[Record]:
    """The records of several applications: one small query for those already computed since
    their newest probe, at most six more for the rest, however many there are (the OPD's home
    shows all of its applications)."""
    ids = [app.id or 0 for app, _ in pairs]
    if not ids:
        return []
    now = utcnow()
    kept = _kept(session)
    newest = _newest_slots(session, ids)
    keys = {i: (i, series, newest.get(i), int(now.timestamp()) // KEPT_SECONDS) for i in ids}
    found = {i: v for i in ids if (v := kept.get(keys[i])) is not None}
    fresh = _probed(session, [i for i in ids if i not in found], series, now)
    for i, value in fresh.items():
        kept.put(keys[i], value)
    out = []
    for app, submission in pairs:
        probed = found.get(app.id or 0) or fresh[app.id or 0]
        meta = submission.x_spbe or {}
        base, doc = meta.get("url_produksi"), meta.get("url_openapi")
        out.append(
            Record(
                application=app,
                base_url=base if isinstance(base, str) else "",
                document_url=doc if isinstance(doc, str) else "",
                probed=probed,
            )
        )
    return out


#: A record's probe part is kept this long at most: probes are written once and never changed, so
#: it only changes when a probe is added (its key has the newest slot), but its availability
#: windows move with the clock.
KEPT_SECONDS = 3600
#: Records kept per process and database: every deployment of a large kabupaten, several times.
KEPT_SIZE = 8192


#: One map per database (an engine), so two databases in one process never share records.
_KEPT: weakref.WeakKeyDictionary[Engine, Kept[tuple[Any, ...], Probed]] = weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()


def _kept(session: Session) -> Kept[tuple[Any, ...], Probed]:
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    with _KEPT_LOCK:
        kept = _KEPT.get(engine)
        if kept is None:
            kept = _KEPT[engine] = Kept(KEPT_SIZE)
        return kept


def _newest_slots(session: Session, ids: list[int]) -> dict[int, int | None]:
    """Each application's newest probe slot: one index lookup per application (the unique
    (application, slot) index), however long its history."""
    rows = session.execute(_newest_slots_query(), {"ids": ids}).all()
    return {app_id: slot for app_id, slot in rows}


@cache
def _newest_slots_query() -> Any:
    # Built once: every page with a deployment asks it.
    newest = (
        sa_select(func.max(col(Probe.slot))).where(col(Probe.application_id) == col(Application.id)).scalar_subquery()
    )
    return sa_select(col(Application.id), newest).where(col(Application.id).in_(bindparam("ids", expanding=True)))


def _probed(session: Session, ids: list[int], series: int, now: datetime) -> dict[int, Probed]:
    """The probe part of several records in at most six queries."""
    if not ids:
        return {}
    # The series and the certificate look at the recent past only: a year of probes per
    # application is not sorted to draw the newest few.
    recent = col(Probe.at) >= now - timedelta(days=RECENT_DAYS)
    points = _series(session, ids, series, recent)
    tls = _newest(session, ids, and_(recent, col(Probe.tls_days).is_not(None)), Probe.tls_days)
    drifts = _newest(session, ids, _drifted(), Probe.drift)
    shares = availability(session, ids, now=now)
    failures = _failures(session, ids)
    cleared = _last_clean_check(session, ids)
    out = {}
    for app_id in ids:
        seen_tls = tls.get(app_id)
        drift = drifts.get(app_id)
        out[app_id] = Probed(
            availability=shares[app_id],
            series=points.get(app_id, ()),
            consecutive_failures=failures.get(app_id, 0),
            tls_days=seen_tls[2] if seen_tls else None,
            tls_at=seen_tls[1] if seen_tls else None,
            last_drift=Drift(
                drift[1],
                tuple(d for d in drift[2] if isinstance(d, dict)),
                # No later probe read the document and found it as approved.
                cleared.get(app_id, -1) < drift[0],
            )
            if drift and drift[2]
            else None,
            document_read=app_id in cleared or app_id in drifts,
        )
    return out


def _series(session: Session, ids: list[int], n: int, recent: Any) -> dict[int, tuple[Point, ...]]:
    """Each application's ``n`` newest probes, oldest first: only the columns the chart needs,
    not the probes' differences (up to MAX_DRIFT each)."""
    rank = func.row_number().over(partition_by=col(Probe.application_id), order_by=col(Probe.slot).desc()).label("rank")
    ranked = (
        sa_select(  # type: ignore[call-overload]
            col(Probe.application_id), Probe.slot, Probe.at, Probe.ok, Probe.status, Probe.latency_ms, Probe.error, rank
        )
        .where(col(Probe.application_id).in_(ids), recent)
        .subquery()
    )
    rows = session.execute(
        sa_select(ranked).where(ranked.c.rank <= n).order_by(ranked.c.application_id, ranked.c.slot)
    ).all()
    out: dict[int, list[Point]] = {}
    for app_id, _, at, ok, status, latency, error, _ in rows:
        out.setdefault(app_id, []).append(Point(at, ok, status, latency, error))
    return {k: tuple(v) for k, v in out.items()}


def _newest(session: Session, ids: list[int], where: Any, column: Any) -> dict[int, tuple[int, datetime, Any]]:
    """Per application, (slot, at, ``column``) of its newest probe that matches ``where``."""
    rank = func.row_number().over(partition_by=col(Probe.application_id), order_by=col(Probe.slot).desc()).label("rank")
    ranked = (
        sa_select(col(Probe.application_id), col(Probe.slot), col(Probe.at), column, rank)
        .where(col(Probe.application_id).in_(ids), where)
        .subquery()
    )
    rows = session.execute(sa_select(ranked).where(ranked.c.rank == 1)).all()
    return {app_id: (slot, at, value) for app_id, slot, at, value, _ in rows}


def _drifted() -> Any:
    # ``drift`` is JSON: [] found nothing, null was not checked; its text tells them apart on both
    # databases without loading every probe's differences.
    return and_(col(Probe.drift).is_not(None), cast(Probe.drift, String).not_in(["[]", "null"]))


def _last_clean_check(session: Session, ids: list[int]) -> dict[int, int]:
    """Per application, the slot of its newest probe that read the live document and found it as
    approved (none: no probe has)."""
    if not ids:
        return {}
    rows = session.execute(
        sa_select(col(Probe.application_id), func.max(col(Probe.slot)))
        .where(col(Probe.application_id).in_(ids), cast(Probe.drift, String) == "[]")
        .group_by(col(Probe.application_id))
    ).all()
    return {app_id: slot for app_id, slot in rows}


def availability(
    session: Session, ids: list[int], days: Sequence[int] = WINDOWS, now: datetime | None = None
) -> dict[int, tuple[Availability, ...]]:
    """As ``monitoring.availability``, for several applications in one query."""
    now = now or utcnow()
    since = [now - timedelta(days=d) for d in days]
    columns: list[Any] = [col(Probe.application_id)]
    for start in since:
        inside = col(Probe.at) >= start
        columns += [func.sum(case((inside, 1), else_=0)), func.sum(case((and_(inside, col(Probe.ok)), 1), else_=0))]
    rows = session.execute(
        sa_select(*columns)
        .where(col(Probe.application_id).in_(ids), col(Probe.at) >= min(since))
        .group_by(col(Probe.application_id))
    ).all()
    counts = {row[0]: row[1:] for row in rows}
    empty = (0,) * (2 * len(days))
    return {
        app_id: tuple(
            Availability(d, int(counts.get(app_id, empty)[2 * i] or 0), int(counts.get(app_id, empty)[2 * i + 1] or 0))
            for i, d in enumerate(days)
        )
        for app_id in ids
    }


def _failures(session: Session, ids: list[int]) -> dict[int, int]:
    """Per application, its probes after the newest that answered: exact, whatever the run's length."""
    later = aliased(Probe)
    last_ok = (
        sa_select(func.max(col(later.slot)))
        .where(col(later.application_id) == col(Probe.application_id), col(later.ok))
        .scalar_subquery()
    )
    rows = session.execute(
        sa_select(col(Probe.application_id), func.count())
        .where(col(Probe.application_id).in_(ids), col(Probe.slot) > func.coalesce(last_ok, -1))
        .group_by(col(Probe.application_id))
    ).all()
    return {app_id: int(n) for app_id, n in rows}


def catalogued_of_opd(session: Session, opd_id: int) -> list[tuple[Application, Submission]]:
    """The OPD's catalogued applications with their approved version, by name."""
    return [(app, sub) for app, sub in session.exec(_catalogued_of_opd(), params={"opd": opd_id}).all()]


@cache
def _catalogued_of_opd() -> Any:
    # Built once: the OPD's home asks it on every load.
    return (
        select(Application, Submission)
        .join(Submission, col(Submission.id) == Application.approved_submission_id)
        .where(Application.opd_id == bindparam("opd"))
        .order_by(col(Application.nama))
    )


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
