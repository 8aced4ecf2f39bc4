"""The embedded default's workers: a pool of processes that ``spbe-gate serve`` starts.

Web processes (one or several uvicorn workers) hand a job to the pool over a local socket,
authenticated with a key derived from the service's secret, with the job's credentials: the pool
keeps those in memory until the job is finished and never writes them anywhere. The database stays
the job's state of record; the pool's supervisor watches both its processes and the rows:

- a worker process that dies (killed, crashed) has its running job released at once: queued again
  while attempts are left, and handed to a fresh process with the credentials it still holds;
- a running job nobody beats for ``job_stale_s`` (a previous ``serve`` that was stopped, the
  machine restarted) is released the same way;
- a queued job the pool was never told about (a notification lost, or a job from before a restart)
  is picked up from the table; one that needs credentials the pool does not hold is failed with
  the reason, since they were never stored, once it is older than the pool or than
  ``job_stale_s`` (a web process may still be handing it over).

Worker processes run untrusted documents, so they hold no secret: each is a fresh interpreter
started without the secret's variables in its environment, and handed settings without the
secret (``Settings.without_secrets``) over its pipe.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import multiprocessing
import os
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import timedelta
from multiprocessing.connection import Client, Connection, Listener, wait
from typing import Any

from sqlmodel import Session

from gate.core.config import Settings
from gate.core.db import engine_for
from gate.models import Job, as_utc, utcnow
from gate.services import jobs

log = logging.getLogger("spbe_gate.jobs")


def _address(settings: Settings) -> str:
    """An abstract Unix socket (Linux): no file to clean up, no path length limit. The key, not
    the name, is what keeps other local users out."""
    digest = hashlib.sha256(f"{settings.data_dir.resolve()}|{settings.sqlalchemy_url}".encode()).hexdigest()[:24]
    return f"\0spbe-gate-jobs-{digest}"


def _authkey(settings: Settings) -> bytes:
    return hmac.new(settings.resolved_secret().encode(), b"spbe-gate local job pool", hashlib.sha256).digest()


class LocalDispatcher:
    """What a web process uses to hand a job to the pool of the same ``serve``."""

    def __init__(self, settings: Settings):
        self.address = _address(settings)
        self.authkey = _authkey(settings)

    def send(self, job_id: int, secrets: dict[str, Any] | None) -> None:
        try:
            with Client(self.address, family="AF_UNIX", authkey=self.authkey) as conn:
                conn.send((job_id, secrets))
                conn.recv()  # the pool has it
        except (EOFError, multiprocessing.AuthenticationError) as exc:
            raise OSError(str(exc)) from exc


#: What a worker's environment never holds: the secret, where to find it, the job key.
WITHHELD = ("GATE_SECRET_KEY", "GATE_SECRET_KEY_FILE", "GATE_JOB_KEY")


class _Process:
    """A worker process, started with ``subprocess`` so that its environment can be chosen (a
    multiprocessing child inherits the parent's, secret included); the supervisor's view of it."""

    def __init__(self, conn: Connection):
        env = {k: v for k, v in os.environ.items() if k not in WITHHELD}
        fd = conn.fileno()
        self.popen = subprocess.Popen(
            [sys.executable, "-c", "import sys; from gate.jobs.local import main; main(int(sys.argv[1]))", str(fd)],
            pass_fds=(fd,),
            env=env,
        )
        self.pid = self.popen.pid

    def is_alive(self) -> bool:
        return self.popen.poll() is None

    @property
    def exitcode(self) -> int | None:
        return self.popen.poll()

    def join(self, timeout: float | None = None) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout)

    def terminate(self) -> None:
        self.popen.terminate()


def main(fd: int) -> None:
    """A worker process's entry: its settings arrive first, over the pipe it was given."""
    conn = Connection(fd)
    try:
        settings = conn.recv()
    except EOFError:
        return
    _child(settings, conn)


def _child(settings: Settings, conn: Connection) -> None:
    """A worker process: say it is ready, run the job it is handed, say it is ready again."""
    import signal

    from gate.jobs import yield_to_pages
    from gate.jobs.work import run_job

    yield_to_pages(settings)
    # Ctrl+C reaches the whole process group: the supervisor stops its workers itself, after
    # uvicorn, so a job in progress is not cut off with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            conn.send("ready")
            item = conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):  # the supervisor is gone (serve stopped)
            return
        if item is None:
            return
        job_id, secrets = item
        run_job(settings, job_id, secrets)


@dataclass(eq=False)
class _Worker:
    process: _Process
    conn: Connection
    name: str
    idle: bool = False


