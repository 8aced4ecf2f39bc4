"""The decision letters as people meet them: the printable letter (HTML and PDF, read back as text,
its QR code decoded), the public verification page, and who may read which."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlmodel import select

from gate.models import AuditEvent, Letter, LetterKind
from gate.services import letters
from gate.web.printing import qr_png
from gate.web.views.letters import long_date
from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_pages import Visitor, _text
from tests.service.test_printing import _codes
from tests.service.test_printing import _text as pdf_text
from tests.service.test_workflow import GOOD, LEGACY, submit

PUBLIC = "https://gerbang.contohkab.go.id"
XSS = "<script>alert('surat')</script> & <img src=x onerror=alert(1)>"


def _decide(world: World, name: str, document: bytes, outcome: str, reason: str, dev: str = DEV_DINKES) -> Letter:
    sid = submit(world.client(dev), name, document).json()["submission"]["id"]
    body = {"outcome": outcome, "reason": reason, "override": outcome == "disetujui" and document is LEGACY}
    r = world.client(REVIEWER).post(f"/api/v1/submissions/{sid}/decisions", json=body)
    assert r.status_code == 201, r.text
    with world.session() as s:
        letter = s.exec(select(Letter).where(Letter.decision_id == r.json()["id"])).one()
        s.expunge(letter)
    return letter


def _set(world: World, letter: Letter, **values: object) -> None:
    with world.session() as s:
        row = s.get(Letter, letter.id)
        assert row is not None
        for key, value in values.items():
            setattr(row, key, value)
        s.add(row)
        s.commit()


def test_the_letter_is_an_indonesian_official_letter_linked_from_the_submission(world: World, tmp_path: Path) -> None:
    logo = tmp_path / "lambang.png"
    logo.write_bytes(qr_png("lambang"))  # any PNG will do
    world.settings.public_url = PUBLIC + "/"
    world.settings.kabupaten = "Pemerintah Kabupaten Kutai Kartanegara"
    world.settings.letter_address = "Jl. Wolter Monginsidi No. 1, Tenggarong"
    world.settings.letter_logo = logo
    letter = _decide(world, "Layanan Perizinan", GOOD, "disetujui", "Memenuhi seluruh aturan SPBE.")
    dev = Visitor(world, DEV_DINKES)
    page = dev.get(f"/pengajuan/{letter.submission_id}")
    assert f'href="/surat/{letter.code}"' in page and f'href="/surat/{letter.code}.pdf"' in page

    html = dev.get(f"/surat/{letter.code}")
    words = _text(html)
    assert "PEMERINTAH KABUPATEN KUTAI KARTANEGARA" in words and "DINAS KOMUNIKASI DAN INFORMATIKA" in words
    assert "Jl. Wolter Monginsidi No. 1, Tenggarong" in words and "data:image/png;base64," in html
    assert f"Kabupaten Kutai Kartanegara, {long_date(date.today(), 'id')}" in words
    for part in ("Nomor", letter.nomor, "Lampiran", "Perihal", "Rekomendasi Aplikasi Layanan Perizinan"):
        assert part in words, part
    assert "Yth." in words and "Kepala Dinas Kesehatan" in words
    assert "versi #1" in words and "LULUS" in words and "Memenuhi seluruh aturan SPBE." in words
    assert f"berlaku sampai dengan {long_date(letter.valid_until, 'id')}" in words
    assert "Rina" in words and "Peninjau Diskominfo" in words
    assert f"{PUBLIC}/verifikasi/{letter.code}" in words and "data:image/svg+xml;base64," in html
    assert "@page { size: A4" in html  # printed as it is shown

    english = Visitor(world, DEV_DINKES)
    english.get(f"/bahasa/en?next=/surat/{letter.code}", status=303)
    assert "Recommendation of the application Layanan Perizinan" in _text(english.get(f"/surat/{letter.code}"))


def test_the_pdf_reads_back_and_its_qr_code_leads_to_the_verification_page(world: World) -> None:
    world.settings.public_url = PUBLIC
    letter = _decide(world, "Layanan Perizinan", GOOD, "disetujui", "Memenuhi seluruh aturan SPBE.")
    r = Visitor(world, DEV_DINKES).client.get(f"/surat/{letter.code}.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    stem = "surat-" + letter.nomor.replace("/", "-")
    assert r.headers["content-disposition"] == f"attachment; filename=\"{stem}.pdf\"; filename*=UTF-8''{stem}.pdf"
    text = " ".join(pdf_text(r.content).split())
    for part in (letter.nomor, "Layanan Perizinan", "Kepala Dinas Kesehatan", long_date(letter.valid_until, "id")):
        assert part in text, part
    assert "Unduh PDF" not in text  # the screen's toolbar is not printed
    assert _codes(r.content) == [f"{PUBLIC}/verifikasi/{letter.code}"]

    api = world.client(DEV_DINKES).get(f"/api/v1/letters/{letter.code}/pdf")
    assert api.status_code == 200 and api.headers["content-type"] == "application/pdf"
    assert letter.nomor in pdf_text(api.content)


def test_a_rejection_says_why_and_what_to_fix_and_typed_text_stays_text(world: World) -> None:
    letter = _decide(world, "Simpeg", LEGACY, "ditolak", XSS)
    assert letter.kind is LetterKind.REJECTION
    html = Visitor(world, REVIEWER).get(f"/surat/{letter.code}")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;surat&#39;)&lt;/script&gt; &amp; &lt;img src=x" in html
    words = _text(html)
    assert "Penolakan Pengajuan Aplikasi Simpeg" in words and "DITOLAK" in words and "TIDAK LULUS" in words
    assert "Yang harus diperbaiki sebelum mengajukan kembali" in words and "1 (satu) berkas" in words
    assert "SEC001" in words and "galat" in words
    assert "berlaku sampai" not in words  # a rejection holds nothing

    pdf = Visitor(world, ADMIN).client.get(f"/surat/{letter.code}.pdf").content
    text = " ".join(pdf_text(pdf).split())
    assert "<script>alert('surat')</script> & <img src=x onerror=alert(1)>" in text  # shown, not interpreted
    assert "SEC001" in text and letter.nomor in text


def test_only_the_opd_and_diskominfo_read_a_letter(world: World) -> None:
    letter = _decide(world, "Layanan Perizinan", GOOD, "disetujui", "Memenuhi seluruh aturan SPBE.")
    for email in (DEV_DINKES, REVIEWER, ADMIN):
        assert letter.nomor in Visitor(world, email).get(f"/surat/{letter.code}")
        assert world.client(email).get(f"/api/v1/letters/{letter.code}").status_code == 200
    other = Visitor(world, DEV_DISDIK)
    assert "Memenuhi" not in other.get(f"/surat/{letter.code}", status=404)
    other.get(f"/surat/{letter.code}.pdf", status=404)
    api = world.client(DEV_DISDIK)
    assert api.get(f"/api/v1/letters/{letter.code}").status_code == 404
    assert api.get(f"/api/v1/letters/{letter.code}/pdf").status_code == 404
    with world.session() as s:
        refused = s.exec(select(AuditEvent).where(AuditEvent.action == "access.refused")).all()
    assert {(e.object_type, e.object_id) for e in refused} == {("letter", letter.id)} and len(refused) == 4
    anonymous = Visitor(world)
    anonymous.get(f"/surat/{letter.code}", status=303)
    assert world.client(None).get(f"/api/v1/letters/{letter.code}").status_code == 401
    assert world.client(REVIEWER).get("/api/v1/letters/tidak-ada").status_code == 404


def test_the_api_gives_the_letter_with_its_reasons_and_addresses(world: World) -> None:
    world.settings.public_url = PUBLIC
    letter = _decide(world, "Simpeg", LEGACY, "perlu_perbaikan", "Lengkapi x-spbe dan pakai HTTPS.")
    body = world.client(DEV_DINKES).get(f"/api/v1/letters/{letter.code}").json()
    assert body["nomor"] == letter.nomor and body["jenis"] == "perbaikan" and body["status"] == "tercatat"
    assert body["alasan"] == "Lengkapi x-spbe dan pakai HTTPS." and body["peninjau"] == "Rina"
    assert body["opd"]["nama"] == "Dinas Kesehatan" and body["aplikasi"] == "Simpeg" and body["versi"] == 1
    assert {"SEC001", "SUS001"} <= {fix["rule"] for fix in body["perbaikan"]}
    assert body["verifikasi_url"] == f"{PUBLIC}/verifikasi/{letter.code}"
    assert body["surat_url"] == f"{PUBLIC}/api/v1/letters/{letter.code}/pdf"


def test_anyone_can_verify_a_letter_but_learns_nothing_more(world: World) -> None:
    letter = _decide(world, "Layanan Perizinan", GOOD, "disetujui", "Alasan rahasia peninjau.")
    anonymous = Visitor(world)
    words = _text(anonymous.get(f"/verifikasi/{letter.code}"))
    assert "Surat ini asli" in words and "Berlaku" in words
    for part in (letter.nomor, "Surat Rekomendasi", "Layanan Perizinan", "Dinas Kesehatan", "#1"):
        assert part in words, part
    assert long_date(letter.issued_on, "id") in words and long_date(letter.valid_until, "id") in words
    assert "Alasan rahasia peninjau." not in words and "Rina" not in words and "SEC" not in words

    _set(world, letter, valid_until=date.today() - timedelta(days=1))
    assert "Kedaluwarsa" in _text(anonymous.get(f"/verifikasi/{letter.code}"))
    with world.session() as s:
        letters.end_recommendations(s, letter.application_id, letters.ENDED_LAPSED)
        s.commit()
    words = _text(anonymous.get(f"/verifikasi/{letter.code}"))
    assert "Tidak berlaku lagi" in words and "dicabut" in words and "Berakhir pada" in words

    unknown = _text(anonymous.get("/verifikasi/bukan-kode-asli", status=404))
    assert "Surat tidak dikenal" in unknown and "tidak asli" in unknown
    anonymous.client.cookies.set("lang", "en")
    assert "not genuine" in _text(anonymous.client.get("/verifikasi/x").text)


def test_the_verification_page_is_rate_limited_per_address(world: World) -> None:
    world.settings.verification_per_minute = 3
    letter = _decide(world, "Layanan Perizinan", GOOD, "disetujui", "Memenuhi seluruh aturan SPBE.")
    anonymous = Visitor(world)
    for _ in range(3):
        anonymous.get(f"/verifikasi/{letter.code}")
    assert "tunggu satu menit" in _text(anonymous.get(f"/verifikasi/{letter.code}", status=429))


def test_an_expired_letter_says_so_on_its_face(world: World) -> None:
    letter = _decide(world, "Layanan Perizinan", GOOD, "disetujui", "Memenuhi seluruh aturan SPBE.")
    reviewer = Visitor(world, REVIEWER)
    assert "tidak berlaku lagi" not in _text(reviewer.get(f"/surat/{letter.code}"))
    _set(world, letter, valid_until=date.today() - timedelta(days=1))
    assert "Surat ini tidak berlaku lagi: Kedaluwarsa." in _text(reviewer.get(f"/surat/{letter.code}"))


def test_a_png_logo_is_not_required_and_an_unreadable_one_is_left_out(world: World, tmp_path: Path) -> None:
    world.settings.letter_logo = tmp_path / "tidak-ada.png"
    letter = _decide(world, "Layanan Perizinan", GOOD, "disetujui", "Memenuhi seluruh aturan SPBE.")
    html = Visitor(world, REVIEWER).get(f"/surat/{letter.code}")
    assert "data:image/png" not in html and letter.nomor in html
