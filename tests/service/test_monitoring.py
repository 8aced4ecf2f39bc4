"""Catalogued deployments watched: rounds of probes over real HTTPS on 127.0.0.1, each application
probed once per slot however often the round runs, drift against the approved version, and the
OPD told (never another OPD)."""

from __future__ import annotations

import http.server
import json
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme
import yaml
from sqlmodel import select

import rules
from gate.jobs.local import LocalPool
from gate.jobs.scheduler import Scheduler
from gate.models import Job, JobKind, Notification, Probe, User, utcnow
from gate.services import monitoring
from tests.helpers import DEMO_APP, free_port
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_jobs import wait_for

APPROVED = yaml.safe_load((DEMO_APP / "openapi.yaml").read_text(encoding="utf-8"))


@dataclass
class Deployment:
    """An HTTPS server on 127.0.0.1 that answers its health check and serves a live document."""

    port: int
    document: dict[str, Any] = field(default_factory=lambda: APPROVED)
    healthy: bool = True
    requests: list[str] = field(default_factory=list)
    #: Seconds the health check takes to answer.
    delay: float = 0.0

    @property
    def base(self) -> str:
        return f"https://127.0.0.1:{self.port}/perizinan/v1"


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path]:
    authority = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return authority, path


@pytest.fixture
def deployments(ca: tuple[trustme.CA, Path]) -> Iterator[list[Deployment]]:
    authority, _ = ca
    cert = authority.issue_cert("127.0.0.1")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    made: list[Deployment] = []
    servers = []
    for _ in range(2):
        deployment = Deployment(free_port())

        class Handler(http.server.BaseHTTPRequestHandler):
            target = deployment

            def do_GET(self) -> None:
                self.target.requests.append(self.path)
                if self.path.endswith("/kesehatan"):
                    time.sleep(self.target.delay)
                    status, body = (200, b'{"status":"ok"}') if self.target.healthy else (503, b"{}")
                elif self.path.endswith("/openapi.json"):
                    status, body = 200, json.dumps(self.target.document).encode()
                else:
                    status, body = 404, b"{}"
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", deployment.port), Handler)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        made.append(deployment)
    try:
        yield made
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def _document(base: str, title: str) -> bytes:
    doc = json.loads(json.dumps(APPROVED))
    doc["info"]["title"] = title
    doc["info"]["x-spbe"]["url_produksi"] = base
    doc["info"]["x-spbe"]["url_openapi"] = base + "/openapi.json"
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode()


def _catalogue(world: World, name: str, base: str) -> int:
    dev, reviewer = world.client(DEV_DINKES), world.client(REVIEWER)
    r = dev.post(
        "/api/v1/submissions", data={"application": name}, files={"file": ("openapi.yaml", _document(base, name))}
    )
    assert r.status_code == 201, r.text
    sid = r.json()["submission"]["id"]
    assert (
        reviewer.post(
            f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus semua."}
        ).status_code
        == 201
    )
    return int(r.json()["submission"]["application_id"])


def _configure(world: World, ca_file: Path) -> None:
    s = world.settings
    s.contract_allow = ["127.0.0.1/32"]
    s.monitor_ca_file = ca_file
    s.monitor_failures_alert = 1
    s.monitor_timeout_s = 2.0


def test_a_round_probes_each_deployment_once_finds_drift_and_tells_the_opd(
    world: World, deployments: list[Deployment], ca: tuple[trustme.CA, Path]
) -> None:
    _configure(world, ca[1])
    healthy, drifting = deployments
    drifting.document = json.loads(json.dumps(APPROVED))
    del drifting.document["paths"]["/statistik"]  # served, but not what was approved
    dead = f"https://127.0.0.1:{free_port()}/perizinan/v1"
    apps = {
        "sehat": _catalogue(world, "Perizinan Sehat", healthy.base),
        "drift": _catalogue(world, "Perizinan Berubah", drifting.base),
        "mati": _catalogue(world, "Perizinan Mati", dead),
    }
    dispatcher = world.app.app.state.dispatcher  # type: ignore[attr-defined]
    with LocalPool(world.settings, workers=1, poll_s=0.2), world.session() as s:
        job = monitoring.schedule(s, world.settings, dispatcher)
        assert job is not None and job.key is not None and job.key.startswith("probe:")
        assert monitoring.schedule(s, world.settings, dispatcher) is None  # one round per slot
        job_id = job.id or 0
        done = wait_for(world, job_id)
    assert done["state"] == "selesai", done
    with world.session() as s:
        probes = {p.application_id: p for p in s.exec(select(Probe)).all()}
        assert set(probes) == set(apps.values())
        ok = probes[apps["sehat"]]
        assert ok.ok and ok.status == 200 and ok.latency_ms is not None and ok.tls_days and ok.tls_days > 300
        assert ok.drift == [] and ok.url.endswith("/perizinan/v1/kesehatan")
        assert probes[apps["drift"]].ok and probes[apps["drift"]].drift
        kinds = {d["kind"] for d in probes[apps["drift"]].drift or []}
        assert "path-removed" in kinds
        assert not probes[apps["mati"]].ok and probes[apps["mati"]].error
        # The round again (its worker died and it ran once more): nothing probed twice.
        stored = s.get(Job, job_id)
        assert stored is not None
        stored.state, stored.worker = stored.state.RUNNING, "uji"
        s.add(stored)
        s.commit()
        monitoring.execute_round(s, stored, world.settings, "uji")
        assert len(s.exec(select(Probe)).all()) == 3
        told = {(n.kind, n.user_id) for n in s.exec(select(Notification)).all()}
        users = {u.email: u.id for u in s.exec(select(User)).all()}
    assert ("drift", users[DEV_DINKES]) in told and ("drift", users[REVIEWER]) in told
    assert ("deployment_down", users[DEV_DINKES]) in told
    assert not any(user == users[DEV_DISDIK] for _, user in told)  # another OPD hears nothing
    assert healthy.requests.count("/perizinan/v1/kesehatan") == 1


