"""The catalogue as users search it: filters (OPD, level, lifecycle, validity), sorting, the
recommendation's validity on each entry, and expired entries out of the default search but still
reachable, in the pages and the API alike."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import delete, select

from gate.models import Letter
from gate.services import letters
from gate.web.views.letters import long_date
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_pages import Visitor, _text
from tests.service.test_workflow import GOOD, LEGACY, submit

PUBLIC = "https://gerbang.contohkab.go.id"
STAGING = GOOD.replace(b"lifecycle: production", b"lifecycle: staging")


def _approve(world: World, dev: str, name: str, document: bytes) -> tuple[int, Letter]:
    """Approved (a failed legacy document with the override): (application id, its recommendation)."""
    r = submit(world.client(dev), name, document)
    assert r.status_code == 201, r.text
    sid, app = r.json()["submission"]["id"], r.json()["submission"]["application_id"]
    body = {"outcome": "disetujui", "reason": "Disetujui untuk katalog.", "override": document is LEGACY}
    decided = world.client(REVIEWER).post(f"/api/v1/submissions/{sid}/decisions", json=body)
    assert decided.status_code == 201, decided.text
    with world.session() as s:
        letter = s.exec(select(Letter).where(Letter.decision_id == decided.json()["id"])).one()
        s.expunge(letter)
    return app, letter


def _valid_until(world: World, letter: Letter, day: date) -> None:
    with world.session() as s:
        row = s.get(Letter, letter.id)
        assert row is not None
        row.valid_until = day
        s.add(row)
        s.commit()


def _catalogue(world: World, who: str = DEV_DISDIK, **params: Any) -> list[dict[str, Any]]:
    r = world.client(who).get("/api/v1/catalogue", params=params)
    assert r.status_code == 200, r.text
    return list(r.json())


def _names(entries: list[dict[str, Any]]) -> list[str]:
    return [e["application"]["nama"] for e in entries]


def _kabupaten(world: World) -> dict[str, tuple[int, Letter]]:
    """Five catalogued applications of two OPDs: valid, ending soon, expired, lapsed, legacy level 2."""
    today = date.today()
    apps = {
        "Antrean Puskesmas": _approve(world, DEV_DINKES, "Antrean Puskesmas", GOOD),
        "Beasiswa Daerah": _approve(world, DEV_DISDIK, "Beasiswa Daerah", STAGING),
        "Cuti Pegawai": _approve(world, DEV_DINKES, "Cuti Pegawai", GOOD),
        "Data Sekolah": _approve(world, DEV_DISDIK, "Data Sekolah", GOOD),
        "E-Kepegawaian Lama": _approve(world, DEV_DINKES, "E-Kepegawaian Lama", LEGACY),
    }
    _valid_until(world, apps["Beasiswa Daerah"][1], today + timedelta(days=10))
    _valid_until(world, apps["Cuti Pegawai"][1], today - timedelta(days=1))
    # The others hold well beyond the 30 days of "ending soon" whatever the date: left to their
    # budget years, in December a letter ending on 31 December is ending soon.
    for name in ("Antrean Puskesmas", "E-Kepegawaian Lama"):
        _valid_until(world, apps[name][1], today + timedelta(days=200))
    with world.session() as s:
        letters.end_recommendations(s, apps["Data Sekolah"][0], letters.ENDED_LAPSED)
        s.commit()
    return apps


def test_expired_and_lapsed_entries_leave_the_default_search_but_not_the_record(world: World) -> None:
    world.settings.public_url = PUBLIC
    apps = _kabupaten(world)
    assert _names(_catalogue(world)) == ["Antrean Puskesmas", "Beasiswa Daerah", "E-Kepegawaian Lama"]
    everything = _catalogue(world, include_expired="true")
    assert _names(everything) == [
        "Antrean Puskesmas",
        "Beasiswa Daerah",
        "Cuti Pegawai",
        "Data Sekolah",
        "E-Kepegawaian Lama",
    ]
    status = {e["application"]["nama"]: e["rekomendasi"]["status"] for e in everything}
    assert status == {
        "Antrean Puskesmas": "berlaku",
        "Beasiswa Daerah": "berlaku",
        "Cuti Pegawai": "kedaluwarsa",
        "Data Sekolah": "berakhir",
        "E-Kepegawaian Lama": "berlaku",
    }
    assert _names(_catalogue(world, validity="kedaluwarsa")) == ["Cuti Pegawai", "Data Sekolah"]
    assert _names(_catalogue(world, validity="segera_berakhir")) == ["Beasiswa Daerah"]
    assert _names(_catalogue(world, validity="berlaku", include_expired="true")) == _names(_catalogue(world))

    expired_app, expired = apps["Cuti Pegawai"]
    entry = world.client(DEV_DISDIK).get(f"/api/v1/catalogue/{expired_app}").json()
    assert entry["rekomendasi"] == {
        "nomor": expired.nomor,
        "tanggal": expired.issued_on.isoformat(),
        "berlaku_sampai": (date.today() - timedelta(days=1)).isoformat(),
        "status": "kedaluwarsa",
        "verifikasi_url": f"{PUBLIC}/verifikasi/{expired.code}",
        "surat_url": None,  # another OPD's letter: verifiable by anyone, readable by its OPD
    }
    own = world.client(DEV_DINKES).get(f"/api/v1/catalogue/{expired_app}").json()["rekomendasi"]
    assert own["surat_url"] == f"{PUBLIC}/api/v1/letters/{expired.code}/pdf"
    assert world.client(DEV_DINKES).get(own["surat_url"].removeprefix(PUBLIC)).status_code == 200


def test_the_catalogue_page_marks_validity_and_shows_expired_entries_on_request(world: World) -> None:
    apps = _kabupaten(world)
    visitor = Visitor(world, DEV_DISDIK)
    page = _text(visitor.get("/katalog"))
    assert "Antrean Puskesmas" in page and "Cuti Pegawai" not in page and "Data Sekolah" not in page
    soon = long_date(date.today() + timedelta(days=10), "id")
    assert f"berlaku sampai {soon}" in page
    assert 'name="include_expired" value="1">' in visitor.get("/katalog")  # unchecked by default

    shown = visitor.get("/katalog?include_expired=1")
    assert 'name="include_expired" value="1" checked>' in shown
    assert "Cuti Pegawai" in _text(shown) and "kedaluwarsa" in _text(shown) and "dicabut" in _text(shown)
    assert "Cuti Pegawai" in _text(visitor.get("/katalog?validity=kedaluwarsa"))

    expired_app, expired = apps["Cuti Pegawai"]
    entry = _text(visitor.get(f"/katalog/{expired_app}"))
    assert "kedaluwarsa" in entry and expired.nomor in entry and "Riwayat rekomendasi" in entry
    assert f'href="/verifikasi/{expired.code}"' in visitor.get(f"/katalog/{expired_app}")
    assert f'href="/surat/{expired.code}"' not in visitor.get(f"/katalog/{expired_app}")  # another OPD's
    assert f'href="/surat/{expired.code}"' in Visitor(world, DEV_DINKES).get(f"/katalog/{expired_app}")


def test_filters_by_opd_level_and_lifecycle_in_the_page_and_the_api(world: World) -> None:
    _kabupaten(world)
    assert _names(_catalogue(world, opd_id=world.disdik)) == ["Beasiswa Daerah"]
    assert _names(_catalogue(world, level=2)) == ["E-Kepegawaian Lama"]
    assert _names(_catalogue(world, level=5, include_expired="true")) == [
        "Antrean Puskesmas",
        "Beasiswa Daerah",
        "Cuti Pegawai",
        "Data Sekolah",
    ]
    assert _names(_catalogue(world, lifecycle="staging")) == ["Beasiswa Daerah"]
    assert _names(_catalogue(world, lifecycle="production", opd_id=world.dinkes, q="puskesmas")) == [
        "Antrean Puskesmas"
    ]
    assert world.client(REVIEWER).get("/api/v1/catalogue", params={"lifecycle": "abadi"}).status_code == 422

    visitor = Visitor(world, REVIEWER)
    page = _text(visitor.get(f"/katalog?level=2&lifecycle=&validity=&sort=&opd={world.dinkes}"))
    assert "E-Kepegawaian Lama" in page and "Antrean Puskesmas" not in page
    staging = _text(visitor.get("/katalog?lifecycle=staging"))
    assert "Beasiswa Daerah" in staging and "Antrean Puskesmas" not in staging
    # Unknown values in a hand-edited address are no filter, not an error.
    assert "Antrean Puskesmas" in _text(visitor.get("/katalog?level=9&lifecycle=abadi&validity=x&sort=y"))


def test_sorting_in_the_page_and_the_api(world: World) -> None:
    _kabupaten(world)
    every = {"include_expired": "true"}
    assert _names(_catalogue(world, sort="opd", **every))[:3] == [
        "Antrean Puskesmas",
        "Cuti Pegawai",
        "E-Kepegawaian Lama",
    ]
    assert _names(_catalogue(world, sort="tingkat", **every))[-1] == "E-Kepegawaian Lama"
    assert _names(_catalogue(world, sort="disetujui", **every)) == [
        "E-Kepegawaian Lama",
        "Data Sekolah",
        "Cuti Pegawai",
        "Beasiswa Daerah",
        "Antrean Puskesmas",
    ]
    by_validity = _names(_catalogue(world, sort="berlaku", **every))
    assert by_validity[:2] == ["Cuti Pegawai", "Beasiswa Daerah"]  # ended yesterday, then in 10 days
    page = _text(Visitor(world, REVIEWER).get("/katalog?sort=disetujui"))
    assert page.index("E-Kepegawaian Lama") < page.index("Beasiswa Daerah") < page.index("Antrean Puskesmas")
    paged = _catalogue(world, sort="disetujui", limit=2, offset=2, **every)
    assert _names(paged) == ["Cuti Pegawai", "Beasiswa Daerah"]


def test_an_entry_approved_before_numbered_letters_stays_in_without_a_recommendation(world: World) -> None:
    app, letter = _approve(world, DEV_DINKES, "Antrean Puskesmas", GOOD)
    with world.session() as s:
        s.exec(delete(Letter).where(Letter.id == letter.id))  # type: ignore[call-overload]
        s.commit()
    (entry,) = _catalogue(world)
    assert entry["application"]["id"] == app and entry["rekomendasi"] is None
    assert _catalogue(world, validity="kedaluwarsa") == []
    assert "Disetujui sebelum surat bernomor" in _text(Visitor(world, DEV_DISDIK).get(f"/katalog/{app}"))
