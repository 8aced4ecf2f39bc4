"""What ``spbe-gate serve`` schedules, in both job modes: one thread that holds the scheduler's
lease (``services/lease.py``) and, while it does, asks for the current slot's probe round. Several
``serve`` processes may run it; only the lease holder schedules, and the round's job key makes a
round exist once even if two holders overlapped across a takeover."""

from __future__ import annotations

import logging
import threading

from sqlmodel import Session

from gate.core.config import Settings
from gate.core.db import engine_for
from gate.jobs.work import worker_name
from gate.services import jobs, lease, monitoring

log = logging.getLogger("spbe_gate.scheduler")

LEASE = "scheduler"


class Scheduler:
    def __init__(self, settings: Settings, dispatcher: jobs.Dispatcher, *, tick_s: float | None = None):
        self.settings, self.dispatcher = settings, dispatcher
        #: Often enough to notice a new slot soon after it starts, and to renew the lease in time.
        self.tick_s = tick_s or min(30.0, settings.monitor_interval_s / 4)
        self.ttl_s = 3 * self.tick_s
        self.holder = f"{worker_name()}:scheduler"
        self.engine = engine_for(settings.sqlalchemy_url)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="scheduler", daemon=True)

    def start(self) -> Scheduler:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=10)
        try:
            with Session(self.engine) as session:
                lease.release(session, LEASE, self.holder)
        except Exception:
            log.warning("could not release the scheduler lease", exc_info=True)

    def tick(self) -> bool:
        """One turn: hold the lease, and if held, ask for the slot's round. True: this process holds it."""
        with Session(self.engine) as session:
            if not lease.hold(session, LEASE, self.holder, self.ttl_s):
                return False
            monitoring.schedule(session, self.settings, self.dispatcher)
            return True

    def _loop(self) -> None:
        while not self.stopping.is_set():
            try:
                self.tick()
            except Exception:  # the database away for a moment: the next tick tries again
                log.warning("scheduler tick failed", exc_info=True)
            self.stopping.wait(self.tick_s)
