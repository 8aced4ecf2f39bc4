"""Where jobs run: the local pool of ``spbe-gate serve`` or Celery workers (``GATE_JOBS``).

``work.run_job`` is the one body both run; ``gate/services/jobs.py`` keeps each job's state of
record in the database, so the two differ only in how a job reaches a worker process.
"""

from __future__ import annotations

import contextlib
import os

from gate.core.config import Settings
from gate.services.jobs import Dispatcher


def yield_to_pages(settings: Settings) -> None:
    """Lower this job worker's scheduling priority by ``job_nice``: the web processes' pages come
    first when both want the processor (a probe round compares 1,000 documents on one core)."""
    if settings.job_nice and hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not permitted here: the worker runs as it is
            os.nice(settings.job_nice)


def dispatcher_for(settings: Settings) -> Dispatcher:
    if settings.jobs == "celery":
        from gate.jobs.celery_app import CeleryDispatcher

        return CeleryDispatcher(settings)
    from gate.jobs.local import LocalDispatcher

    return LocalDispatcher(settings)
