"""Jobs on Celery workers (``spbe-gate worker``) with the real Redis at 127.0.0.1:6379.

Skipped when Redis is not reachable, except where ``SPBE_GATE_REQUIRE_REDIS`` is set (CI), where
that is a failure.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import trustme
from sqlmodel import select

from gate.jobs import dispatcher_for
from gate.jobs.celery_app import Reaper, seal, unseal
from gate.jobs.work import pid_of
from gate.models import AssessmentRecord, Job, Probe
from tests.helpers import free_port
from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_jobs import TOKEN, submit_demo, wait_for
from tests.service.test_mail import Inbox, inbox
from tests.service.test_monitoring import Deployment, _catalogue, ca, deployments

BROKER = "redis://127.0.0.1:6379/0"
__all__ = ["ca", "deployments", "inbox"]  # fixtures shared with the local-pool tests


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


if not _redis_reachable():
    if os.environ.get("SPBE_GATE_REQUIRE_REDIS"):
        raise RuntimeError("SPBE_GATE_REQUIRE_REDIS is set but Redis at 127.0.0.1:6379 is not reachable")
    pytest.skip("Redis not reachable at 127.0.0.1:6379", allow_module_level=True)


@contextmanager
def celery_mode(world: World, extra_env: dict[str, str] | None = None) -> Iterator[World]:
    """The service in Celery mode on its own queue, with one ``spbe-gate worker`` process and the
    reaper that ``serve`` runs beside it."""
    s = world.settings
    s.jobs, s.broker_url, s.job_queue = "celery", BROKER, "spbe-gate-test-" + secrets.token_hex(4)
    s.contract_allow, s.job_stale_s, s.contract_rate_limit = ["127.0.0.1/32"], 5.0, "20/s"
    s.job_key = "uji-kunci-tugas-" + secrets.token_hex(16)  # the worker gets this, never the secret
    world.app.app.state.dispatcher = dispatcher_for(s)  # type: ignore[attr-defined]
    env = {
        **os.environ,
        "GATE_JOBS": "celery",
        "GATE_DATA_DIR": str(s.data_dir),
        "GATE_DATABASE_URL": s.database_url,
        "GATE_JOB_KEY": s.job_key,
        "GATE_BROKER_URL": BROKER,
        "GATE_JOB_QUEUE": s.job_queue,
        "GATE_CONTRACT_ALLOW": "127.0.0.1/32",
        "GATE_JOB_STALE_S": "5",  # five missed beats: a busy machine is not a dead worker
        **(extra_env or {}),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "gate", "worker", "--concurrency", "1", "--loglevel", "WARNING"], env=env
    )
    reaper = Reaper(s, poll_s=0.5).start()
    try:
        yield world
    finally:
        reaper.stop()
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(5)


@pytest.fixture
def celery_world(world: World) -> Iterator[World]:
    with celery_mode(world) as ready:
        yield ready


def test_credentials_in_broker_messages_are_sealed(world: World) -> None:
    sealed = seal(world.settings, {"token": TOKEN})
    assert sealed is not None and TOKEN not in sealed
    assert unseal(world.settings, sealed) == {"token": TOKEN}


def test_a_celery_worker_killed_mid_run_loses_nothing(celery_world: World, good: str) -> None:
    world = celery_world
    submission = submit_demo(world, staging_url=good)
    r = world.client(DEV_DINKES).post(
        f"/api/v1/submissions/{submission}/contract-runs",
        json={"auth": "bearer", "token": TOKEN, "max_examples": 3, "time_limit_s": 8},
    )
    assert r.status_code == 202 and r.json()["state"] == "antre", r.text
    job_id = r.json()["id"]
    wait_for(world, job_id, until=lambda j: j["state"] == "berjalan" and (j["progress"] or {}).get("requests"))
    with world.session() as s:
        running = s.get(Job, job_id)
        assert running is not None
        os.kill(pid_of(running.worker), signal.SIGKILL)  # the prefork child that runs the job
    started = time.monotonic()
    job = wait_for(world, job_id, timeout=120)
    assert job["state"] == "selesai" and job["attempts"] == 2, job
    assert time.monotonic() - started < 60
    report = world.client(DEV_DINKES).get(f"/api/v1/submissions/{submission}/report").json()
    assert report["verdict"] == "pass" and report["score"]["categories"]["contract"] == 100.0
    with world.session() as s:
        made = s.exec(select(AssessmentRecord).where(AssessmentRecord.submission_id == submission)).all()
    assert len(made) == 2


def test_a_probe_round_and_its_e_mail_run_on_a_celery_worker(
    world: World, deployments: list[Deployment], ca: tuple[trustme.CA, Path], inbox: Inbox
) -> None:
    """The scheduled round goes through the same state of record on Celery: created once, run by
    a worker, one probe per application; the e-mail it causes is sent by the worker, once."""
    from gate.services import monitoring

    world.settings.monitor_ca_file, world.settings.monitor_failures_alert = ca[1], 1
    extra = {
        "GATE_MONITOR_CA_FILE": str(ca[1]),
        "GATE_MONITOR_FAILURES_ALERT": "1",
        "GATE_SMTP_HOST": "127.0.0.1",
        "GATE_SMTP_PORT": str(world.settings.smtp_port),
        "GATE_SMTP_SECURITY": "none",
    }
    with celery_mode(world, extra):
        world.settings.contract_allow = ["127.0.0.1/32"]
        app = _catalogue(world, "Perizinan Sehat", deployments[0].base)
        dead = _catalogue(world, "Perizinan Mati", f"https://127.0.0.1:{free_port()}/perizinan/v1")
        dispatcher = world.app.app.state.dispatcher  # type: ignore[attr-defined]
        with world.session() as s:
            job = monitoring.schedule(s, world.settings, dispatcher)
            assert job is not None and monitoring.schedule(s, world.settings, dispatcher) is None
            job_id = job.id or 0
        done = wait_for(world, job_id, timeout=120)
    assert done["state"] == "selesai", done
    with world.session() as s:
        probes = {p.application_id: p for p in s.exec(select(Probe)).all()}
    assert set(probes) == {app, dead} and probes[app].ok and not probes[dead].ok
    down = sorted(m["To"] for m in inbox.messages if "gagal dijangkau" in m["Subject"])
    assert down == sorted([DEV_DINKES, REVIEWER, ADMIN])  # the OPD and Diskominfo, once each
    assert not any(m["To"] == DEV_DISDIK for m in inbox.messages)  # never another OPD
    assert len({m["Message-ID"] for m in inbox.messages}) == len(inbox.messages)
