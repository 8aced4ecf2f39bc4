"""Duplicate detection in the service: a submission like a catalogued or shared application shows
the match and its evidence on its page and in the API, on both databases; what another OPD has
not had approved never shows."""

from __future__ import annotations

import json
import re
from html import unescape

from fastapi.testclient import TestClient

from tests.service.conftest import DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_pages import Visitor
from tests.service.test_workflow import submit


def api(title: str, paths: dict[str, list[str]], schemas: dict[str, list[str]], tags: list[str] = ()) -> bytes:  # type: ignore[assignment]
    """A small OpenAPI 3.0 document: ``paths`` maps a path to its methods, ``schemas`` a name to its fields."""
    ok = {"200": {"description": "OK"}}
    return json.dumps(
        {
            "openapi": "3.0.3",
            "info": {"title": title, "version": "1.0.0"},
            "servers": [{"url": "https://api.contohkab.go.id"}],
            "tags": [{"name": t} for t in tags],
            "paths": {
                p: {m: {"summary": f"{m} {p}", "tags": list(tags), "responses": ok} for m in ms}
                for p, ms in paths.items()
            },
            "components": {
                "schemas": {
                    name: {"type": "object", "properties": {f: {"type": "string"} for f in fields}}
                    for name, fields in schemas.items()
                }
            },
        }
    ).encode()


PERSONNEL = api(
    "Sistem Informasi Kepegawaian",
    {
        "/pegawai": ["get", "post"],
        "/pegawai/{nip}": ["get", "put", "delete"],
        "/pegawai/{nip}/riwayat-jabatan": ["get"],
        "/unit-kerja": ["get"],
        "/kehadiran": ["get", "post"],
    },
    {
        "Pegawai": ["nip", "nama", "tanggal_lahir", "jabatan", "golongan", "unit_kerja"],
        "RiwayatJabatan": ["nip", "jabatan", "tmt_jabatan", "nomor_sk"],
        "Kehadiran": ["nip", "tanggal", "jam_masuk", "jam_pulang"],
    },
    ["pegawai"],
)

#: The same API renamed into English, one operation dropped and one added.
PERSONNEL_EN = api(
    "Employee Management API",
    {
        "/api/v1/employees": ["get", "post"],
        "/api/v1/employees/{id}": ["get", "put"],
        "/api/v1/employees/{id}/position-history": ["get"],
        "/api/v1/work-units": ["get"],
        "/api/v1/attendance": ["get", "post"],
        "/api/v1/attendance/{id}": ["get"],
    },
    {
        "Employee": ["nip", "name", "birthDate", "jabatan", "golongan", "unitKerja"],
        "PositionHistory": ["nip", "jabatan", "tmtJabatan", "nomorSk"],
        "Attendance": ["nip", "date", "jamMasuk", "jamPulang"],
    },
    ["employees"],
)

#: Nothing to do with personnel.
LIBRARY = api(
    "Perpustakaan Daerah",
    {"/buku": ["get", "post"], "/buku/{isbn}": ["get"], "/peminjaman": ["post"], "/anggota": ["get"]},
    {"Buku": ["isbn", "judul_buku", "pengarang", "penerbit"], "Peminjaman": ["isbn", "anggota", "jatuh_tempo"]},
    ["perpustakaan"],
)


def _approve(world: World, developer: str, name: str, content: bytes) -> int:
    r = submit(world.client(developer), name, content)
    assert r.status_code == 201, r.text
    sid = int(r.json()["submission"]["id"])
    reviewer = world.client(REVIEWER)
    assert reviewer.post(f"/api/v1/submissions/{sid}/review").status_code == 200
    r = reviewer.post(
        f"/api/v1/submissions/{sid}/decisions",
        json={"outcome": "disetujui", "reason": "Disetujui untuk uji.", "override": True},
    )
    assert r.status_code == 201, r.text
    return sid


def _panel(html: str) -> str:
    """The duplicates panel's text ("" when the page has none)."""
    found = re.search(r'<section class="panel" id="duplikat".*?</section>', html, re.S)
    return unescape(re.sub(r"<[^>]+>", " ", found.group(0))) if found else ""


def _submitted(client: TestClient, name: str, content: bytes) -> int:
    r = submit(client, name, content)
    assert r.status_code == 201, r.text
    return int(r.json()["submission"]["id"])


