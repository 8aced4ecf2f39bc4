"""The watched deployment's chart and table, and the notifications, in a real browser at a
desktop's and a phone's width: nothing overflows, the header stays one row on a desktop, and the
chart is drawn (it has a size) beside its table."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import yaml
from sqlmodel import Session, select

from gate.core.config import Settings
from gate.core.db import engine_for
from gate.models import Probe, User, utcnow
from gate.services import notifications
from rules.i18n import Text
from tests.service import test_browser as browser_tests
from tests.service.test_browser import ADMIN, DEV, LAYOUT, REVIEWER, _api, _sign_in
from tests.service.test_deployment_view import DRIFT
from tests.service.test_monitoring import APPROVED

# The browser journey's fixtures: the service on a local port, headless chromium (skipped without it).
site, browser = browser_tests.site, browser_tests.browser


def _seed(base_url: str, settings: Settings) -> int:
    """An approved application with a long production URL, 48 probes (some down, one drifting),
    and a few long notifications for its developer and the administrator."""
    doc = json.loads(json.dumps(APPROVED))
    base = "https://layanan-perizinan-berusaha-terintegrasi.dpmptsp.contohkab.go.id/perizinan/v1"
    doc["info"]["x-spbe"]["url_produksi"] = base
    doc["info"]["x-spbe"]["url_openapi"] = base + "/openapi.json"
    dev, reviewer = _api(base_url, DEV), _api(base_url, REVIEWER)
    r = dev.post(
        "/api/v1/submissions",
        data={"application": "Perizinan Dipantau"},
        files={"file": ("openapi.yaml", yaml.safe_dump(doc, allow_unicode=True).encode())},
    )
    assert r.status_code == 201, r.text
    sid, app_id = r.json()["submission"]["id"], r.json()["submission"]["application_id"]
    decided = reviewer.post(f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus."})
    assert decided.status_code == 201, decided.text
    now = utcnow()
    engine = engine_for(settings.sqlalchemy_url)
    with Session(engine) as s:
        for i in range(48):
            ok = i % 11 != 5
            s.add(
                Probe(
                    application_id=app_id,
                    submission_id=sid,
                    slot=1000 + i,
                    at=now - timedelta(hours=6 * (48 - i)),
                    url=base + "/kesehatan",
                    ok=ok,
                    status=200 if ok else None,
                    latency_ms=40.0 + (i * 37) % 400 if ok else None,
                    tls_days=80 if ok else None,
                    error="" if ok else "All connection attempts failed: " + "alamat-tidak-terjangkau-" * 3,
                    drift=DRIFT if i == 40 else [] if ok else None,
                )
            )
        users = [u for u in s.exec(select(User)).all() if u.email in (DEV, ADMIN)]
        for i in range(3):
            notifications.notify(
                s,
                users,
                "drift",
                f"uji:{i}",
                Text(f"API produksi Perizinan Dipantau berbeda ({i}): {base}", f"Production API differs ({i}): {base}"),
                f"/katalog/{app_id}",
                email=False,
            )
        s.commit()
    return int(app_id)


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)  # layout does not depend on the database
def test_deployment_and_notification_pages_fit_a_desktop_and_a_phone(
    site: str, browser: object, settings: Settings
) -> None:
    entry = f"/katalog/{_seed(site, settings)}"
    problems = []
    for width in (1280, 390):
        for email, visits in {DEV: ["/", entry, "/notifikasi"], ADMIN: ["/", entry, "/notifikasi"]}.items():
            page = _sign_in(browser, site, email, width)
            for lang in ("id", "en"):
                page.goto(f"{site}/bahasa/{lang}?next=/")
                for path in visits:
                    page.goto(site + path)
                    found = page.evaluate(LAYOUT)
                    problems += [f"{width} px {lang} {email.split('@')[0]} {path}: {p}" for p in found["problems"]]
                    if width == 1280:
                        assert found["header"] < 64, (lang, email, path, found["header"])
                    if path == entry or (path == "/" and email == DEV):
                        box = page.locator(".deploy-chart svg").first.bounding_box()
                        assert box is not None and box["width"] > 250 and box["height"] > 80, box
                        assert page.locator(".deploy-probes table").first.is_visible()
            page.context.close()
    assert not problems, "\n".join(problems)
