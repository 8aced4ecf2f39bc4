"""The integration map and the change review in a real browser (Debian's Chromium, headless,
Playwright): reached from the catalogue, drawn without script, and laid out at a desktop's and a
phone's width, as ``test_browser.py`` measures every page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gate.core.config import Settings
from tests.service.test_browser import (  # noqa: F401  (fixtures)
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
from tests.service.test_change_control import with_integrations, without_statistics
from tests.service.test_workflow import GOOD

_CALLS = (
    "      - aplikasi: layanan-perizinan\n        operasi: [statistikIzin, bacaIzin]\n"
    "      - sistem: SATUSEHAT\n      - sistem: SRIKANDI\n"
)


def _seed(site: str) -> dict[str, str]:  # noqa: F811
    """A provider with an approved version and a pending breaking one, and a consumer in another
    OPD whose long name must still fit its box."""
    dev, other, reviewer = _api(site, DEV), _api(site, OTHER), _api(site, REVIEWER)

    def submit(client, name: str, document: bytes) -> int:  # type: ignore[no-untyped-def]
        r = client.post("/api/v1/submissions", data={"application": name}, files={"file": ("openapi.yaml", document)})
        assert r.status_code == 201, r.text
        return int(r.json()["submission"]["id"])

    def approve(sid: int) -> None:
        r = reviewer.post(f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus."})
        assert r.status_code == 201, r.text

    approve(submit(dev, "Layanan Perizinan", GOOD))
    consumer = submit(other, "Sistem Informasi Dasbor Pendidikan Terpadu Kabupaten", with_integrations(GOOD, _CALLS))
    approve(consumer)
    approve(submit(other, "Sekolah Kita", with_integrations(GOOD, "      - sistem: SIAK\n")))
    pending = submit(dev, "Layanan Perizinan", without_statistics(GOOD))
    return {"pending": f"/pengajuan/{pending}", "consumer": f"/pengajuan/{consumer}"}


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)  # layout does not depend on the database
def test_the_map_and_the_change_review_in_a_browser(site: str, browser: object, settings: Settings) -> None:  # noqa: F811
    paths = _seed(site)
    # The journey: from the catalogue to the map, then along an arrow's application to its entry.
    page = _sign_in(browser, site, OTHER)
    page.click("nav >> text=Katalog API")
    page.click("main >> text=Peta integrasi")
    page.wait_for_url(site + "/peta-integrasi")
    assert page.locator("svg.map").count() == 1
    # The provider calls SIAK and OSS RBA, the consumer it, SATUSEHAT and SRIKANDI, Sekolah Kita SIAK.
    assert page.locator("svg.map line").count() == 6
    assert page.locator("svg.map rect.system").count() == 4
    box = page.locator("svg.map").bounding_box()
    systems = [page.locator("svg.map rect.system").nth(i).bounding_box() for i in range(4)]
    apps = [page.locator("svg.map rect.app").nth(i).bounding_box() for i in range(3)]
    assert box and all(s and a and s["x"] > a["x"] + a["width"] for s in systems for a in apps)  # right edge
    page.click("#integrasi >> text=Layanan Perizinan >> nth=0")
    page.wait_for_url(site + "/katalog/*")
    page.context.close()

    # The reviewer sees the breaking change and who depends on it.
    reviewer = _sign_in(browser, site, REVIEWER)
    reviewer.goto(site + paths["pending"])
    section = reviewer.locator("section#integrasi")
    assert section.locator("text=Sistem Informasi Dasbor Pendidikan Terpadu Kabupaten").count() == 1
    assert section.locator("text=Sekolah Kita").count() == 0
    reviewer.context.close()

    pages = {
        OTHER: ["/peta-integrasi", paths["consumer"]],
        REVIEWER: ["/peta-integrasi", paths["pending"]],
        ADMIN: ["/peta-integrasi"],
    }
    problems = []
    for width in (1280, 390):
        for email, visits in pages.items():
            page = _sign_in(browser, site, email, width)
            for lang in ("id", "en"):
                page.goto(f"{site}/bahasa/{lang}?next=/")
                for path in visits:
                    page.goto(site + path)
                    found = page.evaluate(LAYOUT)
                    if shots := os.environ.get("SPBE_GATE_SCREENSHOTS"):  # pictures for a human reviewer
                        name = f"{width}-{lang}-{email.split('@')[0]}-{path.strip('/').replace('/', '-')}.png"
                        page.screenshot(path=str(Path(shots) / name), full_page=True)
                    problems += [f"{width} px {lang} {email.split('@')[0]} {path}: {p}" for p in found["problems"]]
                    if path == "/peta-integrasi":
                        # The map shrinks to fit, but not below 3/4 of its size (12 px text stays
                        # 9 px or more): narrower, it scrolls inside its own frame, not the page.
                        svg = page.locator("svg.map").bounding_box()
                        natural = float(page.locator("svg.map").get_attribute("viewBox").split()[2])  # type: ignore[union-attr]
                        frame = page.locator("figure .scroll").bounding_box()
                        assert svg and frame and svg["width"] >= 0.75 * natural - 1, (width, svg, natural)
                        assert frame["x"] >= 0 and frame["x"] + frame["width"] <= width, (width, frame)
            page.context.close()
    assert not problems, "\n".join(problems)
