"""The yearly evaluation's pages, driven as a browser would (forms, cookies, redirects), on both
databases: opening, progress without script, filters, an item's page, the OPD's answer, a
reviewer's override, who may see and do what, and the bulk reassessment's page."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from html import unescape
from pathlib import Path

from sqlmodel import select

from gate.jobs.local import LocalPool
from gate.models import AuditEvent, Evaluation, EvaluationItem, EvaluationOutcome
from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_evaluation import NEXT, _catalogue, _wait_assessed
from tests.service.test_pages import Visitor, _text

YEAR = NEXT
DEADLINE = date.today() + timedelta(days=21)


def _item(world: World, application_id: int) -> EvaluationItem:
    with world.session() as s:
        found = s.exec(select(EvaluationItem).where(EvaluationItem.application_id == application_id)).one()
        s.expunge(found)
        return found


_FIELD = re.compile(r'<input id="(anggaran|pj_nama|pj_email|sunset)" name="[^"]+" type="[^"]+"[^>]* value="([^"]*)"')
_LIFECYCLE = re.compile(r'<select id="lifecycle" name="lifecycle">.*?<option value="([^"]*)" selected', re.S)


def answer(visitor: Visitor, path: str, **changes: str) -> str:
    """The OPD's answer as a browser sends it: the confirmation form as prefilled, with ``changes``."""
    form = visitor.get(path)
    values = {name: unescape(value) for name, value in _FIELD.findall(form)}
    if found := _LIFECYCLE.search(form):
        values["lifecycle"] = found.group(1)
    assert set(values) == {"anggaran", "pj_nama", "pj_email", "sunset", "lifecycle"}, values
    return visitor.post(path + "/konfirmasi", values | changes)


def _refused(visitor: Visitor, path: str, data: dict[str, str], status: int) -> str:
    r = visitor.client.post(path, data={"csrf_token": visitor.csrf, **data})
    assert r.status_code == status, (path, r.status_code, r.text[-1500:])
    return _text(r.text)


