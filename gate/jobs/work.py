"""One job on a worker: claim it, beat while it runs, run it, finish it. Shared by both pools."""

from __future__ import annotations

import logging
import os
import socket
import threading
from typing import Any, Literal

from sqlalchemy.engine import Engine
from sqlmodel import Session

from gate.core.config import Settings
from gate.core.db import engine_for
from gate.models import Job, JobKind, JobState, Submission, User
from gate.services import contract_runs, evaluation, jobs, mail, monitoring
from gate.services import submissions as flow
from gate.services.audit import Actor
from rules.i18n import Text

log = logging.getLogger("spbe_gate.jobs")

Outcome = Literal["done", "failed", "busy", "gone"]

CRASHED = Text(
    "Tugas berhenti karena galat internal; tim Diskominfo dapat melihat log pekerja.",
    "The job stopped on an internal error; Diskominfo can read the worker's log.",
)


def worker_name() -> str:
    """host:pid, which names the process a job runs in (and lets an operator find it)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def pid_of(worker: str) -> int:
    """The process id in a job's ``worker`` (host:pid)."""
    return int(worker.rsplit(":", 1)[1])


class Heartbeat(threading.Thread):
    """Beats for the job every ``interval`` seconds with the latest progress; a beat that finds the
    job no longer this worker's (taken over after a stall) sets ``cancel`` to stop the run."""

    def __init__(self, engine: Engine, job_id: int, worker: str, interval: float, cancel: threading.Event):
        super().__init__(name=f"heartbeat-{job_id}", daemon=True)
        self.engine, self.job_id, self.worker, self.interval, self.cancel = engine, job_id, worker, interval, cancel
        self.progress: dict[str, Any] | None = None
        self.finished = threading.Event()

    def run(self) -> None:
        while not self.finished.wait(self.interval):
            try:
                with Session(self.engine) as session:
                    mine = jobs.beat(session, self.job_id, self.worker, self.progress)
            except Exception:  # a database hiccup: the next beat tries again
                log.warning("heartbeat of job %s failed", self.job_id, exc_info=True)
                continue
            if not mine:
                self.cancel.set()
                return


def run_job(settings: Settings, job_id: int, secrets: dict[str, str] | None, worker: str | None = None) -> Outcome:
    """Run job ``job_id`` here if it can be claimed. ``busy``: another worker holds it and still
    beats (a message delivered twice, or a worker that died too recently to tell); ``gone``: it is
    finished or cannot run again."""
    engine = engine_for(settings.sqlalchemy_url)
    worker = worker or worker_name()
    with Session(engine) as session:
        job = jobs.claim(session, job_id, worker, settings.job_stale_s)
        if job is None:
            current = session.get(Job, job_id)
            return "busy" if current is not None and current.state is JobState.RUNNING else "gone"
        if job.needs_secrets and not secrets:
            jobs.fail(session, job_id, jobs.SECRETS_LOST, worker=worker)
            return "failed"
        cancel = threading.Event()
        beat = Heartbeat(engine, job_id, worker, settings.job_heartbeat_s, cancel)
        beat.start()
        try:
            ok = _run(session, job, secrets, settings, worker, beat, cancel)
        except Exception:
            log.exception("job %s failed", job_id)
            session.rollback()
            jobs.fail(session, job_id, CRASHED, worker=worker)
            ok = False
        finally:
            beat.finished.set()
            beat.join()
    return "done" if ok else "failed"


def _run(
    session: Session,
    job: Job,
    secrets: dict[str, str] | None,
    settings: Settings,
    worker: str,
    beat: Heartbeat,
    cancel: threading.Event,
) -> bool:
    if job.kind is JobKind.CONTRACT:

        def progress(p: dict[str, Any]) -> None:
            beat.progress = p

        return contract_runs.execute(session, job, secrets, settings, worker, on_progress=progress, cancel=cancel)
    if job.kind is JobKind.NOTIFY:
        return _notify(session, job, settings, worker)
    if job.kind is JobKind.PROBE:
        return monitoring.execute_round(session, job, settings, worker, cancel=cancel)
    if job.kind is JobKind.EVALUATE:
        return evaluation.execute_item(session, job, settings, worker)
    if job.kind is JobKind.REASSESS:
        return evaluation.execute_reassess(session, job, settings, worker)
    return _assess(session, job, worker)


def _notify(session: Session, job: Job, settings: Settings, worker: str) -> bool:
    """Send the pending e-mail; each message is claimed first, so a rerun sends none twice."""
    assert job.id is not None
    sent, failed = mail.send_pending(session, settings)
    done = jobs.mark_done(session, job.id, worker, None, {"sent": sent, "failed": failed})
    session.commit()
    return done


def _assess(session: Session, job: Job, worker: str) -> bool:
    """The first assessment of a large submission; a rerun finds it done and only finishes the job."""
    submission = session.get(Submission, job.submission_id)
    assert submission is not None and job.id is not None
    user = session.get(User, job.requested_by) if job.requested_by else None
    metadata = job.params.get("metadata")
    try:
        row = flow.assess_submission(
            session,
            Actor(user) if user is not None else None,
            submission,
            metadata=metadata if isinstance(metadata, dict) else None,
        )
        assessment_id = row.id
    except flow.WorkflowError:  # assessed by an earlier attempt that died before finishing the job
        session.rollback()
        latest = flow.latest_assessment(session, submission)
        assessment_id = latest.id if latest else None
    progress = {"operations_done": 1, "operations_total": 1, "requests": 0, "failures": 0, "failure_list": []}
    done = jobs.mark_done(session, job.id, worker, assessment_id, progress)
    session.commit()
    return done
