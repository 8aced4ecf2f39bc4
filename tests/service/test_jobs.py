"""Contract runs as jobs on the local pool of worker processes: the demonstration application's
two variants, progress, credentials kept out of every record, and workers killed mid-run."""

from __future__ import annotations

import json
import os
import re
import signal
import time
from html import unescape
from typing import Any

from sqlmodel import select

from gate.jobs.local import LocalPool
from gate.jobs.work import pid_of
from gate.models import AssessmentRecord, AuditEvent, Job
from tests.helpers import DEMO_APP, free_port
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, REVIEWER, World

TOKEN = "token-uji-perizinan"


def submit_demo(world: World, staging_url: str | None = None) -> int:
    dev = world.client(DEV_DINKES)
    data = {"application": "Layanan Perizinan"}
    if staging_url:
        data["staging_url"] = staging_url
    r = dev.post(
        "/api/v1/submissions",
        data=data,
        files={"file": ("openapi.yaml", (DEMO_APP / "openapi.yaml").read_bytes(), "application/yaml")},
    )
    assert r.status_code == 201, r.text
    return int(r.json()["submission"]["id"])


def wait_for(world: World, job_id: int, *, until: Any = None, timeout: float = 90) -> dict[str, Any]:
    """Poll the job as a user would until it is finished (or ``until(job)`` holds)."""
    client = world.client(REVIEWER)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/v1/jobs/{job_id}").json()
        if (until and until(job)) or (until is None and job["state"] in ("selesai", "gagal")):
            return dict(job)
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {job['state']} after {timeout} s: {job}")


def allow_loopback(world: World) -> None:
    world.settings.contract_allow = ["127.0.0.1/32"]


def test_the_demo_app_that_keeps_its_contract_passes_through_a_job(world: World, good: str) -> None:
    allow_loopback(world)
    submission = submit_demo(world, staging_url=good)
    dev = world.client(DEV_DINKES)
    with LocalPool(world.settings, workers=1, poll_s=0.2):
        r = dev.post(
            f"/api/v1/submissions/{submission}/contract-runs",
            json={"auth": "bearer", "token": TOKEN, "max_examples": 5},
        )
        assert r.status_code == 202, r.text
        assert r.json()["state"] == "antre" and r.json()["params"]["base_url"] == good
        job = wait_for(world, r.json()["id"])
    assert job["state"] == "selesai", (job.get("error"), job)
    assert job["progress"]["operations_done"] == job["progress"]["operations_total"] == 10
    assert job["progress"]["failures"] == 0
    history = dev.get(f"/api/v1/submissions/{submission}/assessments").json()
    assert len(history) == 2 and history[-1]["id"] == job["assessment_id"]  # the first assessment is kept
    report = dev.get(f"/api/v1/submissions/{submission}/report").json()
    assert report["verdict"] == "pass"
    assert report["score"]["categories"]["contract"] == 100.0


def test_each_defect_of_the_defective_app_is_in_the_assessment(world: World, defective: str) -> None:
    allow_loopback(world)
    submission = submit_demo(world)
    reviewer = world.client(REVIEWER)
    with LocalPool(world.settings, workers=1, poll_s=0.2):
        r = reviewer.post(
            f"/api/v1/submissions/{submission}/contract-runs",
            json={"base_url": defective, "auth": "bearer", "token": TOKEN, "max_examples": 5},
        )
        assert r.status_code == 202, r.text
        job = wait_for(world, r.json()["id"])
    assert job["state"] == "selesai", (job.get("error"), job)
    seen = {(f["check"], f"{f['method']} {f['path']}") for f in job["progress"]["failure_list"]}
    assert ("not_a_server_error", "GET /izin") in seen
    assert ("response_schema_conformance", "GET /jenis-izin/{kode}") in seen
    assert ("status_code_conformance", "DELETE /izin/{nomor_izin}") in seen
    assert ("content_type_conformance", "GET /statistik") in seen
    report = reviewer.get(f"/api/v1/submissions/{submission}/report").json()
    assert report["verdict"] == "fail"
    pointers = {f["pointer"] for f in report["findings"] if f["rule"].startswith("KON")}
    assert "/paths/~1statistik/get" in pointers and "/paths/~1izin/get" in pointers
    # Reassessing with today's rulebook keeps the run's results (issue 15: it used to erase them,
    # and the broken deployment reached the catalogue at level 5 without an override).
    run_at = report["contract"]["at"]
    assert run_at and report["contract"]["base_url"] == defective
    again = reviewer.post(f"/api/v1/submissions/{submission}/assessments")
    assert again.status_code == 201 and again.json()["verdict"] == "fail"
    latest = reviewer.get(f"/api/v1/submissions/{submission}/report").json()
    assert latest["contract"]["at"] == run_at  # the same run, and the report says when it was
    assert pointers <= {f["pointer"] for f in latest["findings"] if f["rule"].startswith("KON")}
    text = reviewer.get(f"/pengajuan/{submission}").text
    assert "Uji kontrak " + run_at.replace("T", " ").replace("+00:00", " UTC") in text
    refused = reviewer.post(
        f"/api/v1/submissions/{submission}/decisions", json={"outcome": "disetujui", "reason": "Tampak baik."}
    )
    assert refused.status_code == 422  # approval sees the contract failures: an override is needed