def test_open_answer_override_close_in_pages(world: World) -> None:
    budget = [{"tahun": NEXT, "sumber": "APBD"}]
    rapi = _catalogue(world, DEV_DINKES, "Layanan <b>Rapi</b>", anggaran=budget)
    kurang = _catalogue(world, DEV_DINKES, "Layanan Kurang", anggaran=[2020])
    lain = _catalogue(world, DEV_DISDIK, "Layanan Sekolah", anggaran=budget)
    admin, reviewer = Visitor(world, ADMIN), Visitor(world, REVIEWER)
    dinkes, disdik = Visitor(world, DEV_DINKES), Visitor(world, DEV_DISDIK)

    # Only an administrator opens; a refused form comes back with why and what was typed.
    assert "Buka evaluasi" in admin.get("/evaluasi")
    assert "Buka evaluasi" not in reviewer.get("/evaluasi")
    page = _refused(admin, "/evaluasi", {"tahun": str(YEAR), "batas": "besok"}, 422)
    assert "Tanggal tidak sah" in page
    past = (date.today() - timedelta(days=1)).isoformat()
    assert "Batas waktu harus di masa depan" in _refused(admin, "/evaluasi", {"tahun": str(YEAR), "batas": past}, 422)
    dinkes.get("/")
    _refused(dinkes, "/evaluasi", {"tahun": str(YEAR), "batas": DEADLINE.isoformat()}, 403)
    admin.get("/evaluasi")
    assert admin.post("/evaluasi", {"tahun": str(YEAR), "batas": DEADLINE.isoformat()}) == f"/evaluasi/{YEAR}"

    # No worker yet: the reassessments wait, and the page reloads itself (no script) until they are done.
    waiting = admin.get(f"/evaluasi/{YEAR}")
    assert '<meta http-equiv="refresh"' in waiting
    assert re.search(r"Dinilai ulang</label>: <strong>0 dari 3</strong>", waiting)
    assert "Layanan &lt;b&gt;Rapi&lt;/b&gt;" in waiting and "<b>Rapi</b>" not in waiting
    with LocalPool(world.settings, workers=2, poll_s=0.2):
        _wait_assessed(world, 3)
        done = admin.get(f"/evaluasi/{YEAR}")
        assert '<meta http-equiv="refresh"' not in done
        assert re.search(r"Dinilai ulang</label>: <strong>3 dari 3</strong>", done)
        assert "<h2>Aplikasi yang dievaluasi</h2>" in done and "built-in method" not in done

        # The OPD's developer: their items to answer, on the home page and on their own page; never another OPD's.
        home = _text(dinkes.get("/"))
        assert "Layanan <b>Rapi</b>" in home and "Layanan Kurang" in home and "Layanan Sekolah" not in home
        assert DEADLINE.isoformat() in home
        assert "Layanan Sekolah" not in _text(dinkes.get("/evaluasi"))
        dinkes.get(f"/evaluasi/{YEAR}/{lain}", 404)
        dinkes.get(f"/evaluasi/{YEAR}", 403)
        disdik.get(f"/evaluasi/{YEAR}/{lain}")
        _refused(disdik, f"/evaluasi/{YEAR}/{rapi}/konfirmasi", {"anggaran": "2099"}, 404)

        # The answer: the form comes prefilled from the approved version; Dinkes adds next year's budget.
        form = dinkes.get(f"/evaluasi/{YEAR}/{kurang}")
        assert 'id="anggaran" name="anggaran" type="text" maxlength="2000" value="2020"' in form
        assert "SUS006" in form  # the failed rules of the reassessment
        answer(dinkes, f"/evaluasi/{YEAR}/{kurang}", anggaran=f"2020, {NEXT}", lifecycle="production")
        answer(
            dinkes, f"/evaluasi/{YEAR}/{rapi}", pj_nama="Dewi <Kepala Seksi>", pj_email="dewi@dinkes.contohkab.go.id"
        )
        _wait_assessed(world, 5)
    answered = _item(world, kurang)
    assert answered.metadata_ is not None and answered.metadata_["anggaran"] == [2020, NEXT]
    assert answered.budget_next_year and answered.confirmed_at is not None
    rapi_item = _item(world, rapi)
    assert rapi_item.metadata_ is not None
    assert rapi_item.metadata_["penanggung_jawab"]["nama"] == "Dewi <Kepala Seksi>"
    assert rapi_item.metadata_["anggaran"] == budget  # untouched: kept as written, with its source
    page = dinkes.get(f"/evaluasi/{YEAR}/{rapi}")
    assert "Dewi &lt;Kepala Seksi&gt;" in page and "diubah OPD" in page
    assert "Konfirmasi ulang" in page  # answered: it may be corrected until the close

    # Filters: by OPD, by answer, by outcome.
    assert "Layanan Sekolah" in admin.get(f"/evaluasi/{YEAR}?dijawab=tidak")
    assert "Layanan Kurang" not in admin.get(f"/evaluasi/{YEAR}?dijawab=tidak")
    by_opd = _text(admin.get(f"/evaluasi/{YEAR}?opd={world.disdik}"))
    assert "Layanan Sekolah" in by_opd and "Layanan Kurang" not in by_opd
    pending = _text(admin.get(f"/evaluasi/{YEAR}?hasil=menunggu"))
    assert "Layanan Sekolah" in pending and "Layanan Kurang" not in pending

    # A reviewer overrides with a reason (audited); a developer may not, and a reason is required.
    assert "Kesampingkan hasil" not in dinkes.get(f"/evaluasi/{YEAR}/{kurang}")
    _refused(dinkes, f"/evaluasi/{YEAR}/{kurang}/kesampingkan", {"hasil": "berkelanjutan", "alasan": "saya"}, 403)
    reviewer.get(f"/evaluasi/{YEAR}/{lain}")
    assert "alasan" in _refused(reviewer, f"/evaluasi/{YEAR}/{lain}/kesampingkan", {"hasil": "berkelanjutan"}, 422)
    reason = "Sekolah sedang migrasi server; <dicek> ulang triwulan depan."
    reviewer.post(f"/evaluasi/{YEAR}/{lain}/kesampingkan", {"hasil": "perlu_tindakan", "alasan": reason})
    assert _item(world, lain).outcome is EvaluationOutcome.ACTION
    shown = reviewer.get(f"/evaluasi/{YEAR}/{lain}")
    assert "&lt;dicek&gt;" in shown and "Dikesampingkan peninjau" in shown
    with world.session() as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "evaluation.override")).all()
    assert [e.detail["to"] for e in events] == ["perlu_tindakan"]

    # Closing: administrators only; then nothing may be answered any more.
    reviewer.get(f"/evaluasi/{YEAR}")
    _refused(reviewer, f"/evaluasi/{YEAR}/tutup", {}, 403)
    assert "Tutup evaluasi" in admin.get(f"/evaluasi/{YEAR}")
    assert admin.post(f"/evaluasi/{YEAR}/tutup", {}) == f"/evaluasi/{YEAR}"
    closed = admin.get(f"/evaluasi/{YEAR}")
    assert "Tutup evaluasi" not in closed and "Ditutup" in closed
    with world.session() as s:
        assert s.exec(select(Evaluation)).one().closed_at is not None
    page = dinkes.get(f"/evaluasi/{YEAR}/{kurang}")
    assert "Konfirmasi metadata" not in page
    assert "ditutup" in _refused(dinkes, f"/evaluasi/{YEAR}/{kurang}/konfirmasi", {"anggaran": "2099"}, 409)


