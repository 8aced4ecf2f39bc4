"""A watched deployment's record as people read it: the catalogue entry, the OPD's home and the API
show what the probe table holds (availability over 7, 30 and 365 days, latency, certificate, drift,
failures in a row), drawn as a server-rendered SVG chart with the same probes in a table beside it.
Probes are written straight into the database here: what is under test is the reading."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from html import unescape

import yaml
from sqlmodel import select

from gate.models import Application, Probe, utcnow
from gate.services import watching
from gate.services.watching import Point
from gate.web.views import monitoring as monitoring_views
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_monitoring import APPROVED
from tests.service.test_pages import Visitor

DRIFT = [
    {"kind": "path-removed", "severity": "breaking", "id": "Path /statistik dihapus", "en": "Path /statistik removed"},
    {"kind": "parameter-added", "severity": "compatible", "id": "Parameter q ditambahkan", "en": "Parameter q added"},
]


def catalogue(world: World, developer: str, name: str, base: str | None) -> int:
    """An application of the developer's OPD, approved, declaring ``base`` as its production URL."""
    doc = json.loads(json.dumps(APPROVED))
    doc["info"]["title"] = name
    if base is None:
        del doc["info"]["x-spbe"]["url_produksi"]
        del doc["info"]["x-spbe"]["url_openapi"]
    else:
        doc["info"]["x-spbe"]["url_produksi"] = base
        doc["info"]["x-spbe"]["url_openapi"] = base + "/openapi.json"
    content = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode()
    dev, reviewer = world.client(developer), world.client(REVIEWER)
    r = dev.post("/api/v1/submissions", data={"application": name}, files={"file": ("openapi.yaml", content)})
    assert r.status_code == 201, r.text
    sid, app_id = r.json()["submission"]["id"], r.json()["submission"]["application_id"]
    r = reviewer.post(f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus semua."})
    assert r.status_code == 201, r.text
    return int(app_id)


def probes(world: World, app_id: int) -> list[Probe]:
    """A history: 400 days ago up, 20 days ago down, then 6 days of probes ending in 2 failures, the
    one before them drifting. Slots count down from the newest (slot 1000)."""
    now = utcnow()
    with world.session() as s:
        app = s.get(Application, app_id)
        assert app is not None and app.approved_submission_id is not None
        sub_id = app.approved_submission_id
    plan: list[tuple[timedelta, bool, float | None, int | None, list[dict[str, str]] | None]] = [
        (timedelta(days=400), True, 80.0, 200, []),
        (timedelta(days=20), False, None, None, None),
        (timedelta(days=20, hours=-6), True, 120.0, 200, []),
        (timedelta(days=6), True, 40.0, 60, []),
        (timedelta(days=5), True, 250.0, 59, []),
        (timedelta(days=4), True, 35.5, 58, []),
        (timedelta(days=3), True, 990.0, 57, DRIFT),
        (timedelta(days=2), False, None, None, None),
        (timedelta(days=1), False, None, None, None),
    ]
    rows = []
    for i, (ago, ok, latency, tls, drift) in enumerate(plan):
        rows.append(
            Probe(
                application_id=app_id,
                submission_id=sub_id,
                slot=1000 - (len(plan) - 1 - i),
                at=now - ago,
                url="https://127.0.0.1:9/perizinan/v1/kesehatan",
                ok=ok,
                status=200 if ok else None,
                latency_ms=latency,
                tls_days=tls,
                error="" if ok else "connection refused",
                drift=drift,
            )
        )
    with world.session() as s:
        for row in rows:
            s.add(row)
        s.commit()
        return list(s.exec(select(Probe).where(Probe.application_id == app_id).order_by(Probe.slot)).all())


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_the_record_is_what_the_probe_table_holds(world: World) -> None:
    app_id = catalogue(world, DEV_DINKES, "Perizinan Dipantau", "https://perizinan.contohkab.go.id/perizinan/v1")
    stored = probes(world, app_id)
    now = utcnow()
    with world.session() as s:
        app = s.get(Application, app_id)
        assert app is not None
        found = watching.catalogued_of_opd(s, app.opd_id)
        (_, sub) = next(pair for pair in found if pair[0].id == app_id)
        record = watching.record(s, app, sub)

    def within(days: int) -> list[Probe]:
        return [p for p in stored if p.at.replace(tzinfo=now.tzinfo) >= now - timedelta(days=days)]

    assert [(a.days, a.probes, a.up) for a in record.availability] == [
        (d, len(within(d)), sum(p.ok for p in within(d))) for d in (7, 30, 365)
    ]
    assert [a.percent for a in record.availability] == [66.7, 62.5, 62.5]  # 4/6, 5/8, 5/8
    # The chart draws the recent past: not the probe of 400 days ago.
    assert [(p.ok, p.latency_ms) for p in record.series] == [(p.ok, p.latency_ms) for p in within(90)]
    assert len(record.series) == len(stored) - 1
    assert record.consecutive_failures == 2
    assert record.tls_days == 57  # the newest probe that saw a certificate
    # The probes after it failed, so checked nothing: the drift still stands.
    assert record.last_drift is not None and record.last_drift.current
    assert [d["kind"] for d in record.last_drift.differences] == ["path-removed", "parameter-added"]
    assert record.base_url == "https://perizinan.contohkab.go.id/perizinan/v1"
    # One more probe answers and its document matches again: the failures and the drift are over.
    with world.session() as s:
        s.add(Probe(application_id=app_id, submission_id=sub.id or 0, slot=1001, url="-", ok=True, drift=[]))
        s.commit()
        app = s.get(Application, app_id)
        assert app is not None
        later = watching.record(s, app, sub)
    assert later.consecutive_failures == 0 and later.last_drift is not None and not later.last_drift.current


def test_the_catalogue_entry_shows_figures_chart_and_table(world: World) -> None:
    app_id = catalogue(world, DEV_DINKES, "Perizinan Dipantau", "https://perizinan.contohkab.go.id/perizinan/v1")
    stored = probes(world, app_id)[1:]  # the chart's: not the one of 400 days ago
    html = Visitor(world, DEV_DISDIK).get(f"/katalog/{app_id}")  # the catalogue is everyone's to read
    text = _text(html)
    assert "Pemantauan deployment" in text
    assert "66.7%" in text and "4 dari 6 pemeriksaan" in text and "62.5%" in text and "5 dari 8 pemeriksaan" in text
    assert "berlaku 57 hari lagi" in text
    assert "Path /statistik dihapus" in text and "Parameter q ditambahkan" in text
    assert re.search(r"Gagal berturut-turut\s*</dt><dd><span class=\"badge bad\">2<", html)
    # The chart: one mark per probe (green up, red down), the latency line broken by the failures.
    svg = re.search(r"<svg .*?</svg>", html, re.S)
    assert svg is not None and 'role="img"' in svg.group(0) and "<title" in svg.group(0)
    marks = re.findall(r'<rect class="(ok|bad)"', svg.group(0))
    assert marks == ["ok" if p.ok else "bad" for p in stored]
    assert len(re.findall(r"<polyline ", svg.group(0))) == 1  # down, [up up up up up], down, down
    assert len(re.findall(r"<circle ", svg.group(0))) == sum(p.ok for p in stored)
    assert "<script" not in html
    # The table beside it: the same probes, newest first.
    table = re.search(r"<table>\s*<caption[^>]*>Pemeriksaan</caption>.*?</table>", html, re.S)
    assert table is not None
    rows = re.findall(r"<tr><td class=\"nowrap\">(.*?)</td><td><span class=\"badge (ok|bad)\">", table.group(0))
    assert [tone for _, tone in rows] == ["ok" if p.ok else "bad" for p in reversed(stored)]
    assert "990" in table.group(0) and "250" in table.group(0) and "koneksi ditolak" in table.group(0)
    # In English too, with the differences in English.
    english = Visitor(world, DEV_DISDIK)
    english.get("/bahasa/en", 303)
    assert "Path /statistik removed" in _text(english.get(f"/katalog/{app_id}"))


def test_an_application_without_a_production_url_is_said_not_watched(world: World) -> None:
    app_id = catalogue(world, DEV_DINKES, "Perizinan Internal", None)
    text = _text(Visitor(world, DEV_DINKES).get(f"/katalog/{app_id}"))
    assert "Tidak dipantau" in text and "<svg" not in text


def test_the_opd_home_shows_its_own_deployments_only(world: World) -> None:
    mine = catalogue(world, DEV_DINKES, "Perizinan Dinkes", "https://dinkes.contohkab.go.id/izin/v1")
    theirs = catalogue(world, DEV_DISDIK, "Sekolah Disdik", "https://disdik.contohkab.go.id/sekolah/v1")
    probes(world, mine)
    probes(world, theirs)
    home = Visitor(world, DEV_DINKES).get("/")
    assert "Deployment yang dipantau" in home
    assert f'href="/katalog/{mine}">Perizinan Dinkes</a>' in home and "<svg" in home
    assert f"/katalog/{theirs}" not in home and "Sekolah Disdik" not in home and "disdik.contohkab" not in home
    other = Visitor(world, DEV_DISDIK).get("/")
    assert "Sekolah Disdik" in other and "Perizinan Dinkes" not in other
    # Diskominfo's home has no OPD deployments block.
    assert "Deployment yang dipantau" not in Visitor(world, REVIEWER).get("/")


def test_a_new_probe_shows_at_once_on_every_page_that_keeps_records(world: World) -> None:
    """Records and rendered blocks are kept per process between requests: a probe added since is
    on the next page all the same, on the home, the entry and in the API, and in both languages."""
    app_id = catalogue(world, DEV_DINKES, "Perizinan Dipantau", "https://perizinan.contohkab.go.id/perizinan/v1")
    probes(world, app_id)
    dev = Visitor(world, DEV_DINKES)
    api = world.client(DEV_DINKES)
    before = {path: dev.get(path) for path in ("/", f"/katalog/{app_id}")}
    for page in before.values():
        assert "gagal" in _text(page) and "123.4" not in page
    assert api.get(f"/api/v1/catalogue/{app_id}/deployment").json()["consecutive_failures"] == 2
    with world.session() as s:
        app = s.get(Application, app_id)
        assert app is not None and app.approved_submission_id is not None
        s.add(
            Probe(
                application_id=app_id,
                submission_id=app.approved_submission_id,
                slot=1001,
                at=utcnow(),
                url="https://perizinan.contohkab.go.id/perizinan/v1/kesehatan",
                ok=True,
                status=200,
                latency_ms=123.4,
                tls_days=56,
                error="",
                drift=[],
            )
        )
        s.commit()
    for path in before:
        page = dev.get(path)
        # The new probe's latency, rounded to whole milliseconds, in the table; its certificate.
        assert ">123<" in page and "56 hari lagi" in page, path
        # Found as approved again: the drift is past, no longer current.
        assert "pemeriksaan sesudahnya mendapati API kembali sesuai" in page, path
    body = api.get(f"/api/v1/catalogue/{app_id}/deployment").json()
    assert body["consecutive_failures"] == 0 and body["certificate_days_left"] == 56
    assert body["last_drift"]["current"] is False
    english = Visitor(world, DEV_DINKES)
    english.client.get("/bahasa/en?next=/")
    assert "valid for 56 more days" in english.get(f"/katalog/{app_id}")


def test_the_api_gives_the_record_as_json(world: World) -> None:
    app_id = catalogue(world, DEV_DINKES, "Perizinan Dipantau", "https://perizinan.contohkab.go.id/perizinan/v1")
    stored = probes(world, app_id)[1:]  # the recent ones
    r = world.client(DEV_DISDIK).get(f"/api/v1/catalogue/{app_id}/deployment")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["application_id"] == app_id
    assert body["url_produksi"] == "https://perizinan.contohkab.go.id/perizinan/v1"
    assert body["url_openapi"].endswith("/openapi.json")
    assert [(a["days"], a["probes"], a["up"], a["percent"]) for a in body["availability"]] == [
        (7, 6, 4, 66.7),
        (30, 8, 5, 62.5),
        (365, 8, 5, 62.5),
    ]
    assert body["consecutive_failures"] == 2 and body["certificate_days_left"] == 57
    assert body["last_drift"]["current"] is True
    assert [(d["kind"], d["severity"], d["en"]) for d in body["last_drift"]["differences"]] == [
        ("path-removed", "breaking", "Path /statistik removed"),
        ("parameter-added", "compatible", "Parameter q added"),
    ]
    assert [(p["ok"], p["latency_ms"], p["status"]) for p in body["probes"]] == [
        (p.ok, p.latency_ms, p.status) for p in stored
    ]
    assert world.client(DEV_DISDIK).get("/api/v1/catalogue/999999/deployment").status_code == 404
    assert world.client(None).get(f"/api/v1/catalogue/{app_id}/deployment").status_code == 401


def test_the_chart_scale_and_lines() -> None:
    at = utcnow()
    assert [monitoring_views.nice_ceiling(v) for v in (0.4, 1, 3, 12, 99, 101, 420, 5000)] == [
        1,
        1,
        5,
        20,
        100,
        200,
        500,
        5000,
    ]
    series = tuple(
        Point(at, ok, 200 if ok else None, latency, "")
        for ok, latency in [(True, 10.0), (True, 40.0), (False, None), (True, 20.0), (False, None), (True, 50.0)]
    )
    chart = monitoring_views.chart(series, "id")
    assert len(chart.marks) == 6 and [m.tone for m in chart.marks] == ["ok", "ok", "bad", "ok", "bad", "ok"]
    assert len(chart.lines) == 1 and len(chart.dots) == 4  # a lone answer is a dot, not a line
    assert [t.label for t in chart.ticks] == ["0", "25", "50"]
    # Higher latency is drawn higher; every shape stays inside the box.
    ys = [y for _, y in chart.dots]
    assert ys[1] < ys[0] and ys[3] == min(ys)
    assert all(0 <= x <= chart.width and 0 <= y <= chart.height for x, y in chart.dots)
    assert all(m.x >= chart.left and m.x + m.width <= chart.right + 0.01 for m in chart.marks)


def test_a_live_document_never_read_is_not_said_to_match(world: World) -> None:
    """Until a probe has read the live document, the record says it is not checked yet, not that
    production serves the approved API; once one has found it as approved, it says so."""
    app_id = catalogue(world, DEV_DINKES, "Perizinan Baru", "https://perizinan.contohkab.go.id/perizinan/v1")
    dev, api = Visitor(world, DEV_DINKES), world.client(DEV_DINKES)
    with world.session() as s:
        app = s.get(Application, app_id)
        assert app is not None and app.approved_submission_id is not None
        sub_id = app.approved_submission_id
        # The deployment was never reached: nothing was compared.
        s.add(Probe(application_id=app_id, submission_id=sub_id, slot=1, url="-", ok=False, error="refused"))
        s.commit()
    page = _text(dev.get(f"/katalog/{app_id}"))
    assert "Belum diperiksa: dokumen OpenAPI langsung belum pernah berhasil dibaca." in page
    assert "sama dengan versi yang disetujui" not in page
    body = api.get(f"/api/v1/catalogue/{app_id}/deployment").json()
    assert body["document_read"] is False and body["last_drift"] is None
    with world.session() as s:
        s.add(Probe(application_id=app_id, submission_id=sub_id, slot=2, url="-", ok=True, status=200, drift=[]))
        s.commit()
    page = _text(dev.get(f"/katalog/{app_id}"))
    assert "Tidak ada: API produksi sama dengan versi yang disetujui." in page and "Belum diperiksa" not in page
    assert api.get(f"/api/v1/catalogue/{app_id}/deployment").json()["document_read"] is True


def test_a_probe_error_is_in_the_page_language(world: World) -> None:
    app_id = catalogue(world, DEV_DINKES, "Perizinan Dipantau", "https://perizinan.contohkab.go.id/perizinan/v1")
    probes(world, app_id)  # its failures say "connection refused"
    indonesian = Visitor(world, DEV_DINKES)
    page = _text(indonesian.get(f"/katalog/{app_id}"))
    assert "koneksi ditolak" in page and "connection refused" not in page
    english = Visitor(world, DEV_DINKES)
    english.client.get("/bahasa/en?next=/")
    page = _text(english.get(f"/katalog/{app_id}"))
    assert "connection refused" in page and "koneksi ditolak" not in page
