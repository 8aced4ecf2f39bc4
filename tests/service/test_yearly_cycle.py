"""A whole year on a demo kabupaten, through the pages as its people would use them, checked
against the database.

Three OPDs (the fixture's Dinkes and Disdik, and Bappeda added by the administrator) catalogue
five applications: submitted by their developers, approved by the reviewer. One has a year of
monitoring behind it with poor availability. The administrator opens the evaluation; jobs
reassess every application; Dinkes and Disdik answer before the deadline (one updating its budget,
one retiring an application), Bappeda never does. The administrator closes it, and:

- berkelanjutan: the recommendation is renewed (a new numbered letter, valid, the old one ended);
- perlu_tindakan: a to-do list with its deadline, on the OPD's home and by notification;
- tidak_berkelanjutan: the recommendation lapses (its letter ended), the OPD is told.
"""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from gate.jobs.local import LocalPool
from gate.models import (
    Application,
    AuditEvent,
    EvaluationItem,
    EvaluationOutcome,
    Job,
    JobKind,
    JobState,
    Letter,
    LetterKind,
    Notification,
    Probe,
    User,
    utcnow,
)
from gate.services import letters
from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, PASSWORD, REVIEWER, World
from tests.service.test_evaluation import NEXT, _doc, _wait_assessed
from tests.service.test_evaluation_pages import answer
from tests.service.test_pages import Visitor, _text

YEAR = NEXT
# Within this year: closing counts as the day after the deadline, and a deadline in January would
# make "next year" the year after (the test failed from 1 December with today + 30 days).
DEADLINE = max(date.today(), min(date.today() + timedelta(days=30), date(date.today().year, 12, 30)))
DEV_BAPPEDA = "dev@bappeda.contohkab.go.id"
BUDGET = [{"tahun": NEXT, "sumber": "APBD"}]


def _catalogue(developer: Visitor, reviewer: Visitor, name: str, **meta: object) -> None:
    """Submitted in the pages (upload, then the metadata form as prefilled) and approved there."""
    sid = developer.submit(name, _doc(name, **meta))
    reviewer.get(f"/pengajuan/{sid}")
    reviewer.post(f"/pengajuan/{sid}/tinjau", {})
    reviewer.get(f"/pengajuan/{sid}")
    decision = {"outcome": "disetujui", "reason": "Layak masuk katalog.", "override": "1"}
    assert reviewer.post(f"/pengajuan/{sid}/keputusan", decision) == f"/pengajuan/{sid}"


def _a_year_of_probes(world: World, application_id: int, up: int, down: int) -> None:
    """The monitoring's record of the year (as its rounds write it): ``up`` answered, ``down`` not."""
    now = utcnow()
    with world.session() as s:
        app = s.get(Application, application_id)
        assert app is not None and app.approved_submission_id is not None
        for n in range(up + down):
            at = now - timedelta(days=300) + timedelta(days=3 * n)
            s.add(
                Probe(
                    application_id=application_id,
                    submission_id=app.approved_submission_id,
                    slot=n + 1,
                    at=at,
                    url="https://rujukan.dinkes.contohkab.go.id/openapi.yaml",
                    ok=n < up,
                    status=200 if n < up else 503,
                    tls_days=25,
                    drift=[],
                )
            )
        s.commit()


def _counts_in_page(html: str) -> dict[str, int]:
    """The outcome table of the evaluation's page: {outcome: count}."""
    found = re.findall(r'\?hasil=([a-z_]+)"><span class="badge \w+">[^<]+</span></a></td><td>(\d+)</td>', html)
    return {outcome: int(n) for outcome, n in found}


def _counts_in_database(world: World) -> dict[str, int]:
    out = {o.value: 0 for o in EvaluationOutcome}
    with world.session() as s:
        for outcome, n in s.exec(select(EvaluationItem.outcome, func.count()).group_by(EvaluationItem.outcome)).all():
            out[EvaluationOutcome(outcome).value] = int(n)
    return out


