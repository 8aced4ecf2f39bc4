"""A contract run started in the service, on a worker of the local pool, reads no file named in
a ``$ref`` either: the canary reaches neither the target nor anything the service stores or shows."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import select

from gate.jobs.local import LocalPool
from gate.models import AssessmentRecord, AuditEvent, Job
from tests.gate.test_no_reads_through_refs import Target, _assert_never_leaked, _write, canary, target
from tests.service.conftest import DEV_DINKES, REVIEWER, World
from tests.service.test_jobs import wait_for

__all__ = ["canary", "target"]  # the fixtures, shared with the command-line test


def test_a_job_never_reads_a_referenced_file(world: World, tmp_path: Path, canary: str, target: Target) -> None:
    world.settings.contract_allow = ["127.0.0.1/32"]
    document = _write(tmp_path, canary, target, "3.0", "file")
    dev = world.client(DEV_DINKES)
    r = dev.post(
        "/api/v1/submissions",
        data={"application": "Kanari", "staging_url": target.url},
        files={"file": ("openapi.yaml", document.read_bytes(), "application/yaml")},
    )
    assert r.status_code == 201, r.text
    submission = r.json()["submission"]["id"]
    with LocalPool(world.settings, workers=1, poll_s=0.2):
        r = dev.post(f"/api/v1/submissions/{submission}/contract-runs", json={"max_examples": 3, "time_limit_s": 20})
        assert r.status_code == 202, r.text
        job = wait_for(world, r.json()["id"])
    assert job["state"] == "selesai", job
    assert job["progress"]["requests"] > 0  # the well-defined operation was tested
    reviewer = world.client(REVIEWER)
    shown = [
        reviewer.get(f"/api/v1/submissions/{submission}/report", params={"lang": lang}).text for lang in ("id", "en")
    ]
    job_page = reviewer.get(f"/pengajuan/{submission}/tugas/{job['id']}").text
    assert "Operasi yang tidak diuji" in job_page and "GET /skema" in job_page
    dev_page = reviewer.get(f"/pengajuan/{submission}").text
    shown += [job_page, dev_page, reviewer.get(f"/api/v1/jobs/{job['id']}").text]
    with world.session() as s:
        stored = json.dumps(
            [
                [j.model_dump(mode="json") for j in s.exec(select(Job)).all()],
                [a.model_dump(mode="json") for a in s.exec(select(AuditEvent)).all()],
                [a.report for a in s.exec(select(AssessmentRecord)).all()],
            ]
        )
    _assert_never_leaked(canary, target, stored, *shown)
    untested = {item["path"] for item in job["progress"]["untested"]}
    assert {"/skema", "/parameter", "/contoh", "/item-path", "/callback"} <= untested  # on record, with why
