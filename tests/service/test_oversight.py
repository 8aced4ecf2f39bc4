"""The oversight dashboard and the queue's search, filters, sorting and ages, on both databases:
every number on the dashboard is checked against the list its link opens."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape

from sqlmodel import col, select

from gate.models import Application, Letter, LetterKind, Probe, Submission
from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_pages import Visitor
from tests.service.test_workflow import GOOD, LEGACY


def _submit(world: World, who: str, name: str, content: bytes, filename: str = "openapi.yaml") -> tuple[int, int]:
    r = world.client(who).post("/api/v1/submissions", data={"application": name}, files={"file": (filename, content)})
    assert r.status_code == 201, r.text
    return int(r.json()["submission"]["id"]), int(r.json()["submission"]["application_id"])


def _approve(world: World, sid: int) -> None:
    r = world.client(REVIEWER).post(
        f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus.", "override": True}
    )
    assert r.status_code == 201, r.text


def _age(world: World, sid: int, days: float) -> None:
    """The submission was made ``days`` ago (the queue's age is measured from it)."""
    with world.session() as s:
        sub = s.get(Submission, sid)
        assert sub is not None
        sub.submitted_at = datetime.now(UTC) - timedelta(days=days)
        s.add(sub)
        s.commit()


def _links(html: str, pattern: str) -> list[tuple[str, str]]:
    """(href, number) of every link whose href matches ``pattern`` and whose text is a number."""
    return [
        (unescape(href), text)
        for href, text in re.findall(r'<a (?:class="big" )?href="([^"]+)">(\d+)</a>', html)
        if re.search(pattern, unescape(href))
    ]


def _rows(html: str) -> int:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return body.group(1).count("<tr>") if body else 0


def _kabupaten(world: World) -> dict[str, int]:
    """A queue of five (ages 1, 10, 10, 40 days; one in review), three catalogued applications
    (one with recommendations ending in 20 and 45 days, one whose deployment is down)."""
    ids = {}
    ids["new"], _ = _submit(world, DEV_DINKES, "Sistem Antrean Baru", LEGACY, "swagger.yaml")
    ids["mid1"], _ = _submit(world, DEV_DINKES, "Sistem Rujukan", GOOD)
    ids["mid2"], _ = _submit(world, DEV_DISDIK, "Data Pokok Pendidikan", LEGACY, "swagger.yaml")
    ids["old"], _ = _submit(world, DEV_DISDIK, "Beasiswa Daerah", GOOD)
    ids["review"], _ = _submit(world, DEV_DISDIK, "Perpustakaan Digital", GOOD)
    for key, days in (("new", 1), ("mid1", 10), ("mid2", 10), ("old", 40), ("review", 3)):
        _age(world, ids[key], days)
    assert world.client(REVIEWER).post(f"/api/v1/submissions/{ids['review']}/review").status_code == 200
    catalogued = []
    for name, who in (("Layanan Imunisasi", DEV_DINKES), ("Layanan Gizi", DEV_DINKES), ("Ujian Daring", DEV_DISDIK)):
        sid, app = _submit(world, who, name, GOOD)
        _approve(world, sid)
        catalogued.append(app)
    ids["soon"], ids["later"], ids["down"] = catalogued
    today = datetime.now(UTC).date()
    with world.session() as s:
        for app_id, days in ((ids["soon"], 20), (ids["later"], 45), (ids["down"], 200)):
            letter = s.exec(
                select(Letter).where(Letter.application_id == app_id, Letter.kind == LetterKind.RECOMMENDATION)
            ).one()
            letter.valid_until = today + timedelta(days=days)
            s.add(letter)
        app = s.get(Application, ids["down"])
        assert app is not None and app.approved_submission_id is not None
        for slot, ok in ((1, True), (2, False)):  # up, then down: the latest counts
            s.add(
                Probe(
                    application_id=app.id or 0,
                    submission_id=app.approved_submission_id,
                    slot=slot,
                    url="https://x.go.id",
                    ok=ok,
                    error="" if ok else "timeout",
                )
            )
        up = s.get(Application, ids["soon"])
        assert up is not None and up.approved_submission_id is not None
        for slot, ok in ((1, False), (2, True)):  # down, then up again
            s.add(
                Probe(
                    application_id=up.id or 0,
                    submission_id=up.approved_submission_id,
                    slot=slot,
                    url="https://y.go.id",
                    ok=ok,
                )
            )
        s.commit()
    return ids


def test_every_number_on_the_dashboard_opens_its_list(world: World) -> None:
    ids = _kabupaten(world)
    reviewer = Visitor(world, REVIEWER)
    home = reviewer.get("/")
    board = reviewer.get("/dasbor")
    assert "Dasbor pengawasan" in home and "Dasbor pengawasan" in board  # the reviewer's home leads to it

    # The queue by state and age: assessed 4 (1 day; 10, 10; 40), in review 1 (3 days).
    queue = dict(_links(board, r"^/antrean\?"))
    assert queue["/antrean?status=dinilai"] == "4"
    assert queue["/antrean?status=dinilai&umur=0-7"] == "1"
    assert queue["/antrean?status=dinilai&umur=7-30"] == "2"
    assert queue["/antrean?status=dinilai&umur=30-"] == "1"
    assert queue["/antrean?status=direview"] == "1"
    for href, number in _links(board, r"^/antrean\?status=(dinilai|direview|perlu_perbaikan)"):
        assert _rows(reviewer.get(href)) == int(number), href
    # The oldest first, with the time each has waited.
    oldest = re.search(r'<table class="oldest">(.*?)</table>', board, re.S).group(1)  # type: ignore[union-attr]
    names = re.findall(r'<a href="/pengajuan/\d+">([^<]+)</a>', oldest)
    assert names[0] == "Beasiswa Daerah" and names[-1] == "Sistem Antrean Baru"
    assert "40 hari" in oldest and "< 1 jam" not in oldest

    # Recommendations ending within 30 and 60 days, deployments down.
    figures = dict(_links(board, r"^/dasbor/"))
    assert figures["/dasbor/rekomendasi?hari=30"] == "1"
    assert figures["/dasbor/rekomendasi?hari=60"] == "2"
    assert figures["/dasbor/deployment"] == "1"
    soon = reviewer.get("/dasbor/rekomendasi?hari=30")
    assert "Layanan Imunisasi" in soon and "Layanan Gizi" not in soon and _rows(soon) == 1
    assert _rows(reviewer.get("/dasbor/rekomendasi?hari=60")) == 2
    down = reviewer.get("/dasbor/deployment")
    assert "Ujian Daring" in down and "timeout" in down and "Layanan Imunisasi" not in down

    # Levels per OPD: the catalogued applications (the good document is level 5), table and chart.
    levels = dict(_links(board, r"status=katalog"))
    with world.session() as s:
        opd_of = {a.id: a.opd_id for a in s.exec(select(Application)).all()}
    dinkes = opd_of[ids["soon"]]
    assert levels[f"/antrean?status=katalog&opd={dinkes}&tingkat=5"] == "2"
    assert levels[f"/antrean?status=katalog&opd={dinkes}"] == "2"
    listed = reviewer.get(f"/antrean?status=katalog&opd={dinkes}&tingkat=5")
    assert _rows(listed) == 2 and "Layanan Gizi" in listed and "Sistem Rujukan" not in listed
    assert board.count("<svg") == 1 and 'class="bar ok"' in board  # the chart beside the table

    # No evaluation yet: said so.
    assert "Belum ada evaluasi tahunan" in board


def test_developers_do_not_see_the_dashboard(world: World) -> None:
    dev = Visitor(world, DEV_DINKES)
    dev.get("/dasbor", 403)
    dev.get("/dasbor/rekomendasi", 403)
    dev.get("/dasbor/deployment", 403)
    assert "Dasbor pengawasan" not in dev.get("/")
    assert "Dasbor pengawasan" in Visitor(world, ADMIN).get("/")


def test_the_queue_searches_filters_sorts_and_ages(world: World) -> None:
    ids = _kabupaten(world)
    reviewer = Visitor(world, REVIEWER)

    def names(path: str) -> list[str]:
        html = reviewer.get(path)
        return re.findall(r'<td><a href="/pengajuan/\d+">([^<]+)</a>', html)

    assert names("/antrean") == [
        "Beasiswa Daerah",
        "Sistem Rujukan",
        "Data Pokok Pendidikan",
        "Perpustakaan Digital",
        "Sistem Antrean Baru",
    ]  # oldest first (the 10-day pair in submission order)
    assert names("/antrean?urut=baru")[0] == "Sistem Antrean Baru"
    assert names("/antrean?urut=aplikasi") == sorted(names("/antrean"))
    assert names("/antrean?q=pokok") == ["Data Pokok Pendidikan"]  # the application's name
    assert set(names("/antrean?q=dinas+kesehatan")) == {"Sistem Rujukan", "Sistem Antrean Baru"}  # the OPD's
    assert names("/antrean?q=%25") == []  # a LIKE wildcard is a character, not a pattern
    assert names("/antrean?umur=7-30") == ["Sistem Rujukan", "Data Pokok Pendidikan"]
    assert names("/antrean?tingkat=5&urut=tingkat") == ["Beasiswa Daerah", "Sistem Rujukan", "Perpustakaan Digital"]
    low_first = names("/antrean?urut=tingkat")
    assert low_first[:2] == ["Data Pokok Pendidikan", "Sistem Antrean Baru"]  # the legacy documents
    # Lifecycle from the metadata: the legacy document has none, the good one says production.
    assert set(names("/antrean?siklus=production")) == {"Beasiswa Daerah", "Sistem Rujukan", "Perpustakaan Digital"}
    assert names("/antrean?siklus=retired") == []
    page = reviewer.get("/antrean")
    assert re.search(r'<td class="nowrap age">40 hari</td>', page)
    assert 'value="production"' in page and 'name="q"' in page and 'name="urut"' in page
    # Unknown values fall back to the defaults instead of failing.
    assert names("/antrean?urut=x&siklus=y&umur=1-2") == names("/antrean")
    assert names(f"/antrean?opd={_opd_of(world, ids['old'])}&status=") == [
        "Beasiswa Daerah",
        "Data Pokok Pendidikan",
        "Perpustakaan Digital",
        "Ujian Daring",
    ]


def _opd_of(world: World, submission_id: int) -> int:
    with world.session() as s:
        sub = s.get(Submission, submission_id)
        app = s.get(Application, sub.application_id) if sub else None
        assert app is not None
        return app.opd_id


def test_the_api_lists_submissions_searched_and_sorted(world: World) -> None:
    _kabupaten(world)
    api = world.client(REVIEWER)

    def titles(**params: str) -> list[int]:
        r = api.get("/api/v1/submissions", params=params)
        assert r.status_code == 200, r.text
        return [s["id"] for s in r.json()]

    with world.session() as s:
        when = {sub.id: sub.submitted_at for sub in s.exec(select(Submission)).all()}
        named = {
            sub.id: app.nama
            for sub, app in s.exec(
                select(Submission, Application).join(Application, col(Application.id) == Submission.application_id)
            ).all()
        }
    assert titles() == sorted(when, key=lambda i: (when[i], i))
    assert titles(sort="newest") == sorted(when, key=lambda i: (when[i], i), reverse=True)
    assert [named[i] for i in titles(q="POKOK")] == ["Data Pokok Pendidikan"]
    assert {named[i] for i in titles(lifecycle="production", state="dinilai")} == {"Beasiswa Daerah", "Sistem Rujukan"}
    by_name = [named[i] for i in titles(sort="application")]
    assert by_name == sorted(by_name, key=str.lower)
    assert api.get("/api/v1/submissions", params={"sort": "sideways"}).status_code == 422
    # A developer's search stays inside the OPD.
    mine = world.client(DEV_DISDIK).get("/api/v1/submissions", params={"q": "sistem"}).json()
    assert mine == []


def test_age_bands_are_read_back_from_links() -> None:
    from gate.services.oversight import age_range, band_text

    assert age_range("7-30") == (7, 30) and age_range("30-") == (30, None)
    assert age_range("1-2") is None and age_range("x") is None and age_range("") is None
    assert band_text((30, None)) == "30-"
