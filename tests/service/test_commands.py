"""The service's commands: demo data, admin users, and `spbe-gate submit` against a live server."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from gate.cli import main
from gate.core.config import Settings
from gate.demo import DEMO_PASSWORD, load_demo
from gate.main import create_app
from gate.models import Job, JobKind, JobState, Submission, User
from tests.helpers import ci_token as _token
from tests.service.test_workflow import EXAMPLES


def test_demo_is_loaded_once(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", secret_key="x"))
    load_demo(app.state.engine)
    load_demo(app.state.engine)
    with Session(app.state.engine) as s:
        assert len(s.exec(select(User)).all()) == 5
        states = sorted(sub.state.value for sub in s.exec(select(Submission)).all())
    assert states == ["dinilai", "disetujui", "ditolak"]


def test_submit_from_ci(live: tuple[str, Settings], capsys: pytest.CaptureFixture[str]) -> None:
    base, _ = live
    token = _token(base)
    good = EXAMPLES / "layanan-perizinan" / "openapi.yaml"
    assert main(["submit", str(good), "--server", base, "--token", token, "--application", "Perizinan"]) == 0
    assert "LULUS" in capsys.readouterr().out
    legacy = EXAMPLES / "simpeg-lama" / "swagger.yaml"
    assert main(["submit", str(legacy), "--server", base, "--token", token, "--lang", "en"]) == 1
    assert "NOT PASSED" in capsys.readouterr().out
    # A folder is sent as a zip of its YAML/JSON files.
    assert main(["submit", str(good.parent), "--server", base, "--token", token]) == 0
    assert main(["submit", str(good), "--server", base, "--token", "sgt_salah"]) == 2
    assert "401" in capsys.readouterr().err
    assert main(["submit", str(good), "--server", "http://127.0.0.1:9", "--token", token]) == 2


def test_a_resubmission_is_a_new_version_of_the_same_application(
    live: tuple[str, Settings], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The application is named after info.title, as the upload form does, never after the file:
    the same document submitted again from CI is version 2 of one catalogue entry."""
    from gate.models import Application

    base, settings = live
    token = _token(base)
    good = EXAMPLES / "layanan-perizinan" / "openapi.yaml"
    copy = tmp_path / "api" / "swagger.yaml"  # another file name, another folder: the same application
    copy.parent.mkdir()
    copy.write_bytes(good.read_bytes())
    pages = []
    for path in (good, copy, good.parent):
        assert main(["submit", str(path), "--server", base, "--token", token]) == 0
        out = capsys.readouterr().out
        assert "LULUS: tingkat 5 · skor 100.0 · 0 galat, 0 peringatan" in out
        pages.append(out.strip().splitlines()[-1])
    with Session(create_app(settings, migrate=False).state.engine) as s:
        apps = s.exec(select(Application)).all()
        mine = [a for a in apps if a.nama == "Layanan Perizinan Berusaha"]
        assert len(mine) == 1 and not any(a.nama in ("openapi.yaml", "swagger.yaml") for a in apps)
        numbers = sorted(x.number for x in s.exec(select(Submission)).all() if x.application_id == mine[0].id)
    assert numbers[-3:] == [numbers[-3], numbers[-3] + 1, numbers[-3] + 2]
    # Each run names the submission's page (where the report and the review are), not the API's URL.
    import httpx

    with httpx.Client() as browser:
        signin = {"email": "dev@dpmptsp.contohkab.go.id", "password": DEMO_PASSWORD}
        assert browser.post(f"{base}/api/v1/auth/login", json=signin).status_code == 200
        for line, number in zip(pages, numbers[-3:], strict=True):
            assert line.startswith(f"Layanan Perizinan Berusaha, versi {number}: {base}/pengajuan/")
            page = browser.get(line.rsplit(" ", 1)[1])
            assert page.status_code == 200 and "text/html" in page.headers["content-type"]


def test_admin_creates_users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ADMIN_PW", "sangat-rahasia-sekali")
    from gate.core.config import get_settings

    get_settings.cache_clear()
    try:
        assert main(["admin", "create-opd", "--kode", "9.99", "--nama", "Dinas Uji"]) == 0
        assert (
            main(["admin", "create-user", "--email", "a@contohkab.go.id", "--nama", "A", "--password-env", "ADMIN_PW"])
            == 0
        )
        args = ["admin", "create-user", "--email", "d@contohkab.go.id", "--nama", "D", "--role", "developer"]
        assert main([*args, "--opd", "9.99", "--password-env", "ADMIN_PW"]) == 0
        assert main([*args, "--opd", "0.00", "--password-env", "ADMIN_PW"]) == 2
    finally:
        get_settings.cache_clear()


