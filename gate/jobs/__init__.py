"""Where jobs run: the local pool of ``spbe-gate serve`` or Celery workers (``GATE_JOBS``).

``work.run_job`` is the one body both run; ``gate/services/jobs.py`` keeps each job's state of
record in the database, so the two differ only in how a job reaches a worker process.
"""

from __future__ import annotations

from gate.core.config import Settings
from gate.services.jobs import Dispatcher


def dispatcher_for(settings: Settings) -> Dispatcher:
    if settings.jobs == "celery":
        from gate.jobs.celery_app import CeleryDispatcher

        return CeleryDispatcher(settings)
    from gate.jobs.local import LocalDispatcher

    return LocalDispatcher(settings)
