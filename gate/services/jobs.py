"""Jobs' state of record: created by a request, claimed by one worker, beaten while it runs, finished.

Every move is a compare-and-set in the database, so two workers handed the same job (a message
delivered twice, a worker thought dead that was only slow) cannot both run it to the end: the
second claim fails, and a worker that lost its claim cannot finish. A running job whose worker
stopped beating is taken as dead: queued again while it has attempts left, else failed with a
reason. Nothing here starts a process: ``gate/jobs`` does, in the local pool or on Celery.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import and_, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from gate.models import Job, JobKind, JobState, Submission, utcnow
from gate.services.audit import Actor, record
from rules.i18n import Text

WORKER_LOST = Text(
    "Pekerja yang menjalankan tugas ini berhenti (proses mati atau mesin dimulai ulang) dan batas percobaan habis.",
    "The worker running this job stopped (process killed or machine restarted) and no attempts are left.",
)
SECRETS_LOST = Text(
    "Kredensial uji tidak pernah disimpan, dan pengirim tugas tidak lagi memegangnya (layanan dimulai ulang); "
    "mulai uji lagi.",
    "The test credentials are never stored, and the dispatcher no longer holds them (the service restarted); "
    "start the run again.",
)
ABANDONED = Text(
    "Tidak ada pekerja yang mengambil tugas ini; periksa bahwa pekerja berjalan.",
    "No worker took this job; check that workers are running.",
)
NO_WORKER = Text(
    "Antrean tugas tidak dapat dihubungi; tugas tidak dijalankan.",
    "The job queue could not be reached; the job was not run.",
)


def create(
    session: Session,
    actor: Actor | None,
    submission: Submission,
    kind: JobKind,
    params: dict[str, Any],
    *,
    needs_secrets: bool,
    max_attempts: int,
) -> Job:
    """A queued job, committed with its audit event (``params`` must hold no credential)."""
    job = Job(
        kind=kind,
        submission_id=submission.id or 0,
        requested_by=actor.user.id if actor else None,
        params=params,
        needs_secrets=needs_secrets,
        max_attempts=max_attempts,
    )
    session.add(job)
    session.flush()
    detail: dict[str, Any] = {"kind": kind.value, "submission": submission.id}
    if "base_url" in params:  # who pointed the gate at which address
        detail["base_url"] = params["base_url"]
    record(session, actor, "job.create", "job", job.id, detail)
    session.commit()
    session.refresh(job)
    return job


def create_service_job(
    session: Session, kind: JobKind, params: dict[str, Any], *, key: str | None, max_attempts: int
) -> Job | None:
    """A job of the service's own (a probe round, e-mail), committed; with a ``key``, created once
    however many processes ask (None: it exists already)."""
    job = Job(kind=kind, submission_id=None, params=params, key=key, max_attempts=max_attempts)
    try:
        with session.begin_nested():
            session.add(job)
            session.flush()
    except IntegrityError:
        session.rollback()
        return None
    record(session, None, "job.create", "job", job.id, {"kind": kind.value, "key": key})
    session.commit()
    session.refresh(job)
    return job


def claim(session: Session, job_id: int, worker: str, stale_s: float) -> Job | None:
    """Take the job for ``worker``: a queued one, or a running one whose worker stopped beating."""
    now = utcnow()
    stalled = and_(col(Job.state) == JobState.RUNNING.value, col(Job.heartbeat_at) < now - timedelta(seconds=stale_s))
    result = session.execute(
        update(Job)
        .where(
            col(Job.id) == job_id,
            col(Job.attempts) < col(Job.max_attempts),
            or_(col(Job.state) == JobState.QUEUED.value, stalled),
        )
        .values(
            state=JobState.RUNNING.value,
            worker=worker,
            attempts=Job.attempts + 1,
            started_at=now,
            heartbeat_at=now,
        )
    )
    session.commit()
    if getattr(result, "rowcount", 0) != 1:
        return None
    return session.get(Job, job_id, populate_existing=True)


def beat(session: Session, job_id: int, worker: str, progress: dict[str, Any] | None) -> bool:
    """The worker is alive (and how far it got). False: the job is no longer this worker's."""
    values: dict[str, Any] = {"heartbeat_at": utcnow()}
    if progress is not None:
        values["progress"] = progress
    result = session.execute(
        update(Job)
        .where(col(Job.id) == job_id, col(Job.worker) == worker, col(Job.state) == JobState.RUNNING.value)
        .values(**values)
    )
    session.commit()
    return getattr(result, "rowcount", 0) == 1


