"""The review journey in a real browser: Debian's Chromium, headless, driven by Playwright.

The service runs under uvicorn on 127.0.0.1 (a free port) in this process; the browser reaches
nothing else. Skipped cleanly where Chromium or Playwright is missing (``.ci/run`` installs both).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlmodel import Session

from gate.core.config import Settings
from gate.main import create_app
from gate.models import Role
from gate.services.accounts import create_opd, create_user
from tests.helpers import free_port
from tests.service.conftest import PASSWORD
from tests.service.test_workflow import GOOD, LEGACY

CHROMIUM = Path("/usr/bin/chromium")
# CI sets SPBE_GATE_REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip.
if os.environ.get("SPBE_GATE_REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed", allow_module_level=True)
from playwright import sync_api as playwright  # noqa: E402

DEV = "dev@dinkes.contohkab.go.id"
REVIEWER = "reviewer@diskominfo.contohkab.go.id"
OTHER = "dev@disdik.contohkab.go.id"


@pytest.fixture
def site(settings: Settings) -> Iterator[str]:
    app = create_app(settings)
    with Session(app.state.engine) as s:
        dinkes = create_opd(s, "1.02.01", "Dinas Kesehatan")
        disdik = create_opd(s, "1.01.01", "Dinas Pendidikan")
        create_user(s, DEV, "Dewi", PASSWORD, Role.DEVELOPER, dinkes.id)
        create_user(s, OTHER, "Dodi", PASSWORD, Role.DEVELOPER, disdik.id)
        create_user(s, REVIEWER, "Rina", PASSWORD, Role.REVIEWER)
        s.commit()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the service did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    app.state.engine.dispose()


@pytest.fixture
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield chromium
        chromium.close()


def _sign_in(browser: object, site: str, email: str):  # type: ignore[no-untyped-def]
    page = browser.new_context().new_page()  # type: ignore[attr-defined]
    page.goto(site + "/")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site + "/")
    return page


def _submit(page, site: str, name: str, document: Path) -> None:  # type: ignore[no-untyped-def]
    page.click("nav >> text=Ajukan aplikasi")
    page.fill("#application", name)
    page.set_input_files("#file", str(document))
    page.click("button[type=submit] >> text=Lanjut")
    page.wait_for_url("**/metadata")
    page.click("button[type=submit] >> text=Nilai sekarang")
    page.wait_for_url("**/pengajuan/*")


def _decide(page, site: str, name: str, outcome: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    page.click("nav >> text=Antrean tinjauan")
    page.click(f"table >> text={name}")
    page.click("button[type=submit] >> text=Mulai tinjauan")  # the decision form comes with the review
    page.wait_for_load_state()
    page.select_option("#outcome", label=outcome)
    page.fill("#reason", reason)
    page.click("button[type=submit] >> text=Putuskan")
    page.wait_for_load_state()


def test_submit_reject_resubmit_approve_catalogue(site: str, browser: object, tmp_path: Path) -> None:
    bad, good = tmp_path / "swagger.yaml", tmp_path / "openapi.yaml"
    bad.write_bytes(LEGACY)
    good.write_bytes(GOOD)
    developer = _sign_in(browser, site, DEV)
    reviewer = _sign_in(browser, site, REVIEWER)

    _submit(developer, site, "Layanan Kesehatan Daerah", bad)
    assert developer.locator("text=Tidak lulus").count() >= 1

    _decide(reviewer, site, "Layanan Kesehatan Daerah", "Tolak", "Server HTTP dan tanpa autentikasi; perbaiki.")
    assert reviewer.locator("h1 >> text=Ditolak").count() == 1

    developer.reload()
    assert developer.locator("text=Server HTTP dan tanpa autentikasi; perbaiki.").count() == 1
    _submit(developer, site, "Layanan Kesehatan Daerah", good)
    assert developer.locator("text=#2").count() >= 1
    assert developer.locator(".badge >> text=Lulus").count() >= 1

    _decide(reviewer, site, "Layanan Kesehatan Daerah", "Setujui", "Memenuhi seluruh aturan; siap diintegrasikan.")
    assert reviewer.locator("h1 >> text=Disetujui").count() == 1

    other = _sign_in(browser, site, OTHER)
    other.click("nav >> text=Katalog API")
    other.fill("#q", "kesehatan")
    other.click("button[type=submit] >> text=Cari")
    other.click("table >> text=Layanan Kesehatan Daerah")
    assert other.locator("text=budi.santoso@dpmptsp.contohkab.go.id").count() >= 1
    assert other.locator("text=Laporan Penilaian SPBE Gate").count() == 1