def test_a_renamed_copy_of_a_catalogued_app_shows_the_match_and_its_evidence(world: World) -> None:
    catalogued = _approve(world, DEV_DISDIK, "Kepegawaian Disdik", PERSONNEL)
    _approve(world, DEV_DISDIK, "Perpustakaan", LIBRARY)
    sid = _submitted(world.client(DEV_DINKES), "Data Pegawai Dinkes", PERSONNEL_EN)

    reviewer = Visitor(world, REVIEWER)
    page = reviewer.get(f"/pengajuan/{sid}")
    panel = _panel(page)
    assert "Kepegawaian Disdik" in panel and "Dinas Pendidikan" in panel
    assert "Perpustakaan" not in panel  # distinct: below the threshold
    assert "GET /api/v1/employees/{id} ≈ GET /pegawai/{nip}" in panel
    assert "Employee ≈ Pegawai" in panel
    assert "Employee Management API ≈ Sistem Informasi Kepegawaian" in panel
    assert "jabatan, kehadiran, kerja, pegawai, riwayat, unit" in panel
    score = int(re.search(r'class="badge [a-z]+">skor (\d+)<', page).group(1))  # type: ignore[union-attr]
    assert 45 <= score < 100
    app_id = world.client(REVIEWER).get(f"/api/v1/submissions/{catalogued}").json()["application_id"]
    assert f'href="/katalog/{app_id}"' in page

    # The developer sees it too, as a hint: the catalogue is public within the kabupaten.
    dev_panel = _panel(Visitor(world, DEV_DINKES).get(f"/pengajuan/{sid}"))
    assert "Mungkin sudah ada aplikasi umum atau serupa" in dev_panel and "Kepegawaian Disdik" in dev_panel

    # And in the API, in the page's words.
    found = world.client(DEV_DINKES).get(f"/api/v1/submissions/{sid}/duplicates")
    assert found.status_code == 200, found.text
    first = found.json()[0]
    assert (first["kind"], first["name"], first["application_id"]) == ("catalogue", "Kepegawaian Disdik", app_id)
    assert first["score"] == score
    assert {"method_path": "GET /api/v1/employees/{id}", "matches": "GET /pegawai/{nip}"} in first["operations"]


def test_another_opds_unapproved_submission_never_shows(world: World) -> None:
    pending = _submitted(world.client(DEV_DISDIK), "Kepegawaian Disdik", PERSONNEL)
    sid = _submitted(world.client(DEV_DINKES), "Data Pegawai Dinkes", PERSONNEL_EN)
    for who in (DEV_DINKES, REVIEWER):
        panel = _panel(Visitor(world, who).get(f"/pengajuan/{sid}"))
        assert "Kepegawaian Disdik" not in panel and "Dinas Pendidikan" not in panel
    names = [d["name"] for d in world.client(DEV_DINKES).get(f"/api/v1/submissions/{sid}/duplicates").json()]
    assert "Kepegawaian Disdik" not in names
    # The developer of another OPD cannot ask about a submission that is not theirs.
    assert world.client(DEV_DINKES).get(f"/api/v1/submissions/{pending}/duplicates").status_code == 404
    # Once approved it is in the catalogue, and shows.
    reviewer = world.client(REVIEWER)
    reviewer.post(f"/api/v1/submissions/{pending}/review")
    r = reviewer.post(
        f"/api/v1/submissions/{pending}/decisions",
        json={"outcome": "disetujui", "reason": "Disetujui untuk uji.", "override": True},
    )
    assert r.status_code == 201, r.text
    assert "Kepegawaian Disdik" in _panel(Visitor(world, DEV_DINKES).get(f"/pengajuan/{sid}"))


def test_the_own_application_and_distinct_apps_do_not_show_and_a_developer_sees_no_empty_panel(world: World) -> None:
    _approve(world, DEV_DINKES, "Perpustakaan", LIBRARY)
    again = _submitted(world.client(DEV_DINKES), "Perpustakaan", LIBRARY)  # a new version of the same app
    assert _panel(Visitor(world, DEV_DINKES).get(f"/pengajuan/{again}")) == ""
    reviewer_panel = _panel(Visitor(world, REVIEWER).get(f"/pengajuan/{again}"))
    assert "Tidak ada aplikasi serupa" in reviewer_panel


def test_a_home_made_complaints_app_is_pointed_to_the_shared_one(world: World) -> None:
    complaints = api(
        "Pengaduan Masyarakat Kabupaten",
        {"/aduan": ["get", "post"], "/aduan/{id}": ["get"], "/aduan/{id}/tanggapan": ["post"], "/kategori": ["get"]},
        {"Aduan": ["nomor_tiket", "judul", "isi_laporan", "kategori", "lokasi", "status"]},
        ["aduan"],
    )
    sid = _submitted(world.client(DEV_DINKES), "Aduan Warga", complaints)
    panel = _panel(Visitor(world, DEV_DINKES).get(f"/pengajuan/{sid}"))
    assert "SP4N-LAPOR!" in panel and "Aplikasi umum" in panel and "KemenPANRB" in panel


def test_names_from_documents_are_escaped(world: World) -> None:
    hostile = api(
        "Kepegawaian <script>alert(1)</script>",
        {"/pegawai": ["get", "post"], "/pegawai/{nip}": ["get", "put"], "/pegawai/<img src=x>": ["get"]},
        {"Pegawai<b>": ["nip", "nama", "jabatan", "golongan"]},
        ["pegawai"],
    )
    _approve(world, DEV_DISDIK, "Pegawai <i>Disdik</i>", hostile)
    sid = _submitted(world.client(DEV_DINKES), "Kepegawaian", hostile)
    page = Visitor(world, REVIEWER).get(f"/pengajuan/{sid}")
    panel = re.search(r'<section class="panel" id="duplikat".*?</section>', page, re.S).group(0)  # type: ignore[union-attr]
    assert "Pegawai &lt;i&gt;Disdik&lt;/i&gt;" in panel
    assert "GET /pegawai/&lt;img src=x&gt;" in panel and "Pegawai&lt;b&gt;" in panel
    assert "<script" not in panel and "<img" not in panel and "<i>" not in panel
