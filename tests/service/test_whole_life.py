# ruff: noqa: F811  (the fixtures imported from test_mail and test_monitoring are parameters here)
"""The whole life of an approval (issue 16): approved with a numbered letter whose QR code a phone
reads and whose verification page says it holds; the deployment watched round after round; the
live API changes (drift found, the OPD mailed); the deployment dies (after N failed rounds, the OPD
mailed); the recommendation nears and reaches its end date (mailed, then `kedaluwarsa` and out of
the catalogue's default search, still reachable with its history)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import trustme
from fastapi.testclient import TestClient
from sqlmodel import select

from gate.jobs.work import run_job
from gate.models import Letter, LetterKind, Notification, User
from gate.services import monitoring
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, World
from tests.service.test_mail import Inbox, inbox  # noqa: F401 (fixture)
from tests.service.test_monitoring import APPROVED, Deployment, _catalogue, _configure, ca, deployments  # noqa: F401
from tests.service.test_pages import Visitor
from tests.service.test_printing import _codes, _text

INTERVAL_S = 3600


def _round(world: World, at: datetime) -> dict[str, object]:
    """One scheduled round at ``at``, run to its end by a worker in this process."""
    with world.session() as s:
        job = monitoring.schedule(s, world.settings, world.app.app.state.dispatcher, now=at)  # type: ignore[attr-defined]
        assert job is not None and job.id is not None
        job_id = job.id
    run_job(world.settings, job_id, None, "uji-siklus")
    with world.session() as s:
        from gate.models import Job

        done = s.get(Job, job_id)
        assert done is not None and done.state.value == "selesai", done
        return dict(done.progress or {})


def _mail_to(inbox: Inbox, address: str) -> list[str]:
    return [str(m["Subject"]) for m in inbox.messages if m["To"] == address]


def test_the_whole_life_of_an_approval(
    world: World,
    deployments: list[Deployment],
    ca: tuple[trustme.CA, Path],
    inbox: Inbox,
) -> None:
    _configure(world, ca[1])
    settings = world.settings
    settings.monitor_failures_alert, settings.monitor_interval_s = 2, INTERVAL_S
    deployment = deployments[0]
    app_id = _catalogue(world, "Perizinan Sepanjang Hayat", deployment.base)

    # 1. Approved: a numbered recommendation, a letter whose QR code leads to a page that says it holds.
    with world.session() as s:
        (letter,) = s.exec(select(Letter).where(Letter.kind == LetterKind.RECOMMENDATION)).all()
    dev = Visitor(world, DEV_DINKES)
    pdf = dev.client.get(f"/surat/{letter.code}.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert letter.nomor in _text(pdf.content) and "Perizinan Sepanjang Hayat" in _text(pdf.content)
    (verification,) = _codes(pdf.content)
    assert verification == f"{settings.public_url}/verifikasi/{letter.code}"
    anyone = TestClient(world.app.app)
    page = anyone.get(urlsplit(verification).path)
    assert page.status_code == 200 and letter.nomor in page.text and "Berlaku" in page.text

    # 2. Watched: two rounds, both fine; nobody is told anything.
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    for n in range(2):
        assert _round(world, start + timedelta(seconds=n * INTERVAL_S))["down"] == 0
    with world.session() as s:
        assert s.exec(select(Notification).where(Notification.kind != "keputusan")).all() == []

    # 3. The deployment serves a changed API: drift found, the OPD mailed.
    deployment.document = json.loads(json.dumps(APPROVED))
    del deployment.document["paths"]["/statistik"]
    _round(world, start + timedelta(seconds=2 * INTERVAL_S))
    assert any("berbeda" in s for s in _mail_to(inbox, DEV_DINKES)), _mail_to(inbox, DEV_DINKES)

    # 4. The deployment dies: one failed round tells nobody, the second in a row does.
    deployment.healthy = False
    _round(world, start + timedelta(seconds=3 * INTERVAL_S))
    with world.session() as s:
        assert not s.exec(select(Notification).where(Notification.kind == "deployment_down")).all()
    _round(world, start + timedelta(seconds=4 * INTERVAL_S))
    assert any("gagal dijangkau" in s for s in _mail_to(inbox, DEV_DINKES)), _mail_to(inbox, DEV_DINKES)
    assert _mail_to(inbox, DEV_DISDIK) == []  # another OPD hears nothing

    # 5. Thirty days before its end: the OPD is told; at its end date: kedaluwarsa, out of default search.
    today = datetime.now(UTC).date()
    with world.session() as s:
        row = s.get(Letter, letter.id)
        assert row is not None
        row.valid_until = today + timedelta(days=20)
        s.add(row)
        s.commit()
    _round(world, start + timedelta(seconds=5 * INTERVAL_S))
    assert any("berakhir" in s for s in _mail_to(inbox, DEV_DINKES)), _mail_to(inbox, DEV_DINKES)
    with world.session() as s:
        row = s.get(Letter, letter.id)
        assert row is not None
        row.valid_until = today - timedelta(days=1)
        s.add(row)
        s.commit()
    other = Visitor(world, DEV_DISDIK)
    assert "Perizinan Sepanjang Hayat" not in other.get("/katalog")
    assert "Perizinan Sepanjang Hayat" in other.get("/katalog?include_expired=1")
    entry = other.get(f"/katalog/{app_id}")
    assert "kedaluwarsa" in entry.lower()
    page = anyone.get(urlsplit(verification).path)
    assert page.status_code == 200 and "kedaluwarsa" in page.text.lower()
    with world.session() as s:
        users = {u.email: u.id for u in s.exec(select(User)).all()}
        told = {n.kind for n in s.exec(select(Notification).where(Notification.user_id == users[DEV_DINKES])).all()}
    assert {"drift", "deployment_down", "recommendation_expiring"} <= told