def test_credentials_are_never_stored(world: World, good: str) -> None:
    allow_loopback(world)
    submission = submit_demo(world, staging_url=good)
    secret = "rahasia-uji-perizinan"
    with LocalPool(world.settings, workers=1, poll_s=0.2):
        r = world.client(DEV_DINKES).post(
            f"/api/v1/submissions/{submission}/contract-runs",
            json={
                "auth": "oauth2",
                "token_url": good.removesuffix("/perizinan/v1") + "/sso/token",
                "client_id": "gerbang-spbe",
                "client_secret": secret,
                "max_examples": 3,
            },
        )
        assert r.status_code == 202, r.text
        job = wait_for(world, r.json()["id"])
    assert job["state"] == "selesai", (job.get("error"), job)
    assert job["progress"]["requests"] > 0 and job["progress"]["failures"] == 0  # the fetched token worked
    with world.session() as s:
        stored = json.dumps(
            [
                [j.model_dump(mode="json") for j in s.exec(select(Job)).all()],
                [a.model_dump(mode="json") for a in s.exec(select(AuditEvent)).all()],
                [a.report for a in s.exec(select(AssessmentRecord)).all()],
            ]
        )
    assert secret not in stored and TOKEN not in stored and "gerbang-spbe" not in stored


def _queue_with_secrets(world: World, submission_id: int, base_url: str) -> int:
    from gate.models import JobKind, Submission
    from gate.services import jobs

    with world.session() as s:
        submission = s.get(Submission, submission_id)
        assert submission is not None
        job = jobs.create(
            s,
            None,
            submission,
            JobKind.CONTRACT,
            {"base_url": base_url, "auth": "bearer"},
            needs_secrets=True,
            max_attempts=2,
        )
        assert job.id is not None
        return job.id


def test_a_run_whose_credentials_are_still_on_their_way_is_not_failed(world: World, good: str) -> None:
    """CI saw a run with credentials fail "never stored": on a busy machine its web process handed
    it to the pool later than one sweep after committing the row, and the sweep took the queued row
    for one whose credentials a restart had lost."""
    from gate.jobs.local import LocalDispatcher

    allow_loopback(world)
    submission = submit_demo(world, staging_url=good)
    before = _queue_with_secrets(world, submission, good)  # queued before the pool: a restart lost it
    time.sleep(0.05)
    with LocalPool(world.settings, workers=1, poll_s=0.1):
        job_id = _queue_with_secrets(world, submission, good)
        time.sleep(1.5)  # fifteen sweeps, each of which used to fail it
        assert wait_for(world, before)["error"]["en"].startswith("The test credentials are never stored")
        with world.session() as s:
            waiting = s.get(Job, job_id)
            assert waiting is not None and waiting.state.value == "antre", waiting
        LocalDispatcher(world.settings).send(job_id, {"token": TOKEN})
        job = wait_for(world, job_id)
    assert job["state"] == "selesai", (job.get("error"), job)
    assert job["progress"]["requests"] > 0 and job["progress"]["failures"] == 0  # the token reached the app


