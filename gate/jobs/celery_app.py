"""Jobs on Celery workers (``GATE_JOBS=celery``), for deployments that outgrow one machine.

Redis is only the transport; the job's row stays its state of record, exactly as with the local
pool. Messages are acknowledged late and rejected when their worker process is lost, so a killed
worker's job is delivered again, to a process that claims it once the dead one's heartbeat is
stale (a claim made too early is retried after ``job_stale_s``). The credentials for the target
ride in the message, encrypted with the job key (Fernet): Redis never holds them in clear, and the
database never at all. Worker processes need the service's settings (``GATE_DATABASE_URL``,
``GATE_BROKER_URL``) and the job key (``GATE_JOB_KEY``, the same on every process), never
``GATE_SECRET_KEY``: a worker that runs untrusted documents holds no key that signs sessions.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
from typing import Any

from gate.core.config import Settings, get_settings

TASK = "spbe_gate.run_job"
MASKED = "{'secrets': '[disamarkan]'}"


def _fernet(settings: Settings) -> Any:
    from cryptography.fernet import Fernet

    return Fernet(base64.urlsafe_b64encode(settings.resolved_job_key()))


def seal(settings: Settings, secrets: dict[str, Any] | None) -> str | None:
    return None if secrets is None else _fernet(settings).encrypt(json.dumps(secrets).encode()).decode()


def unseal(settings: Settings, token: str | None) -> dict[str, Any] | None:
    if token is None:
        return None
    value = json.loads(_fernet(settings).decrypt(token.encode()))
    return value if isinstance(value, dict) else None


_APPS: dict[int, Any] = {}


def celery_app(settings: Settings | None = None) -> Any:
    """The Celery application for ``settings`` (one per settings object, built on first use)."""
    settings = settings or get_settings()
    if id(settings) not in _APPS:
        _APPS[id(settings)] = _build(settings)
    return _APPS[id(settings)]


def _build(settings: Settings) -> Any:
    from celery import Celery

    app = Celery("spbe_gate", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a worker takes the next job when it is free, not before
        task_default_queue=settings.job_queue,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,  # results are in the database
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=3,
        # A message whose worker machine vanished comes back after this (Redis has no acks);
        # longer than any run, or a running job would be delivered twice.
        broker_transport_options={"visibility_timeout": int(max(600, 4 * settings.contract_time_limit_s))},
        worker_hijack_root_logger=False,
    )

    @app.task(name=TASK, bind=True, max_retries=None)  # type: ignore[untyped-decorator]
    def run(self: Any, job_id: int, secrets: str | None = None) -> str:
        from gate.jobs.work import run_job

        try:
            opened = unseal(settings, secrets)
        except Exception:  # sealed with another key: this worker's job key is not the service's
            log.error("job %s: credentials sealed with another job key (GATE_JOB_KEY / GATE_SECRET_KEY)", job_id)
            opened = None
        outcome = run_job(settings, job_id, opened)
        if outcome == "busy":  # held by a worker that may be dead: try once its heartbeat is stale
            raise self.retry(countdown=settings.job_stale_s, kwargsrepr=MASKED)
        return outcome

    return app


class CeleryDispatcher:
    def __init__(self, settings: Settings):
        self.settings = settings

    def send(self, job_id: int, secrets: dict[str, Any] | None) -> None:
        from kombu.exceptions import OperationalError

        app = celery_app(self.settings)
        try:
            app.send_task(
                TASK,
                args=[job_id],
                kwargs={"secrets": seal(self.settings, secrets)},
                kwargsrepr=MASKED,
                queue=self.settings.job_queue,
                retry=False,
            )
        except OperationalError as exc:
            raise OSError(str(exc)) from exc


def redispatch(settings: Settings, job_ids: list[int]) -> None:
    """Jobs released by the reaper that need no credentials go back on the queue (those that do
    come back with Celery's own redelivery, which carries them)."""
    dispatcher = CeleryDispatcher(settings)
    for job_id in job_ids:
        dispatcher.send(job_id, None)


log = logging.getLogger("spbe_gate.jobs")


class Reaper:
    """What watches the job table in Celery mode, in the ``serve`` process: jobs whose worker
    stopped beating are released (see ``redispatch``), queued jobs nobody took are failed."""

    def __init__(self, settings: Settings, poll_s: float = 2.0):
        from gate.core.db import engine_for

        self.settings, self.poll_s = settings, poll_s
        self.engine = engine_for(settings.sqlalchemy_url)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="job-reaper", daemon=True)

    def start(self) -> Reaper:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)

    def _loop(self) -> None:
        from sqlmodel import Session

        from gate.models import Job
        from gate.services import jobs

        while not self.stopping.wait(self.poll_s):
            try:
                with Session(self.engine) as session:
                    again, _ = jobs.release(session, jobs.stale(session, self.settings.job_stale_s))
                    plain = [i for i in again if (job := session.get(Job, i)) is not None and not job.needs_secrets]
                    redispatch(self.settings, plain)
                    jobs.abandon(session, self.settings.job_abandon_s)
            except Exception:
                log.warning("job reaper sweep failed", exc_info=True)
