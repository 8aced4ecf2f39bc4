"""The submission workflow through the API: submit, assess, review, decide, catalogue."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, REVIEWER, World

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOOD = (EXAMPLES / "layanan-perizinan" / "openapi.yaml").read_bytes()
LEGACY = (EXAMPLES / "simpeg-lama" / "swagger.yaml").read_bytes()


def submit(client, name: str, content: bytes, filename: str = "openapi.yaml"):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/submissions", data={"application": name}, files={"file": (filename, content)})


def test_submit_assesses_at_once_and_stores_the_bytes(world: World) -> None:
    dev = world.client(DEV_DINKES)
    r = submit(dev, "Layanan Perizinan", GOOD)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["submission"]["state"] == "dinilai"
    assert body["submission"]["number"] == 1
    assert body["assessment"]["verdict"] == "pass"
    assert body["assessment"]["level"] == 5
    assert body["submission"]["x_spbe"]["hosting"] == "pusat-data-daerah"
    sid = body["submission"]["id"]
    report = dev.get(body["report_url"]).json()
    assert report["verdict"] == "pass" and report["schema_version"]
    assert dev.get(f"/api/v1/submissions/{sid}/files/openapi.yaml").content == GOOD


def test_a_new_version_links_to_the_previous_one(world: World) -> None:
    dev = world.client(DEV_DINKES)
    first = submit(dev, "Simpeg", LEGACY).json()["submission"]
    second = submit(dev, "Simpeg", LEGACY).json()["submission"]
    assert (second["number"], second["previous_id"]) == (2, first["id"])
    assert second["application_id"] == first["application_id"]


def test_zip_of_a_multi_file_document(world: World) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "api/openapi.yaml",
            "openapi: 3.0.3\ninfo: {title: Uji, version: 1.0.0}\npaths:\n  /a:\n    $ref: paths/a.yaml\n",
        )
        z.writestr("api/paths/a.yaml", "get:\n  responses:\n    '200': {description: ok}\n")
        z.writestr("api/README.md", "ignored")
    r = submit(world.client(DEV_DINKES), "Uji Zip", buf.getvalue(), "api.zip")
    assert r.status_code == 201, r.text
    assert r.json()["submission"]["root_file"] == "openapi.yaml"
    report = world.client(DEV_DINKES).get(r.json()["report_url"]).json()
    assert report["document"]["operations"] == 1
    assert sorted(f["path"] for f in report["document"]["files"]) == ["openapi.yaml", "paths/a.yaml"]


def test_review_reject_resubmit_approve_catalogue(world: World) -> None:
    dev, reviewer = world.client(DEV_DINKES), world.client(REVIEWER)
    bad = submit(dev, "Layanan Perizinan", LEGACY).json()["submission"]
    assert reviewer.post(f"/api/v1/submissions/{bad['id']}/review").json()["state"] == "direview"
    # A failed assessment cannot be approved without an explicit override.
    r = reviewer.post(f"/api/v1/submissions/{bad['id']}/decisions", json={"outcome": "disetujui", "reason": "Oke saja"})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    r = reviewer.post(f"/api/v1/submissions/{bad['id']}/decisions", json={"outcome": "ditolak", "reason": ""})
    assert r.status_code == 422
    r = reviewer.post(
        f"/api/v1/submissions/{bad['id']}/decisions",
        json={"outcome": "ditolak", "reason": "Tidak memakai HTTPS dan tanpa metadata SPBE."},
    )
    assert r.status_code == 201 and r.json()["outcome"] == "ditolak"
    assert world.client(DEV_DISDIK).get("/api/v1/catalogue").json() == []

    good = submit(dev, "Layanan Perizinan", GOOD).json()["submission"]
    assert good["previous_id"] == bad["id"]
    r = reviewer.post(
        f"/api/v1/submissions/{good['id']}/decisions", json={"outcome": "disetujui", "reason": "Memenuhi semua aturan."}
    )
    assert r.status_code == 201 and r.json()["override"] is False
    # Every signed-in user finds it in the catalogue, by name, OPD, operation or data field.
    other = world.client(DEV_DISDIK)
    for q in ("perizinan", "kesehatan", "nik_pemohon", "daftarIzin"):
        found = other.get("/api/v1/catalogue", params={"q": q}).json()
        assert [e["submission"]["id"] for e in found] == [good["id"]], q
    assert other.get("/api/v1/catalogue", params={"q": "tidak-ada-yang-cocok"}).json() == []
    assert other.get(f"/api/v1/submissions/{good['id']}/files/openapi.yaml").content == GOOD
    # ...but not the rejected version, nor its details.
    assert other.get(f"/api/v1/submissions/{bad['id']}/files/swagger.yaml").status_code == 404
    assert other.get(f"/api/v1/submissions/{good['id']}").status_code == 404


def test_override_is_recorded(world: World) -> None:
    dev, reviewer = world.client(DEV_DINKES), world.client(REVIEWER)
    bad = submit(dev, "Simpeg", LEGACY).json()["submission"]
    r = reviewer.post(
        f"/api/v1/submissions/{bad['id']}/decisions",
        json={"outcome": "disetujui", "reason": "Darurat layanan, perbaikan dijadwalkan.", "override": True},
    )
    assert r.status_code == 201 and r.json()["override"] is True
    audit = world.client(ADMIN).get("/api/v1/audit").json()
    decided = [e for e in audit if e["action"] == "submission.decide"]
    assert decided and decided[0]["detail"]["override"] is True


def test_decisions_are_superseded_not_edited(world: World) -> None:
    dev, reviewer = world.client(DEV_DINKES), world.client(REVIEWER)
    sid = submit(dev, "Layanan Perizinan", GOOD).json()["submission"]["id"]
    first = reviewer.post(
        f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus."}
    ).json()
    again = {"outcome": "perlu_perbaikan", "reason": "Kontak salah."}
    assert reviewer.post(f"/api/v1/submissions/{sid}/decisions", json=again).status_code == 409  # which one?
    second = reviewer.post(f"/api/v1/submissions/{sid}/decisions", json={**again, "supersedes": first["id"]}).json()
    assert second["supersedes_id"] == first["id"]
    history = dev.get(f"/api/v1/submissions/{sid}/decisions").json()
    assert [d["outcome"] for d in history] == ["disetujui", "perlu_perbaikan"]
    assert dev.get("/api/v1/catalogue").json() == []  # no longer approved


def test_reassessment_keeps_the_old_assessment(world: World) -> None:
    dev, reviewer = world.client(DEV_DINKES), world.client(REVIEWER)
    sid = submit(dev, "Simpeg", LEGACY).json()["submission"]["id"]
    assert reviewer.post(f"/api/v1/submissions/{sid}/assessments").status_code == 201
    assert len(dev.get(f"/api/v1/submissions/{sid}/assessments").json()) == 2


def test_waiver_applies_to_later_reports(world: World) -> None:
    dev, reviewer = world.client(DEV_DINKES), world.client(REVIEWER)
    body = submit(dev, "Simpeg", LEGACY).json()
    report = dev.get(body["report_url"]).json()
    target = next(f for f in report["findings"] if f["rule"] == "SEC007")
    r = reviewer.post(
        f"/api/v1/applications/{body['submission']['application_id']}/waivers",
        json={
            "rule": "SEC007",
            "pointer": target["pointer"],
            "reason": "Gateway daerah membatasi laju.",
            "expires_on": "2099-01-01",
        },
    )
    assert r.status_code == 201, r.text
    again = submit(dev, "Simpeg", LEGACY).json()
    later = dev.get(again["report_url"]).json()
    waived = [f for f in later["findings"] if f["rule"] == "SEC007" and f["pointer"] == target["pointer"]]
    assert waived and all(f["waived"] for f in waived)