def test_a_bulk_reassessment_in_pages(world: World, tmp_path: Path) -> None:
    _catalogue(world, DEV_DINKES, "Layanan Tetap", anggaran=[{"tahun": NEXT}])
    _catalogue(world, DEV_DISDIK, "Layanan Berubah", anggaran=[2020])  # SUS006 fails it
    profile = tmp_path / "profil.yaml"
    profile.write_text("rules:\n  SUS006: {severity: warning}\n", encoding="utf-8")  # the profile changed
    world.settings.profile_file = profile
    admin = Visitor(world, ADMIN)
    Visitor(world, REVIEWER).get("/penilaian-ulang", 403)
    assert "Belum ada penilaian ulang massal" in admin.get("/penilaian-ulang")
    batch = admin.post("/penilaian-ulang", {})
    assert re.fullmatch(r"/penilaian-ulang/\d+", batch)
    assert '<meta http-equiv="refresh"' in admin.get(batch)  # no worker yet: it reloads itself
    with LocalPool(world.settings, workers=2, poll_s=0.2):
        deadline = time.monotonic() + 120
        while "<strong>2 dari 2</strong>" not in (page := admin.get(batch)):
            assert time.monotonic() < deadline, "the reassessment did not finish"
            time.sleep(0.3)
    assert '<meta http-equiv="refresh"' not in page
    text = _text(page)
    assert "Layanan Berubah" in text and "Layanan Tetap" not in text  # only whose verdict changed
    assert re.search(r"Tidak lulus · \d · [^→]+ → Lulus · \d", text)
    row = page[page.index("Layanan Berubah") :]
    assert "SUS006" in row[: row.index("</tr>")]
    everyone = _text(admin.get(batch + "?semua=1"))
    assert "Layanan Berubah" in everyone and "Layanan Tetap" in everyone
    assert re.search(r'href="/pengajuan/\d+\?penilaian=\d+">Layanan Berubah<', page)  # to its new report
    assert batch in admin.get("/penilaian-ulang")


def test_the_home_pages_lead_to_the_evaluation(world: World) -> None:
    admin, reviewer = Visitor(world, ADMIN), Visitor(world, REVIEWER)
    assert "Belum ada evaluasi" in admin.get("/")
    assert 'href="/penilaian-ulang"' in admin.get("/") and 'href="/penilaian-ulang"' not in reviewer.get("/")
    assert 'href="/evaluasi"' in reviewer.get("/")
    assert "Tidak ada yang perlu dijawab" in Visitor(world, DEV_DINKES).get("/")
    Visitor(world, DEV_DINKES).get("/penilaian-ulang", 403)
    admin.get(f"/evaluasi/{YEAR}", 404)
