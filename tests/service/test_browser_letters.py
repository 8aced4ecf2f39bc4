"""The letter, its QR code and the public verification page in a real browser (Debian's Chromium,
headless), at a desktop's and a phone's width: the QR code on the screen is read back and leads to
the verification page, which answers without signing in; the catalogue's search form still fits."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
import zxingcpp
from PIL import Image
from sqlmodel import Session, select

from gate.core.config import Settings
from gate.core.db import engine_for
from gate.models import Letter
from tests.service.test_browser import DEV, LAYOUT, OTHER, REVIEWER, _api, _sign_in, browser, site  # noqa: F401
from tests.service.test_workflow import GOOD, LEGACY


def _seed(base: str, settings: Settings) -> dict[str, int]:
    """An approved application, a rejected one (whose letter has an attachment of what to fix), and
    one whose recommendation expired yesterday."""
    dev, reviewer = _api(base, DEV), _api(base, REVIEWER)
    ids = {}
    for name, document, outcome in (
        ("Layanan Kesehatan Daerah", GOOD, "disetujui"),
        ("Sistem Informasi Manajemen Kepegawaian", LEGACY, "ditolak"),
        ("Arsip Layanan Lama", GOOD, "kedaluwarsa"),
    ):
        r = dev.post("/api/v1/submissions", data={"application": name}, files={"file": ("openapi.yaml", document)})
        assert r.status_code == 201, r.text
        ids[outcome] = int(r.json()["submission"]["id"])
        reason = "Server HTTP; perbaiki." if outcome == "ditolak" else "Memenuhi seluruh aturan; siap diintegrasikan."
        body = {"outcome": "disetujui" if outcome == "kedaluwarsa" else outcome, "reason": reason}
        decided = reviewer.post(f"/api/v1/submissions/{ids[outcome]}/decisions", json=body)
        assert decided.status_code == 201, decided.text
    with Session(engine_for(settings.sqlalchemy_url)) as s:
        letter = s.exec(select(Letter).where(Letter.submission_id == ids["kedaluwarsa"])).one()
        letter.valid_until = date.today() - timedelta(days=1)
        s.add(letter)
        s.commit()
    return ids


def _problems(page, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{label}: {p}" for p in page.evaluate(LAYOUT)["problems"]]


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)  # layout does not depend on the database
def test_the_letter_its_qr_code_and_the_verification_page(site: str, browser: object, settings: Settings) -> None:  # noqa: F811
    settings.public_url = site  # the QR code leads back to this service
    ids = _seed(site, settings)
    problems: list[str] = []
    for width in (1280, 390):
        developer = _sign_in(browser, site, DEV, width)
        developer.goto(f"{site}/pengajuan/{ids['disetujui']}")
        developer.click("text=Surat Rekomendasi")
        developer.wait_for_url("**/surat/*")
        letter_url = developer.url
        assert developer.locator("text=REKOMENDASI").count() >= 1
        assert developer.locator("text=Kepala Dinas Kesehatan").count() == 1
        assert developer.locator("text=Memenuhi seluruh aturan; siap diintegrasikan.").count() == 1
        problems += _problems(developer, f"{width} px letter")
        qr = Image.open(io.BytesIO(developer.locator(".sign img").screenshot()))
        (code,) = [c.text for c in zxingcpp.read_barcodes(qr)]
        assert code == f"{site}/verifikasi/{letter_url.rsplit('/', 1)[1]}"

        developer.goto(f"{site}/pengajuan/{ids['ditolak']}")
        developer.click("text=Surat Penolakan")
        developer.wait_for_url("**/surat/*")
        assert developer.locator("text=Yang harus diperbaiki sebelum mengajukan kembali").count() == 1
        problems += _problems(developer, f"{width} px rejection")

        # Whoever scans the code: no session, no sign-in asked.
        public = browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 800}).new_page()  # type: ignore[attr-defined]
        public.goto(code)  # the scanned address, as a phone opens it
        assert public.url == code
        assert public.locator("text=Surat ini asli").count() == 1
        assert public.locator(".badge >> text=Berlaku").count() == 1
        assert public.locator("text=Layanan Kesehatan Daerah").count() == 1
        assert public.locator("text=Memenuhi seluruh aturan").count() == 0  # the reasons stay private
        problems += _problems(public, f"{width} px verification")
        public.goto(f"{site}/verifikasi/palsu-123")
        assert public.locator("text=Surat tidak dikenal").count() == 1
        problems += _problems(public, f"{width} px unknown letter")
        public.context.close()

        other = _sign_in(browser, site, OTHER, width)
        other.goto(letter_url)
        assert other.locator("text=REKOMENDASI").count() == 0  # another OPD's letter is not found
        other.goto(f"{site}/katalog")
        other.check("input[name=include_expired]")
        other.select_option("#sort", "berlaku")
        other.click("button[type=submit] >> text=Cari")
        assert "include_expired=1" in other.url and "sort=berlaku" in other.url
        assert other.locator("table .badge >> text=berlaku sampai").count() == 1
        assert other.locator("table .badge >> text=kedaluwarsa").count() == 1
        problems += _problems(other, f"{width} px catalogue")
        other.click("table >> text=Layanan Kesehatan Daerah")
        assert other.locator("text=Riwayat rekomendasi").count() == 1
        problems += _problems(other, f"{width} px catalogue entry")
        for page in (developer, other):
            page.context.close()
    assert not problems, "\n".join(problems)
