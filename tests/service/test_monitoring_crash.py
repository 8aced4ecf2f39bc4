"""A ``serve`` killed outright in the middle of a probe round (scheduler, job pool and the worker
running the round, all at once, SIGKILL): the next ``serve`` finishes that round and no deployment
is probed twice for the slot, nor is a second round started for it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import trustme
from sqlmodel import select

from gate.models import Job, JobKind, JobState, Probe
from tests.helpers import free_port
from tests.service.conftest import World
from tests.service.test_monitoring import Deployment, _catalogue, ca, deployments  # noqa: F401 (fixtures)


def _serve(world: World, ca_file: Path) -> subprocess.Popen[bytes]:
    s = world.settings
    env = {
        **os.environ,
        "GATE_DATA_DIR": str(s.data_dir),
        "GATE_SECRET_KEY": s.secret_key,
        "GATE_CONTRACT_ALLOW": "127.0.0.1/32",
        "GATE_MONITOR": "true",
        "GATE_MONITOR_CA_FILE": str(ca_file),
        "GATE_MONITOR_TIMEOUT_S": "15",
        # A day's slot: the round killed and the round finished are the same slot's.
        "GATE_MONITOR_INTERVAL_S": "86400",
        "GATE_JOB_HEARTBEAT_S": "0.2",
        "GATE_JOB_STALE_S": "5",  # 25 missed beats: a busy machine is not a dead worker
        "GATE_JOB_WORKERS": "1",
    }
    if s.database_url:
        env["GATE_DATABASE_URL"] = s.database_url
    return subprocess.Popen(
        [sys.executable, "-m", "gate", "serve", "--port", str(free_port()), "--no-access-log"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: killed whole, as a machine's crash would
    )


def _round(world: World) -> Job | None:
    with world.session() as s:
        return s.exec(select(Job).where(Job.kind == JobKind.PROBE)).first()


def _until(check: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def test_a_serve_killed_mid_round_is_finished_by_the_next_without_probing_twice(
    world: World,
    deployments: list[Deployment],  # noqa: F811
    ca: tuple[trustme.CA, Path],  # noqa: F811
) -> None:
    _, ca_file = ca
    fast, slow = deployments
    slow.delay = 6.0  # the round is still waiting for it when the service dies
    apps = [_catalogue(world, "Perizinan Cepat", fast.base), _catalogue(world, "Perizinan Lambat", slow.base)]
    first = _serve(world, ca_file)
    try:
        _until(lambda: any(p.endswith("/kesehatan") for p in slow.requests), 60, "the first round never probed")
        running = _round(world)
        assert running is not None and running.state is JobState.RUNNING and running.attempts == 1
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
    with world.session() as s:
        assert not s.exec(select(Probe)).all()  # nothing of the killed attempt was recorded
    slow.delay = 0.5
    second = _serve(world, ca_file)
    try:
        _until(lambda: (j := _round(world)) is not None and j.state is JobState.DONE, 90, "the round was not finished")
    finally:
        second.terminate()
        second.wait(30)
    with world.session() as s:
        rounds = s.exec(select(Job).where(Job.kind == JobKind.PROBE)).all()
        probes = s.exec(select(Probe)).all()
    assert len(rounds) == 1 and rounds[0].attempts == 2, [(r.key, r.state, r.attempts) for r in rounds]
    assert sorted(p.application_id for p in probes) == sorted(apps)  # one each, for the one slot
    assert {p.slot for p in probes} == {int(rounds[0].params["slot"])} and all(p.ok for p in probes)