def test_a_large_document_from_ci_is_assessed_by_a_job(
    live: tuple[str, Settings], capsys: pytest.CaptureFixture[str]
) -> None:
    from gate.jobs.local import LocalPool
    from gate.models import Job, JobKind, JobState

    base, settings = live
    settings.inline_assess_max_bytes = 1024  # every document is "large" here
    token = _token(base)
    good = EXAMPLES / "layanan-perizinan" / "openapi.yaml"
    with LocalPool(settings, workers=1, poll_s=0.2):
        assert main(["submit", str(good), "--server", base, "--token", token, "--application", "Besar"]) == 0
    assert "LULUS" in capsys.readouterr().out
    with Session(create_app(settings, migrate=False).state.engine) as s:
        job = s.exec(select(Job)).one()
        submission = s.get(Submission, job.submission_id)
    assert job.kind is JobKind.ASSESS and job.state is JobState.DONE and job.assessment_id is not None
    assert submission is not None and submission.state.value == "dinilai"


def test_serve_demo_lets_runs_reach_the_demonstration_application(tmp_path: Path, good: str) -> None:
    """Plain `serve --demo` used to refuse every run (an empty allow-list) and count it as KON011."""
    import os
    import subprocess
    import sys
    import time

    import httpx

    from tests.helpers import free_port

    port = free_port()
    env = {**os.environ, "GATE_DATA_DIR": str(tmp_path / "data"), "GATE_PORT": str(port)}
    for name in ("GATE_DATABASE_URL", "GATE_CONTRACT_ALLOW"):
        env.pop(name, None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "gate", "serve", "--demo", "--job-workers", "1", "--no-access-log"],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if client.get("/api/v1/kesehatan").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            r = client.post(
                "/api/v1/auth/login", json={"email": "dev@dpmptsp.contohkab.go.id", "password": DEMO_PASSWORD}
            )
            client.headers["X-CSRF-Token"] = r.json()["csrf_token"]
            sid = client.get("/api/v1/submissions").json()[0]["id"]
            r = client.post(
                f"/api/v1/submissions/{sid}/contract-runs",
                json={"base_url": good, "auth": "bearer", "token": "token-uji-perizinan", "max_examples": 2},
            )
            assert r.status_code == 202, r.text
            job = r.json()
            while job["state"] in ("antre", "berjalan") and time.monotonic() < deadline + 60:
                time.sleep(0.3)
                job = client.get(f"/api/v1/jobs/{job['id']}").json()
            assert job["state"] == "selesai" and job["progress"]["stopped"] != "unreachable", job
            assert job["progress"]["requests"] > 0
    finally:
        proc.terminate()
        proc.wait(20)


def test_the_yearly_evaluation_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`spbe-gate evaluasi buka --tahun`: one item per catalogued application (the demo has one),
    opening again adds none; the jobs wait in the table for a serve's pool; status and close."""
    from gate.core.config import get_settings

    monkeypatch.setenv("GATE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GATE_SECRET_KEY", "uji-" + "r" * 40)
    get_settings.cache_clear()
    try:
        app = create_app(get_settings())
        load_demo(app.state.engine)
        assert main(["evaluasi", "buka", "--tahun", "2027"]) == 0
        first = capsys.readouterr()
        assert "1 aplikasi ditambahkan" in first.err and "Evaluasi / evaluation 2027" in first.out
        assert main(["evaluasi", "buka", "--tahun", "2027"]) == 0
        assert "0 aplikasi ditambahkan" in capsys.readouterr().err
        assert main(["evaluasi", "status", "--tahun", "2028"]) == 2
        assert main(["evaluasi", "tutup", "--tahun", "2027", "--oleh", "tidak@ada.go.id"]) == 2
        assert main(["evaluasi", "tutup", "--tahun", "2027"]) == 0
        assert "tidak_berkelanjutan  1" in capsys.readouterr().out  # unanswered: the demo OPD never confirmed
        with Session(app.state.engine) as s:
            queued = s.exec(select(Job).where(Job.kind == JobKind.EVALUATE)).all()
        assert len(queued) == 1 and queued[0].state is JobState.QUEUED  # for a running serve's pool
    finally:
        get_settings.cache_clear()