def mark_done(session: Session, job_id: int, worker: str, assessment_id: int | None, progress: dict[str, Any]) -> bool:
    """Finish inside the caller's transaction (with what the job produced); the caller commits.
    False: another worker took the job over, and the caller must roll back."""
    result = session.execute(
        update(Job)
        .where(col(Job.id) == job_id, col(Job.worker) == worker, col(Job.state) == JobState.RUNNING.value)
        .values(
            state=JobState.DONE.value,
            finished_at=utcnow(),
            assessment_id=assessment_id,
            progress=progress,
            error=None,
        )
    )
    return getattr(result, "rowcount", 0) == 1


def fail(session: Session, job_id: int, reason: Text, *, worker: str | None = None) -> bool:
    """Failed with a reason, unless it already finished (or, given ``worker``, was taken over)."""
    conditions = [col(Job.id) == job_id, col(Job.state).in_([JobState.QUEUED.value, JobState.RUNNING.value])]
    if worker is not None:
        conditions.append(col(Job.worker) == worker)
    result = session.execute(
        update(Job)
        .where(*conditions)
        .values(state=JobState.FAILED.value, finished_at=utcnow(), error={"id": reason.id, "en": reason.en})
    )
    ok = getattr(result, "rowcount", 0) == 1
    if ok:
        record(session, None, "job.fail", "job", job_id, {"reason": reason.en})
    session.commit()
    return ok


def release(session: Session, job_ids: list[int], now: datetime | None = None) -> tuple[list[int], list[int]]:
    """Running jobs whose worker is gone: queued again while attempts are left, else failed.
    Returns (queued again, failed)."""
    again: list[int] = []
    failed: list[int] = []
    for job_id in job_ids:
        job = session.get(Job, job_id, populate_existing=True)
        if job is None or job.state is not JobState.RUNNING:
            continue
        if job.attempts < job.max_attempts:
            result = session.execute(
                update(Job)
                .where(col(Job.id) == job_id, col(Job.worker) == job.worker, col(Job.state) == JobState.RUNNING.value)
                .values(state=JobState.QUEUED.value, heartbeat_at=now or utcnow())
            )
            if getattr(result, "rowcount", 0) == 1:
                record(session, None, "job.requeue", "job", job_id, {"worker": job.worker, "attempt": job.attempts})
                again.append(job_id)
            session.commit()
        elif fail(session, job_id, WORKER_LOST, worker=job.worker):
            failed.append(job_id)
    return again, failed


def running_on(session: Session, worker: str) -> list[int]:
    rows = session.exec(select(Job.id).where(Job.worker == worker, Job.state == JobState.RUNNING)).all()
    return [i for i in rows if i is not None]


def stale(session: Session, stale_s: float) -> list[int]:
    """Running jobs whose worker has not beaten for ``stale_s``: dead, wherever it ran."""
    limit = utcnow() - timedelta(seconds=stale_s)
    rows = session.exec(select(Job.id).where(Job.state == JobState.RUNNING, col(Job.heartbeat_at) < limit)).all()
    return [i for i in rows if i is not None]


def queued(session: Session, older_than_s: float = 0.0) -> list[Job]:
    limit = utcnow() - timedelta(seconds=older_than_s)
    return list(
        session.exec(
            select(Job).where(Job.state == JobState.QUEUED, col(Job.heartbeat_at) <= limit).order_by(col(Job.id))
        ).all()
    )


def abandon(session: Session, abandon_s: float) -> list[int]:
    """Fail queued jobs that no worker took for ``abandon_s``."""
    return [job.id for job in queued(session, abandon_s) if job.id is not None and fail(session, job.id, ABANDONED)]


def active(session: Session, submission_id: int, kind: JobKind) -> bool:
    """A job of this kind is queued or running for the submission (one at a time)."""
    states = [JobState.QUEUED.value, JobState.RUNNING.value]
    found = session.exec(
        select(Job.id).where(Job.submission_id == submission_id, Job.kind == kind, col(Job.state).in_(states))
    ).first()
    return found is not None


def is_finished(session: Session, job_id: int) -> bool:
    job = session.get(Job, job_id, populate_existing=True)
    return job is None or job.state in (JobState.DONE, JobState.FAILED)


class Dispatcher(Protocol):
    """Hands a queued job to the workers (``gate/jobs``): the local pool or Celery."""

    def send(self, job_id: int, secrets: dict[str, Any] | None) -> None:
        """Raises OSError when the workers cannot be reached."""


def dispatch(
    session: Session, dispatcher: Dispatcher, job: Job, secrets: dict[str, Any] | None, *, fail_unreachable: bool = True
) -> Job:
    """Send a created job to the workers. A queue that cannot be reached fails a user's job at once,
    with why (someone waits for it); a scheduled job stays queued for the pool's sweep to find."""
    try:
        dispatcher.send(job.id or 0, secrets)
    except OSError:
        if fail_unreachable:
            fail(session, job.id or 0, NO_WORKER)
            session.refresh(job)
    return job