def test_two_schedulers_start_one_round_per_slot(world: World, deployments: list[Deployment]) -> None:
    world.settings.contract_allow = ["127.0.0.1/32"]
    _catalogue(world, "Perizinan Sehat", deployments[0].base)
    dispatcher = world.app.app.state.dispatcher  # type: ignore[attr-defined]
    # Ticks are called by hand; a 30 s lease outlives any pause a busy machine makes between them.
    first, second = Scheduler(world.settings, dispatcher, tick_s=10), Scheduler(world.settings, dispatcher, tick_s=10)
    second.holder = second.holder + ":kedua"
    results: dict[str, bool] = {}
    barrier = threading.Barrier(2)

    def turn(scheduler: Scheduler) -> None:
        barrier.wait()
        results[scheduler.holder] = scheduler.tick()

    threads = [threading.Thread(target=turn, args=(s,)) for s in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) == [False, True]  # one holds the lease
    holder, other = (first, second) if results[first.holder] else (second, first)
    assert holder.tick() and not other.tick()  # the holder keeps it while it renews
    with world.session() as s:
        rounds = s.exec(select(Job).where(Job.kind == JobKind.PROBE)).all()
    assert len(rounds) == 1


def test_a_scheduler_that_stopped_is_taken_over(world: World) -> None:
    from gate.services import lease

    start = utcnow()  # times given, not slept: a busy machine cannot make a live lease look expired

    def at(seconds: float) -> datetime:
        return start + timedelta(seconds=seconds)

    with world.session() as s:
        assert lease.hold(s, "scheduler", "mesin-a", ttl_s=30, now=at(0))
        assert not lease.hold(s, "scheduler", "mesin-b", ttl_s=30, now=at(29))  # a's lease is live
        assert lease.hold(s, "scheduler", "mesin-a", ttl_s=30, now=at(29))  # a renews it
        assert not lease.hold(s, "scheduler", "mesin-b", ttl_s=30, now=at(58))
        # a was killed: it renews no more, and b takes the lease once it has run out
        assert lease.hold(s, "scheduler", "mesin-b", ttl_s=30, now=at(60))
        assert not lease.hold(s, "scheduler", "mesin-a", ttl_s=30, now=at(61))  # a came back: b holds it now


def _round(world: World, slot: int) -> dict[str, Any]:
    """One round of ``slot``, run here as a worker would run it; what its job recorded."""
    from gate.services import jobs

    with world.session() as s:
        job = jobs.create_service_job(s, JobKind.PROBE, {"slot": slot}, key=f"probe:{slot}", max_attempts=1)
        assert job is not None
        job.state, job.worker = job.state.RUNNING, "uji"
        s.add(job)
        s.commit()
        assert monitoring.execute_round(s, job, world.settings, "uji")
        s.refresh(job)
        return dict(job.progress or {})


def test_a_live_document_is_compared_again_only_when_its_bytes_change(
    world: World, deployments: list[Deployment], ca: tuple[trustme.CA, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(world, ca[1])
    live = deployments[0]
    app_id = _catalogue(world, "Perizinan Sehat", live.base)
    slot = monitoring.slot_of(monitoring.utcnow(), world.settings.monitor_interval_s)

    first = _round(world, slot)
    assert first["recorded"] == 1 and first["compared"] == 1
    # The same bytes against the same approved version: the earlier answer, without comparing.
    again = _round(world, slot + 1)
    assert again["recorded"] == 1 and again["compared"] == 0
    # The deployment starts serving a changed API: compared, and the drift is found at once.
    live.document = json.loads(json.dumps(APPROVED))
    del live.document["paths"]["/statistik"]
    changed = _round(world, slot + 2)
    assert changed["compared"] == 1
    # Unchanged since: the drift stays found, without comparing again.
    kept = _round(world, slot + 3)
    assert kept["compared"] == 0
    with world.session() as s:
        probes = s.exec(select(Probe).where(Probe.application_id == app_id).order_by(Probe.slot)).all()
    assert [p.drift == [] for p in probes] == [True, True, False, False]
    assert probes[2].drift == probes[3].drift and "path-removed" in {d["kind"] for d in probes[3].drift or []}
    assert probes[0].document_digest == probes[1].document_digest != probes[2].document_digest
    # A new approved version is compared with afresh, even though the live bytes did not change.
    _catalogue(world, "Perizinan Sehat", live.base)
    assert _round(world, slot + 4)["compared"] == 1
    assert _round(world, slot + 5)["compared"] == 0
    # So is every document once the gate is upgraded: its comparison may have changed.
    monkeypatch.setattr(rules, "__version__", rules.__version__ + ".1")
    assert _round(world, slot + 6)["compared"] == 1