class LocalPool:
    """The supervisor: one thread accepts jobs from web processes, one hands them to idle worker
    processes (each over its own pipe: a process killed while waiting cannot block the others, as
    it could holding a shared queue's lock) and sweeps the job table."""

    def __init__(self, settings: Settings, workers: int | None = None, *, poll_s: float = 0.5):
        self.settings = settings
        self.size = workers or settings.job_workers
        self.poll_s = poll_s
        self.engine = engine_for(settings.sqlalchemy_url)
        self.workers: list[_Worker] = []
        self.backlog: deque[tuple[int, dict[str, Any] | None]] = deque()
        #: Credentials of jobs not yet finished; None for a job that needs none.
        self.pending: dict[int, dict[str, Any] | None] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.wake_r, self.wake_w = multiprocessing.Pipe(duplex=False)
        self.listener: Listener | None = None
        self.threads: list[threading.Thread] = []
        self.started_at = utcnow()

    # -- life cycle --------------------------------------------------------------------------

    def start(self) -> LocalPool:
        self.started_at = utcnow()
        self.listener = Listener(_address(self.settings), family="AF_UNIX", authkey=_authkey(self.settings))
        for _ in range(self.size):
            self._spawn()
        for target, name in ((self._listen, "job-listener"), (self._loop, "job-supervisor")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self.listener is not None:
            # accept() does not return when its socket is closed by another thread: wake it.
            with contextlib.suppress(OSError, EOFError, multiprocessing.AuthenticationError):
                Client(self.listener.address, family="AF_UNIX", authkey=_authkey(self.settings)).close()
            self.listener.close()
        self.wake_w.send(None)
        for thread in self.threads:
            thread.join(timeout=5)
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.terminate()

    def __enter__(self) -> LocalPool:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _spawn(self) -> None:
        ours, theirs = multiprocessing.Pipe()
        process = _Process(theirs)  # a clean interpreter: no threads forked, no secret inherited
        theirs.close()
        ours.send(self.settings.without_secrets())
        self.workers.append(_Worker(process, ours, f"{socket.gethostname()}:{process.pid}"))

    def _hand(self, job_id: int, secrets: dict[str, Any] | None) -> None:
        with self.lock:
            self.pending[job_id] = secrets
            self.backlog.append((job_id, secrets))
        self.wake_w.send(job_id)

    # -- threads -----------------------------------------------------------------------------

    def _listen(self) -> None:
        assert self.listener is not None
        while not self.stopping.is_set():
            try:
                conn = self.listener.accept()
            except (OSError, EOFError, multiprocessing.AuthenticationError):
                if self.stopping.is_set():
                    return
                continue  # a client with the wrong key, or one that hung up
            with conn:
                try:
                    job_id, secrets = conn.recv()
                    self._hand(int(job_id), secrets)
                    conn.send(True)
                except (OSError, EOFError, ValueError, TypeError):
                    continue

    def _loop(self) -> None:
        swept = 0.0
        while not self.stopping.is_set():
            ready = wait([self.wake_r, *(w.conn for w in self.workers)], timeout=self.poll_s)
            for conn in ready:
                if conn is self.wake_r:
                    self.wake_r.recv()
                    continue
                worker = next(w for w in self.workers if w.conn is conn)
                try:
                    worker.conn.recv()
                    worker.idle = True
                except (EOFError, OSError):
                    worker.idle = False
                    worker.process.join(timeout=1)  # dead: sweep now, which replaces it
                    swept = 0.0
            if time.monotonic() - swept >= self.poll_s:
                try:
                    self.sweep()
                except Exception:  # the database away for a moment: the next sweep tries again
                    log.warning("job pool sweep failed", exc_info=True)
                swept = time.monotonic()
            self._assign()

    def _assign(self) -> None:
        for worker in self.workers:
            if not worker.idle:
                continue
            with self.lock:
                if not self.backlog:
                    return
                item = self.backlog.popleft()
            try:
                worker.conn.send(item)
                worker.idle = False
            except OSError:
                with self.lock:
                    self.backlog.appendleft(item)

    def sweep(self) -> None:
        """One round of the supervisor's checks (see the module's docstring)."""
        with Session(self.engine) as session:
            for worker in list(self.workers):
                if worker.process.is_alive() or self.stopping.is_set():
                    continue
                log.warning("job worker %s died (exit code %s)", worker.name, worker.process.exitcode)
                self.workers.remove(worker)
                worker.conn.close()
                self._spawn()
                self._rehand(session, jobs.release(session, jobs.running_on(session, worker.name))[0])
            self._rehand(session, jobs.release(session, jobs.stale(session, self.settings.job_stale_s))[0])
            with self.lock:
                handed = set(self.pending)
            for job in jobs.queued(session, older_than_s=2 * self.poll_s):
                if job.id is None or job.id in handed:
                    continue
                if not job.needs_secrets:
                    self._hand(job.id, None)
                elif self._secrets_lost(job):
                    jobs.fail(session, job.id, jobs.SECRETS_LOST)
            jobs.abandon(session, self.settings.job_abandon_s)
            with self.lock:
                for job_id in list(self.pending):
                    if jobs.is_finished(session, job_id):
                        del self.pending[job_id]

    def _secrets_lost(self, job: Job) -> bool:
        """A queued job whose credentials the pool was never handed: lost if it is older than this
        pool (a restart), or if no dispatcher has sent it for ``job_stale_s``. A web process hands
        a job over right after committing its row, and on a busy machine that may take longer than
        a sweep: failing it sooner lost runs that were on their way (CI saw one)."""
        queued_at = as_utc(job.heartbeat_at)
        return queued_at < self.started_at or queued_at < utcnow() - timedelta(seconds=self.settings.job_stale_s)

    def _rehand(self, session: Session, job_ids: list[int]) -> None:
        for job_id in job_ids:
            with self.lock:
                held = job_id in self.pending
                secrets = self.pending.get(job_id)
            job = session.get(Job, job_id)
            if job is not None and job.needs_secrets and not held:
                jobs.fail(session, job_id, jobs.SECRETS_LOST)
            else:
                self._hand(job_id, secrets)
