"""The yearly evaluation in a real browser (Debian's Chromium, headless, Playwright): the
administrator opens a year and watches it progress (the page reloads itself, no script), the OPD
answers from its home, a reviewer overrides, the administrator filters and closes, then runs a bulk
reassessment; and every evaluation page fits a desktop and a phone (1280 and 390 px) in both
languages."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import pytest

from gate.core.config import Settings
from gate.jobs.local import LocalPool

# site and browser are test_browser's fixtures, used here by name.
from tests.service.test_browser import (  # noqa: F401
    ADMIN,
    DEV,
    LAYOUT,
    OTHER,
    REVIEWER,
    _api,
    _sign_in,
    browser,
    site,
)
from tests.service.test_evaluation import NEXT, _doc

YEAR = NEXT
DEADLINE = date.today() + timedelta(days=14)
WAIT_MS = 90_000


def _catalogue(base: str) -> dict[str, int]:
    """Three catalogued applications, two of Dinkes (one without next year's budget), one of Disdik."""
    reviewer = _api(base, REVIEWER)
    ids = {}
    for email, name, budget in (
        (DEV, "Sistem Informasi Puskesmas Terpadu Kabupaten", [{"tahun": NEXT}]),
        (DEV, "Layanan Rujukan", [2020]),
        (OTHER, "Dapodik Daerah", [{"tahun": NEXT}]),
    ):
        r = _api(base, email).post(
            "/api/v1/submissions",
            data={"application": name},
            files={"file": ("openapi.yaml", _doc(name, anggaran=budget))},
        )
        assert r.status_code == 201, r.text
        sid = r.json()["submission"]["id"]
        decided = reviewer.post(
            f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus.", "override": True}
        )
        assert decided.status_code == 201, decided.text
        ids[name] = int(r.json()["submission"]["application_id"])
    return ids


def _settled(page, url: str) -> None:  # type: ignore[no-untyped-def]
    """``url`` once it no longer reloads itself: its jobs are done."""
    deadline = time.monotonic() + WAIT_MS / 1000
    page.goto(url)
    while page.locator('meta[http-equiv="refresh"]').count():
        assert time.monotonic() < deadline, f"{url} kept reloading"
        time.sleep(0.5)
        page.goto(url)


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)  # the database is the page tests' business
def test_the_evaluation_journey_and_its_layouts(site: str, browser: object, settings: Settings) -> None:  # noqa: F811
    ids = _catalogue(site)
    item = f"/evaluasi/{YEAR}/{ids['Layanan Rujukan']}"
    with LocalPool(settings, workers=2, poll_s=0.2):
        admin = _sign_in(browser, site, ADMIN)
        admin.click('#evaluasi >> a[href="/evaluasi"]')  # from the home page's evaluation panel
        admin.fill("#tahun", str(YEAR))
        admin.fill("#batas", DEADLINE.isoformat())
        admin.click("button[type=submit] >> text=Buka evaluasi")
        admin.wait_for_url(f"{site}/evaluasi/{YEAR}")
        # The page reloads itself (a meta refresh) until every reassessment is done.
        admin.locator("strong", has_text="3 dari 3").wait_for(timeout=WAIT_MS)
        assert admin.locator('meta[http-equiv="refresh"]').count() == 0
        assert admin.locator("progress").get_attribute("value") == "100"

        # The OPD's developer answers from the home page, adding next year's budget.
        developer = _sign_in(browser, site, DEV)
        panel = developer.locator("#evaluasi")
        assert panel.locator("text=Layanan Rujukan").count() == 1
        assert panel.locator("text=Dapodik Daerah").count() == 0  # another OPD's
        panel.locator("a", has_text="Layanan Rujukan").click()
        developer.wait_for_url(site + item)
        assert developer.locator("text=SUS006").count() >= 1
        assert developer.locator("#anggaran").input_value() == "2020"
        developer.fill("#anggaran", f"2020, {NEXT}")
        developer.click("button[type=submit] >> text=Konfirmasi metadata")
        developer.wait_for_url(site + item)
        assert developer.locator("button[type=submit] >> text=Konfirmasi ulang").count() == 1
        assert developer.locator("text=Kesampingkan hasil").count() == 0
        developer.goto(f"{site}/evaluasi/{YEAR}/{ids['Dapodik Daerah']}")
        assert developer.locator("h1 >> text=Dapodik Daerah").count() == 0  # not found for another OPD
        _settled(admin, f"{site}/evaluasi/{YEAR}")  # the answer's reassessment done

        # A reviewer overrides another item with a reason.
        reviewer = _sign_in(browser, site, REVIEWER)
        reviewer.goto(f"{site}/evaluasi/{YEAR}/{ids['Dapodik Daerah']}")
        reviewer.select_option("#hasil", label="Perlu tindakan")
        reviewer.fill("#alasan", "Server dipindahkan; periksa ulang setelah migrasi.")
        reviewer.click("button[type=submit] >> text=Kesampingkan hasil")
        reviewer.wait_for_load_state()
        assert reviewer.locator("h1 .badge").inner_text() == "Perlu tindakan"
        assert reviewer.locator("text=Server dipindahkan; periksa ulang setelah migrasi.").count() == 1

        # The administrator filters the items (answered ones), then closes the evaluation.
        admin.select_option("#dijawab", label="Sudah")
        admin.click("button[type=submit] >> text=Saring")
        admin.wait_for_url(re.compile(r".*dijawab=ya.*"))
        rows = admin.locator("table.items tbody tr")
        assert rows.count() == 1 and "Layanan Rujukan" in rows.first.inner_text()
        admin.click("button[type=submit] >> text=Tutup evaluasi")
        admin.wait_for_url(f"{site}/evaluasi/{YEAR}")
        assert admin.locator("h1 .badge", has_text="Ditutup").count() == 1
        assert admin.locator("text=Tutup evaluasi").count() == 0

        # Bulk reassessment: started from the evaluations' page, followed to the end.
        admin.goto(f"{site}/evaluasi")
        admin.click("text=Penilaian ulang massal")
        admin.click("button[type=submit] >> text=Nilai ulang semua aplikasi")
        admin.wait_for_url(re.compile(r".*/penilaian-ulang/\d+$"))
        admin.locator("strong", has_text="3 dari 3").wait_for(timeout=WAIT_MS)
        batch = admin.url.removeprefix(site)
        for page in (admin, developer, reviewer):
            page.context.close()

    pages = {
        ADMIN: ["/", "/evaluasi", f"/evaluasi/{YEAR}", item, "/penilaian-ulang", batch, batch + "?semua=1"],
        REVIEWER: ["/", f"/evaluasi/{YEAR}?hasil=perlu_tindakan", f"/evaluasi/{YEAR}/{ids['Dapodik Daerah']}"],
        DEV: ["/", "/evaluasi", item],
    }
    problems = []
    for width in (1280, 390):
        for email, visits in pages.items():
            page = _sign_in(browser, site, email, width)
            for lang in ("id", "en"):
                page.goto(f"{site}/bahasa/{lang}?next=/")
                for path in visits:
                    response = page.goto(site + path)
                    assert response is not None and response.status == 200, (email, path)
                    found = page.evaluate(LAYOUT)
                    problems += [f"{width} px {lang} {email.split('@')[0]} {path}: {p}" for p in found["problems"]]
                    if width == 1280:  # the menu and who is signed in fit one row
                        assert found["header"] < 64, (lang, email, path, found["header"])
            page.context.close()
    assert not problems, "\n".join(problems)
