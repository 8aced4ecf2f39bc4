"""The oversight dashboard, the queue's filters and the yearly report in a real browser (Debian's
Chromium, headless), at a desktop's and a phone's width, in both languages: the numbers lead to
their lists, nothing overflows, and the report prints without the site's menu."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest

from gate.core.config import Settings
from gate.jobs.local import LocalPool
from tests.service.test_browser import (  # noqa: F401  (fixtures)
    ADMIN,
    DEV,
    LAYOUT,
    REVIEWER,
    _api,
    _sign_in,
    browser,
    site,
)
from tests.service.test_workflow import GOOD, LEGACY

YEAR = date.today().year + 1


def _seed(base: str, settings: Settings) -> dict[str, str]:
    """Two submissions waiting, two catalogued applications, their evaluation opened and closed."""
    dev, reviewer, admin = _api(base, DEV), _api(base, REVIEWER), _api(base, ADMIN)

    def submit(name: str, document: bytes, filename: str) -> tuple[int, int]:
        r = dev.post("/api/v1/submissions", data={"application": name}, files={"file": (filename, document)})
        assert r.status_code == 201, r.text
        return int(r.json()["submission"]["id"]), int(r.json()["submission"]["application_id"])

    submit("Sistem Informasi Manajemen Kepegawaian Daerah Terpadu", LEGACY, "swagger.yaml")
    submit("Layanan Rujukan Puskesmas", GOOD, "openapi.yaml")
    for name, document, filename in (
        ("Layanan Kesehatan Daerah", GOOD, "openapi.yaml"),
        ("Sistem Informasi Imunisasi Anak dan Ibu Hamil", LEGACY, "swagger.yaml"),  # approved over its findings
    ):
        sid, _ = submit(name, document, filename)
        decision = {"outcome": "disetujui", "reason": "Disetujui.", "override": True}
        r = reviewer.post(f"/api/v1/submissions/{sid}/decisions", json=decision)
        assert r.status_code == 201, r.text
    opd = dev.get("/api/v1/auth/me").json()["opd_id"]
    with LocalPool(settings, workers=1, poll_s=0.2):
        deadline = (date.today() + timedelta(days=14)).isoformat()
        r = admin.post("/api/v1/evaluations", json={"year": YEAR, "deadline": deadline})
        assert r.status_code == 201, r.text
        until = time.monotonic() + 120
        while admin.get(f"/api/v1/evaluations/{YEAR}").json()["progress"]["assessed"] < 2:
            assert time.monotonic() < until, "the evaluation's reassessments did not finish"
            time.sleep(0.3)
    assert admin.post(f"/api/v1/evaluations/{YEAR}/close").status_code == 200
    return {"opd": str(opd)}


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)  # layout does not depend on the database
def test_dashboard_and_report_in_a_browser(site: str, browser: object, settings: Settings) -> None:  # noqa: F811
    seeded = _seed(site, settings)
    reviewer = _sign_in(browser, site, REVIEWER)
    # The reviewer's home is the dashboard; the queue's number leads to the queue it counts.
    assert reviewer.locator("h1").inner_text() == "Dasbor pengawasan"
    reviewer.click('table.queue-ages a[href="/antrean?status=dinilai"]')
    reviewer.wait_for_url("**/antrean?status=dinilai")
    assert reviewer.locator("table tbody tr").count() == 2
    assert reviewer.locator("td.age").first.inner_text() == "< 1 jam"
    # Filters are a plain form: searching narrows the list.
    reviewer.fill("#q", "rujukan")
    reviewer.click("button[type=submit] >> text=Saring")
    reviewer.wait_for_load_state()
    assert reviewer.locator("table tbody tr").count() == 1
    # From the dashboard to the year's report, then to the applications behind a figure.
    reviewer.goto(site + "/dasbor")
    reviewer.click(f'a[href="/laporan/{YEAR}"]')
    reviewer.wait_for_url(f"**/laporan/{YEAR}")
    assert reviewer.locator("svg").count() == 5
    lapsed = reviewer.locator(f'table.matrix a[href="/laporan/{YEAR}/aplikasi?hasil=tidak_berkelanjutan"]')
    assert lapsed.inner_text() == "2"  # nobody confirmed by the (passed) deadline
    lapsed.click()
    reviewer.wait_for_load_state()
    assert reviewer.locator("table.items tbody tr").count() == 2
    # Printed, the report has no menu, and its charts stay.
    reviewer.goto(f"{site}/laporan/{YEAR}")
    reviewer.emulate_media(media="print")
    assert not reviewer.locator("header.top").is_visible()
    assert not reviewer.locator("p.noprint").is_visible()
    assert reviewer.locator("svg").first.is_visible()
    reviewer.emulate_media(media="screen")
    reviewer.context.close()

    pages = {
        REVIEWER: [
            "/",
            "/antrean?urut=tingkat",
            "/dasbor/rekomendasi?hari=60",
            "/dasbor/deployment",
            f"/laporan/{YEAR}",
            f"/laporan/{YEAR}/aplikasi",
        ],
        ADMIN: ["/dasbor", "/laporan"],
        DEV: ["/", f"/laporan/{YEAR}?opd={seeded['opd']}"],
    }
    problems = []
    for width in (1280, 390):
        for email, visits in pages.items():
            page = _sign_in(browser, site, email, width)
            for lang in ("id", "en"):
                page.goto(f"{site}/bahasa/{lang}?next=/")
                for path in visits:
                    response = page.goto(site + path)
                    assert response is not None and response.status == 200, (path, response and response.status)
                    found = page.evaluate(LAYOUT)
                    problems += [f"{width} px {lang} {email.split('@')[0]} {path}: {p}" for p in found["problems"]]
                    if width == 1280:
                        assert found["header"] < 64, (lang, email, path, found["header"])
            page.context.close()
    assert not problems, "\n".join(problems)
