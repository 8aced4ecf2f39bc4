"""What a new user met (issue 15): anything uploaded became a submission, a mistaken one could not
be taken back, and an empty metadata form changed the score."""

from __future__ import annotations

from sqlmodel import select

from gate.models import AuditEvent
from rules.engine import assess_path
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_pages import Visitor
from tests.service.test_workflow import EXAMPLES, GOOD, LEGACY, submit


def test_what_is_not_an_openapi_document_is_refused_at_upload(world: World) -> None:
    dev = world.client(DEV_DINKES)
    picture = bytes(range(256)) * 40
    r = submit(dev, "Foto", picture, "foto.png")
    assert r.status_code == 422 and "bukan dokumen OpenAPI" in r.json()["detail"] and "UTF-8" in r.json()["detail"]
    manifest = b"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
    r = submit(dev, "Manifest", manifest, "deployment.yaml")
    assert r.status_code == 422 and "`openapi`" in r.json()["detail"]
    r = dev.post("/api/v1/submissions?lang=en", data={"application": "Teks", "document": "hanya catatan"})
    assert r.status_code == 422 and "not an OpenAPI document" in r.json()["detail"]
    assert dev.get("/api/v1/submissions").json() == []  # none of them was stored
    broken = b"openapi: 3.0.3\ninfo: {title: Rusak, version: 1.0.0\npaths: {}\n"  # an OpenAPI document with a typo
    r = submit(dev, "Rusak", broken)
    assert r.status_code == 201 and r.json()["assessment"]["level"] == 1  # the report says what is wrong


def test_an_empty_file_is_called_empty(world: World) -> None:
    r = submit(world.client(DEV_DINKES), "Kosong", b"", "openapi.yaml")
    assert r.status_code == 422 and r.json()["detail"] == "Berkas openapi.yaml kosong."


def test_a_developer_withdraws_an_undecided_submission(world: World) -> None:
    dev, reviewer = world.client(DEV_DINKES), world.client(REVIEWER)
    sid = submit(dev, "Layanan Perizinan", GOOD).json()["submission"]["id"]
    assert world.client(DEV_DISDIK).post(f"/api/v1/submissions/{sid}/withdrawal", json={}).status_code == 404
    assert reviewer.post(f"/api/v1/submissions/{sid}/withdrawal", json={}).status_code == 403
    r = dev.post(f"/api/v1/submissions/{sid}/withdrawal", json={"reason": "Salah unggah berkas."})
    assert r.status_code == 200 and r.json()["state"] == "ditarik"
    decided = reviewer.post(f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus."})
    assert decided.status_code == 409  # nothing left to decide
    assert dev.post(f"/api/v1/submissions/{sid}/withdrawal", json={}).status_code == 409
    with world.session() as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "submission.withdraw")).all()
    assert len(events) == 1 and events[0].detail == {"reason": "Salah unggah berkas."}
    queue = Visitor(world, REVIEWER).get("/antrean")
    assert f"/pengajuan/{sid}" not in queue
    approved = submit(dev, "Layanan Perizinan", GOOD).json()["submission"]["id"]
    reviewer.post(f"/api/v1/submissions/{approved}/decisions", json={"outcome": "disetujui", "reason": "Lulus semua."})
    assert dev.post(f"/api/v1/submissions/{approved}/withdrawal", json={}).status_code == 409  # decided: stays


def test_a_withdrawal_from_the_page(world: World) -> None:
    dev = Visitor(world, DEV_DINKES)
    sid = dev.submit("Layanan Perizinan", GOOD)
    page = dev.get(f"/pengajuan/{sid}")
    assert "Tarik pengajuan" in page
    assert dev.post(f"/pengajuan/{sid}/tarik", {"reason": ""}) == f"/pengajuan/{sid}"
    after = dev.get(f"/pengajuan/{sid}")
    assert "Ditarik" in after and "Tarik pengajuan" not in after


def test_an_empty_metadata_form_scores_as_the_command_line_does(world: World) -> None:
    """SIMPEG has no info.x-spbe: through the form left as prefilled (empty), the web said 16
    errors and 42.5, the command line 11 errors and 45.7. An empty field is a field not given."""
    cli = assess_path(EXAMPLES / "simpeg-lama" / "swagger.yaml")
    sid = Visitor(world, DEV_DINKES).submit("SIMPEG Kabupaten", LEGACY)
    web = world.client(DEV_DINKES).get(f"/api/v1/submissions/{sid}/report").json()
    assert web["summary"]["error"] == cli.counts()["error"]
    assert web["score"]["overall"] == cli.score.overall
    assert {f["rule"] for f in web["findings"]} == {f.rule for f in cli.findings}


def test_the_review_form_appears_in_review_keeps_what_was_typed_and_leaves_after_a_decision(world: World) -> None:
    import re
    from html import unescape

    sid = Visitor(world, DEV_DINKES).submit("SIMPEG Kabupaten", LEGACY)  # fails: approving needs an override
    reviewer = Visitor(world, REVIEWER)
    before = reviewer.get(f"/pengajuan/{sid}")
    assert 'action="/pengajuan/' + str(sid) + '/keputusan"' not in before  # not before the review starts
    assert "Mulai tinjauan untuk memutuskan" in before
    reviewer.post(f"/pengajuan/{sid}/tinjau", {})
    form = reviewer.get(f"/pengajuan/{sid}")
    assert '<option value="" selected>— pilih keputusan —</option>' in form  # nothing chosen for the reviewer
    typed = "Kontrak dan metadata sudah dicek <b>manual</b>."
    r = reviewer.client.post(
        f"/pengajuan/{sid}/keputusan",
        data={"csrf_token": reviewer.csrf, "outcome": "disetujui", "reason": typed, "supersedes": "0"},
    )
    assert r.status_code == 422  # the same page, not a dead end
    page = unescape(r.text)
    assert "pengesampingan eksplisit" in page and typed in page
    assert re.search(r'<option value="disetujui" selected>', r.text)
    assert "&lt;b&gt;manual&lt;/b&gt;" in r.text  # kept, and escaped
    reviewer.get(f"/pengajuan/{sid}")
    assert reviewer.post(f"/pengajuan/{sid}/keputusan", {"outcome": "ditolak", "reason": typed, "supersedes": "0"})
    after = reviewer.get(f"/pengajuan/{sid}")
    assert "/keputusan" not in after and "Ubah keputusan" in after
    change = reviewer.get(f"/pengajuan/{sid}?ubah=1")
    decision = world.client(REVIEWER).get(f"/api/v1/submissions/{sid}/decisions").json()[-1]["id"]
    assert f'name="supersedes" value="{decision}"' in change
    stale = reviewer.client.post(
        f"/pengajuan/{sid}/keputusan",
        data={"csrf_token": reviewer.csrf, "outcome": "perlu_perbaikan", "reason": "Form lama.", "supersedes": "0"},
    )
    assert stale.status_code == 409 and "sudah diputuskan" in unescape(stale.text) and "Form lama." in stale.text