def test_a_whole_year_in_pages(world: World) -> None:
    admin, reviewer = Visitor(world, ADMIN), Visitor(world, REVIEWER)

    # The kabupaten's third OPD and its developer, added by the administrator.
    admin.get("/admin/opd")
    admin.post("/admin/opd", {"kode": "5.01.01", "nama": "Badan Perencanaan Pembangunan Daerah"})
    opds = admin.get("/admin/pengguna")
    bappeda = re.search(r'<option value="(\d+)">5.01.01 · Badan Perencanaan Pembangunan Daerah</option>', opds)
    assert bappeda is not None
    form = {"email": DEV_BAPPEDA, "nama": "Bayu", "peran": "developer", "opd": bappeda.group(1), "sandi": PASSWORD}
    admin.post("/admin/pengguna", form)
    dinkes, disdik, bappenda = Visitor(world, DEV_DINKES), Visitor(world, DEV_DISDIK), Visitor(world, DEV_BAPPEDA)

    _catalogue(dinkes, reviewer, "Sistem Informasi Puskesmas", anggaran=BUDGET)
    _catalogue(dinkes, reviewer, "Layanan Rujukan", anggaran=BUDGET)
    _catalogue(disdik, reviewer, "Dapodik Daerah", anggaran=[2020])
    _catalogue(disdik, reviewer, "Aplikasi Rapor Lama", anggaran=BUDGET)
    _catalogue(bappenda, reviewer, "SIPD Lokal", anggaran=BUDGET)
    with world.session() as s:
        ids = {a.nama: a.id or 0 for a in s.exec(select(Application)).all()}
        first_letters = {ln.application_id: ln.id for ln in s.exec(select(Letter)).all()}
    assert len(ids) == 5 and set(first_letters) == set(ids.values())
    _a_year_of_probes(world, ids["Layanan Rujukan"], up=80, down=20)  # 80%: below the profile's 95%

    with LocalPool(world.settings, workers=2, poll_s=0.2):
        # The administrator opens the year; a job reassesses each application.
        admin.get("/evaluasi")
        assert admin.post("/evaluasi", {"tahun": str(YEAR), "batas": DEADLINE.isoformat()}) == f"/evaluasi/{YEAR}"
        _wait_assessed(world, 5)
        page = admin.get(f"/evaluasi/{YEAR}")
        assert "<strong>5 dari 5</strong>" in page
        links = {name: int(app) for app, name in re.findall(rf'href="/evaluasi/{YEAR}/(\d+)">([^<]+)</a>', page)}
        assert links == ids  # every catalogued application, exactly once
        assert (
            _counts_in_page(page)
            == _counts_in_database(world)
            == {
                "menunggu": 5,
                "berkelanjutan": 0,
                "perlu_tindakan": 0,
                "tidak_berkelanjutan": 0,
            }
        )

        # Each OPD sees its own applications to answer, with the deadline, on its home.
        for visitor, own in ((dinkes, 2), (disdik, 2), (bappenda, 1)):
            home = visitor.get("/")
            panel = home.split('id="evaluasi"', 1)[1].split("</section>", 1)[0]  # not the notifications' links
            assert panel.count(f'href="/evaluasi/{YEAR}/') == own and DEADLINE.isoformat() in panel

        # Dinkes answers both, as they are; the year's record shows on the item page.
        for name in ("Sistem Informasi Puskesmas", "Layanan Rujukan"):
            answer(dinkes, f"/evaluasi/{YEAR}/{ids[name]}")
        assert "80.0% (100 probe)" in _text(dinkes.get(f"/evaluasi/{YEAR}/{ids['Layanan Rujukan']}"))
        # Disdik commits next year's budget for one and retires the other.
        item = _text(disdik.get(f"/evaluasi/{YEAR}/{ids['Dapodik Daerah']}"))
        assert "SUS006" in item and "Tidak lulus" in item
        answer(disdik, f"/evaluasi/{YEAR}/{ids['Dapodik Daerah']}", anggaran=f"{NEXT}, {NEXT + 1}")
        answer(disdik, f"/evaluasi/{YEAR}/{ids['Aplikasi Rapor Lama']}", lifecycle="retired")
        # Bappeda does not answer.
        _wait_assessed(world, 9)
        # An item's outcome is set when its reassessment job finishes, after the assessment is
        # stored: the page is read once no job is left.
        deadline = time.monotonic() + 60
        while True:
            with world.session() as s:
                left = s.exec(
                    select(func.count()).select_from(Job).where(col(Job.state).in_([JobState.QUEUED, JobState.RUNNING]))
                ).one()
            if not left or time.monotonic() > deadline:
                break
            time.sleep(0.2)

    before = admin.get(f"/evaluasi/{YEAR}")
    assert (
        _counts_in_page(before)
        == _counts_in_database(world)
        == {
            "menunggu": 1,
            "berkelanjutan": 2,
            "perlu_tindakan": 1,
            "tidak_berkelanjutan": 1,
        }
    )
    assert re.search(r"Dijawab OPD</a></th><td>4 dari 5</td>", before)
    assert "Dapodik Daerah" in admin.get(f"/evaluasi/{YEAR}?hasil=berkelanjutan")
    assert "SIPD Lokal" in admin.get(f"/evaluasi/{YEAR}?dijawab=tidak")

    # The close: outcomes act.
    assert admin.post(f"/evaluasi/{YEAR}/tutup", {}) == f"/evaluasi/{YEAR}"
    after = admin.get(f"/evaluasi/{YEAR}")
    assert (
        _counts_in_page(after)
        == _counts_in_database(world)
        == {
            "menunggu": 0,
            "berkelanjutan": 2,
            "perlu_tindakan": 1,
            "tidak_berkelanjutan": 2,
        }
    )
    with world.session() as s:
        items = {i.application_id: i for i in s.exec(select(EvaluationItem)).all()}
        every_letter = {ln.id: ln for ln in s.exec(select(Letter)).all()}
        told = {
            (n.kind, n.href)
            for n in s.exec(select(Notification).where(col(Notification.kind).like("evaluation_%"))).all()
        }
        users = {u.email: u.id for u in s.exec(select(User)).all()}
        dinkes_told = s.exec(
            select(Notification).where(
                Notification.kind == "evaluation_action", Notification.user_id == users[DEV_DINKES]
            )
        ).all()
        evaluated = s.exec(
            select(func.count()).select_from(Job).where(Job.kind == JobKind.EVALUATE, Job.state == JobState.DONE)
        ).one()
        audit = [e.action for e in s.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()]
    assert evaluated == 9  # five openings, four answers: each a reassessment job
    assert audit.count("evaluation.open") == 1 and audit.count("evaluation.confirm") == 4
    assert audit.count("evaluation.close") == 1

    # berkelanjutan: renewed by a new recommendation, which holds; the one it replaces ended.
    for name in ("Sistem Informasi Puskesmas", "Dapodik Daerah"):
        item = items[ids[name]]
        assert item.outcome is EvaluationOutcome.SUSTAINED
        renewed = every_letter[item.renewed_letter_id]
        assert renewed.kind is LetterKind.RECOMMENDATION and renewed.id != first_letters[ids[name]]
        assert letters.status(renewed) == "berlaku"
        assert letters.status(every_letter[first_letters[ids[name]]]) == "berakhir"
        assert renewed.nomor in admin.get(f"/evaluasi/{YEAR}/{ids[name]}")
    # The renewal runs on the budget Disdik confirmed in the evaluation, not only on last year's.
    dapodik = every_letter[items[ids["Dapodik Daerah"]].renewed_letter_id]
    assert dapodik.valid_until is not None and dapodik.valid_until >= date.today() + timedelta(days=300)

    # perlu_tindakan: the to-do list and its deadline, on the OPD's home and page, and by notification.
    rujukan = items[ids["Layanan Rujukan"]]
    assert rujukan.outcome is EvaluationOutcome.ACTION and [t["code"] for t in rujukan.todo] == ["availability"]
    action_days = int(rujukan.todo_deadline is not None and (rujukan.todo_deadline - date.today()).days)
    assert action_days == 90  # the profile's action_days
    assert rujukan.renewed_letter_id is None
    assert letters.status(every_letter[first_letters[ids["Layanan Rujukan"]]]) == "berlaku"  # held while acting
    home = _text(dinkes.get("/"))
    assert "Perlu tindakan" in home and "Ketersediaan 80.0% di bawah 95%" in home
    assert rujukan.todo_deadline.isoformat() in home  # type: ignore[union-attr]
    assert "Ketersediaan 80.0%" in _text(dinkes.get("/evaluasi"))
    assert "Ketersediaan 80.0%" not in _text(disdik.get("/"))  # another OPD's to-do list stays its own
    assert len(dinkes_told) == 1 and dinkes_told[0].href == f"/evaluasi/{YEAR}/{ids['Layanan Rujukan']}"

    # tidak_berkelanjutan: retired (answered) and unanswered (Bappeda) lapse; their letters end; the OPD is told.
    for name in ("Aplikasi Rapor Lama", "SIPD Lokal"):
        item = items[ids[name]]
        assert item.outcome is EvaluationOutcome.LAPSED and item.renewed_letter_id is None
        ended = every_letter[first_letters[ids[name]]]
        assert letters.status(ended) == "berakhir" and ended.ended_reason == letters.ENDED_LAPSED
        assert ("evaluation_lapsed", f"/evaluasi/{YEAR}/{ids[name]}") in told
        assert "Tidak berkelanjutan" in _text(admin.get(f"/evaluasi/{YEAR}/{ids[name]}"))
        # Out of the default catalogue; still reachable, with its history.
        assert f'href="/katalog/{ids[name]}"' not in admin.get("/katalog")
        assert f'href="/katalog/{ids[name]}"' in admin.get("/katalog?include_expired=1")
    for name in ("Sistem Informasi Puskesmas", "Dapodik Daerah", "Layanan Rujukan"):
        assert f'href="/katalog/{ids[name]}"' in admin.get("/katalog")
    assert "belum mengonfirmasi" in _text(bappenda.get(f"/evaluasi/{YEAR}/{ids['SIPD Lokal']}"))

    # Too late: after the close Bappeda's answer is refused and changes nothing.
    r = bappenda.client.post(
        f"/evaluasi/{YEAR}/{ids['SIPD Lokal']}/konfirmasi", data={"csrf_token": bappenda.csrf, "anggaran": str(NEXT)}
    )
    assert r.status_code == 409 and "ditutup" in _text(r.text)
    with world.session() as s:
        late = s.exec(select(EvaluationItem).where(EvaluationItem.application_id == ids["SIPD Lokal"])).one()
    assert late.confirmed_at is None and late.outcome is EvaluationOutcome.LAPSED
