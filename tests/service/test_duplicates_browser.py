"""The duplicate warning in a real browser, at a desktop's and a phone's width: a home-made
personnel system is pointed to SIASN, and the panel fits both widths in both languages."""

from __future__ import annotations

import pytest

from gate.core.config import Settings
from tests.service.test_browser import LAYOUT, _api, _sign_in, browser, site  # noqa: F401  (fixtures)
from tests.service.test_workflow import LEGACY

DEV = "dev@dinkes.contohkab.go.id"
REVIEWER = "reviewer@diskominfo.contohkab.go.id"


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)  # layout does not depend on the database
def test_the_duplicate_warning_fits_a_desktop_and_a_phone(site: str, browser: object, settings: Settings) -> None:  # noqa: F811
    r = _api(site, DEV).post(
        "/api/v1/submissions", data={"application": "Simpeg Dinkes"}, files={"file": ("swagger.yaml", LEGACY)}
    )
    assert r.status_code == 201, r.text
    path = f"/pengajuan/{r.json()['submission']['id']}"
    problems = []
    for width in (1280, 390):
        for email, words in ((DEV, ("Mungkin sudah ada", "A shared or similar")), (REVIEWER, ("Bobot:", "Weights:"))):
            page = _sign_in(browser, site, email, width)
            for lang, word in zip(("id", "en"), words, strict=True):
                page.goto(f"{site}/bahasa/{lang}?next={path}")
                page.goto(site + path)
                panel = page.locator("#duplikat")
                assert panel.is_visible()
                assert panel.locator("h3 >> text=SIASN (SIMPEG)").count() == 1
                assert panel.locator(f"text={word}").count() >= 1
                assert panel.locator("code >> text=GET /getPegawai ≈ GET /pegawai").count() == 1
                problems += [f"{width} px {lang} {email}: {p}" for p in page.evaluate(LAYOUT)["problems"]]
            page.context.close()
    assert not problems, "\n".join(problems)