def test_another_opd_cannot_start_or_see_a_run(world: World, good: str) -> None:
    allow_loopback(world)
    submission = submit_demo(world, staging_url=good)
    other = world.client(DEV_DISDIK)
    assert other.post(f"/api/v1/submissions/{submission}/contract-runs", json={}).status_code == 404
    r = world.client(DEV_DINKES).post(f"/api/v1/submissions/{submission}/contract-runs", json={})
    assert r.status_code == 202  # no pool running: the job fails at once, with why
    assert r.json()["state"] == "gagal" and "queue" in r.json()["error"]["en"]
    assert other.get(f"/api/v1/jobs/{r.json()['id']}").status_code == 404


def test_bad_targets_are_refused_before_anything_runs(world: World) -> None:
    submission = submit_demo(world)
    dev = world.client(DEV_DINKES)
    url = f"/api/v1/submissions/{submission}/contract-runs"
    assert dev.post(url, json={}).status_code == 422  # no staging URL, no base_url
    assert dev.post(url, json={"base_url": "file:///etc/passwd"}).status_code == 422
    assert dev.post(url, json={"base_url": "http://user:pw@example.go.id/"}).status_code == 422
    assert dev.post(url, json={"base_url": "http://example.go.id/", "auth": "bearer"}).status_code == 422
    assert (
        dev.post(url, json={"base_url": "http://example.go.id/", "auth": "header", "header_value": "x"}).status_code
        == 422
    )


def test_a_target_the_allow_list_refuses_is_refused_before_anything_is_queued(world: World, good: str) -> None:
    """Issue 15: a run refused by the gate's own allow-list used to finish "Selesai" with a KON011
    error that dropped the submission to level 2. It says nothing about the application."""
    submission = submit_demo(world, staging_url=good)
    dev = world.client(DEV_DINKES)
    r = dev.post(f"/api/v1/submissions/{submission}/contract-runs", json={"max_examples": 2})
    assert r.status_code == 422 and "daftar izin" in r.json()["detail"] and "127.0.0.1" in r.json()["detail"]
    english = dev.post(f"/api/v1/submissions/{submission}/contract-runs?lang=en", json={"max_examples": 2})
    assert "allow-list" in english.json()["detail"]
    with world.session() as s:
        assert s.exec(select(Job)).all() == []
        assert len(s.exec(select(AssessmentRecord)).all()) == 1  # the upload's, nothing more
    from tests.service.test_pages import Visitor, _text

    page = Visitor(world, DEV_DINKES)
    page.get(f"/pengajuan/{submission}")
    r = page.client.post(
        f"/pengajuan/{submission}/uji-kontrak", data={"csrf_token": page.csrf, "base_url": good, "auth": "none"}
    )
    assert r.status_code == 422 and "tidak termasuk daftar izin" in _text(r.text)
    world.settings.contract_allow = ["10.0.0.0/8", "*.contohkab.go.id"]  # other places: still refused
    assert dev.post(f"/api/v1/submissions/{submission}/contract-runs", json={}).status_code == 422


def test_an_allowed_target_that_does_not_answer_is_kon011(world: World) -> None:
    allow_loopback(world)
    dead = f"http://127.0.0.1:{free_port()}/perizinan/v1"  # allowed, but nothing listens there
    submission = submit_demo(world, staging_url=dead)
    with LocalPool(world.settings, workers=1, poll_s=0.2):
        r = world.client(DEV_DINKES).post(f"/api/v1/submissions/{submission}/contract-runs", json={"max_examples": 2})
        assert r.status_code == 202, r.text
        job = wait_for(world, r.json()["id"])
    assert job["state"] == "selesai" and job["progress"]["stopped"] == "unreachable"
    report = world.client(DEV_DINKES).get(f"/api/v1/submissions/{submission}/report").json()
    assert any(f["rule"] == "KON011" for f in report["findings"]) and report["verdict"] == "fail"


def _kill_when_running(world: World, job_id: int) -> dict[str, Any]:
    running = wait_for(
        world, job_id, until=lambda j: j["state"] == "berjalan" and (j["progress"] or {}).get("requests")
    )
    with world.session() as s:
        job = s.get(Job, job_id)
        assert job is not None
        os.kill(pid_of(job.worker), signal.SIGKILL)
    return running


def test_a_worker_killed_mid_run_loses_nothing(world: World, good: str) -> None:
    allow_loopback(world)
    world.settings.contract_rate_limit = "20/s"  # slow enough to be killed mid-run
    submission = submit_demo(world, staging_url=good)
    with LocalPool(world.settings, workers=1, poll_s=0.2):
        r = world.client(DEV_DINKES).post(
            f"/api/v1/submissions/{submission}/contract-runs",
            json={"auth": "bearer", "token": TOKEN, "max_examples": 3, "time_limit_s": 8},
        )
        first = _kill_when_running(world, r.json()["id"])
        job = wait_for(world, r.json()["id"])
    assert first["attempts"] == 1
    assert job["state"] == "selesai" and job["attempts"] == 2, job  # run again, with the credentials held
    assert job["progress"]["requests"] > 0 and job["progress"]["stopped"] in ("completed", "time-limit")
    with world.session() as s:
        made = s.exec(select(AssessmentRecord).where(AssessmentRecord.submission_id == submission)).all()
        requeued = s.exec(select(AuditEvent).where(AuditEvent.action == "job.requeue")).all()
    assert len(made) == 2 and len(requeued) == 1  # the upload's assessment and exactly one from the job


def test_a_worker_killed_on_the_last_attempt_fails_the_job_with_why(world: World, good: str) -> None:
    allow_loopback(world)
    world.settings.contract_rate_limit = "20/s"
    world.settings.job_max_attempts = 1
    submission = submit_demo(world, staging_url=good)
    with LocalPool(world.settings, workers=1, poll_s=0.2):
        r = world.client(DEV_DINKES).post(
            f"/api/v1/submissions/{submission}/contract-runs", json={"max_examples": 3, "time_limit_s": 8}
        )
        _kill_when_running(world, r.json()["id"])
        job = wait_for(world, r.json()["id"])
    assert job["state"] == "gagal" and "worker" in job["error"]["en"] and job["assessment_id"] is None


def test_a_run_started_from_the_page_shows_its_progress_and_result(world: World, defective: str) -> None:
    from tests.service.test_pages import Visitor, _text

    allow_loopback(world)
    submission = submit_demo(world, staging_url=defective)
    dev = Visitor(world, DEV_DINKES)
    page = dev.get(f"/pengajuan/{submission}")
    assert "Mulai uji kontrak" in page and f'value="{defective}"' in page  # the staging URL prefilled
    with LocalPool(world.settings, workers=1, poll_s=0.2):
        where = dev.post(
            f"/pengajuan/{submission}/uji-kontrak",
            {"base_url": defective, "auth": "bearer", "token": TOKEN, "time_limit": "30", "max_requests": "400"},
        )
        assert where.startswith(f"/pengajuan/{submission}/tugas/")
        first = dev.get(where)
        assert '<meta http-equiv="refresh" content="2">' in first  # works without JavaScript
        wait_for(world, int(where.rsplit("/", 1)[1]))
    done = dev.get(where)
    assert "refresh" not in done.split("</head>")[0]
    text = _text(done)
    assert "Selesai" in text and "10 dari 10 operasi" in text and "GET /statistik" in text
    assert "Content-Type yang tidak terdokumentasi" in text and TOKEN not in done
    assert "content_type_conformance" not in text and "Undocumented" not in text  # schemathesis' words
    result = re.search(r'href="(/pengajuan/\d+\?penilaian=\d+)"', done)
    assert result is not None
    report = _text(dev.get(unescape(result.group(1))))
    assert "Uji kontrak" in report and "KON" in report
    other = Visitor(world, DEV_DISDIK)
    other.get(where, status=404)


def test_one_contract_run_of_a_submission_at_a_time(world: World) -> None:
    from gate.models import JobKind, Submission
    from gate.services import jobs

    submission_id = submit_demo(world, staging_url="http://staging.example.go.id/perizinan/v1")
    with world.session() as s:
        submission = s.get(Submission, submission_id)
        assert submission is not None
        jobs.create(s, None, submission, JobKind.CONTRACT, {}, needs_secrets=False, max_attempts=2)
    r = world.client(DEV_DINKES).post(f"/api/v1/submissions/{submission_id}/contract-runs", json={})
    assert r.status_code == 409 and "masih berjalan" in r.json()["detail"]
