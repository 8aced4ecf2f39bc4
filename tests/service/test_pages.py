"""The web pages, driven as a browser would (forms, cookies, redirects), on both databases."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from gate.models import AuditEvent, State, Submission
from gate.web import PAGES
from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, PASSWORD, REVIEWER, World
from tests.service.test_workflow import GOOD, LEGACY

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_INPUT = re.compile(r'<input id="m-[^"]+" name="([^"]+)" type="text" maxlength="2000" value="([^"]*)"')
_SELECTED = re.compile(r'<select id="m-[^"]+" name="([^"]+)">.*?<option value="([^"]*)" selected', re.S)


class Visitor:
    """One person in a browser: a cookie jar, the CSRF token of the last page seen."""

    def __init__(self, world: World, email: str | None = None):
        self.client = TestClient(world.app.app, follow_redirects=False)
        self.csrf = ""
        if email is not None:
            self.sign_in(email)

    def get(self, path: str, status: int = 200) -> str:
        r = self.client.get(path)
        assert r.status_code == status, (path, r.status_code, r.headers.get("location"))
        if found := _CSRF.search(r.text):
            self.csrf = found.group(1)
        return r.text

    def post(self, path: str, data: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None) -> str:
        """Posts a form with the page's CSRF token; returns where it leads (303) or fails."""
        r = self.client.post(path, data={"csrf_token": self.csrf, **data}, files=files)
        assert r.status_code == 303, (path, r.status_code, r.text[-2000:])
        return r.headers["location"]

    def sign_in(self, email: str) -> None:
        self.get("/masuk")
        assert self.post("/masuk", {"email": email, "password": PASSWORD, "next": "/"}) == "/"

    def submit(self, name: str, content: bytes, **metadata: str) -> int:
        """The two-step submission: upload, then the metadata form as prefilled (with changes)."""
        self.get("/ajukan")
        step2 = self.post("/ajukan", {"application": name}, files={"file": ("openapi.yaml", content)})
        form = self.get(step2)
        values = {k: unescape(v) for k, v in _INPUT.findall(form)} | dict(_SELECTED.findall(form))
        page = self.post(step2, values | metadata)
        return int(page.rsplit("/", 1)[1])


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_the_review_journey_in_pages(world: World) -> None:
    dev, reviewer = Visitor(world, DEV_DINKES), Visitor(world, REVIEWER)
    first = dev.submit("Sistem Kepegawaian", LEGACY)
    assert "Sistem Kepegawaian" in dev.get("/")
    assert "Tidak lulus" in _text(dev.get(f"/pengajuan/{first}"))

    queue = reviewer.get("/antrean")
    assert f"/pengajuan/{first}" in queue
    reviewer.get(f"/pengajuan/{first}")
    reviewer.post(f"/pengajuan/{first}/tinjau", {})
    reviewer.get(f"/pengajuan/{first}")
    reviewer.post(f"/pengajuan/{first}/keputusan", {"outcome": "ditolak", "reason": "Server HTTP dan tanpa x-spbe."})
    assert "Server HTTP dan tanpa x-spbe." in _text(dev.get(f"/pengajuan/{first}"))

    second = dev.submit("Sistem Kepegawaian", GOOD)
    page = _text(dev.get(f"/pengajuan/{second}"))
    assert "Lulus" in page and f"#{1}" in page  # links back to the rejected version
    reviewer.get(f"/pengajuan/{second}")
    reviewer.post(f"/pengajuan/{second}/keputusan", {"outcome": "disetujui", "reason": "Memenuhi semua aturan."})

    other = Visitor(world, DEV_DISDIK)
    found = other.get("/katalog?q=perizinan")
    assert "Sistem Kepegawaian" in found
    app_id = re.search(r'href="/katalog/(\d+)"', found).group(1)  # type: ignore[union-attr]
    entry = other.get(f"/katalog/{app_id}")
    assert "budi.santoso@dpmptsp.contohkab.go.id" in entry and "pusat data daerah" in entry  # hosting, in words
    download = re.search(r'href="(/api/v1/submissions/\d+/files/[^"]+)"', entry).group(1)  # type: ignore[union-attr]
    assert other.client.get(download).content == GOOD
    # ...but the rejected version and the review stay the owner's and Diskominfo's business.
    other.get(f"/pengajuan/{first}", 404)
    assert other.get("/katalog?q=tidak-ada-yang-cocok").count('href="/katalog/') == 0


def test_the_metadata_form_is_what_gets_assessed(world: World) -> None:
    dev = Visitor(world, DEV_DINKES)
    bare = GOOD.replace(b"x-spbe:", b"x-lain:")
    sid = dev.submit("Tanpa Metadata", bare, opd="Dinas Kesehatan", pj_nama="Dinda", lifecycle="staging")
    with world.session() as s:
        submission = s.get(Submission, sid)
        assert submission is not None and submission.state is State.ASSESSED
        assert submission.x_spbe == {
            "opd": "Dinas Kesehatan",
            "penanggung_jawab": {"nama": "Dinda"},
            "lifecycle": "staging",
        }
    page = _text(dev.get(f"/pengajuan/{sid}"))
    assert "Dinas Kesehatan" in page and re.search(r"Penanggung jawab\s+Dinda", page)


def test_a_form_without_its_csrf_token_changes_nothing(world: World) -> None:
    dev = Visitor(world, DEV_DINKES)
    sid = dev.submit("Aplikasi", LEGACY)
    reviewer = Visitor(world, REVIEWER)
    reviewer.get(f"/pengajuan/{sid}")
    for token in ("", "palsu", dev.csrf):  # none, forged, another user's session
        r = reviewer.client.post(
            f"/pengajuan/{sid}/keputusan", data={"csrf_token": token, "outcome": "ditolak", "reason": "alasan cukup"}
        )
        assert r.status_code == 403
        assert "Formulir kedaluwarsa" in r.text
    with world.session() as s:
        assert s.get(Submission, sid).state is State.ASSESSED  # type: ignore[union-attr]
    # The sign-in form is protected too (log-in CSRF).
    r = TestClient(world.app.app).post("/masuk", data={"email": DEV_DINKES, "password": PASSWORD})
    assert r.status_code == 403


HOSTILE = b"""openapi: 3.0.3
info:
  title: <script>alert('judul')</script>
  version: 1.0.0
  description: <img src=x onerror=alert(1)>
paths:
  /a:
    get:
      summary: <script>alert('ringkasan')</script>
      responses: {'200': {description: ok}}
"""


def test_pages_show_document_text_escaped(world: World) -> None:
    dev = Visitor(world, DEV_DINKES)
    sid = dev.submit("<b>Aplikasi</b>", HOSTILE, opd="<script>alert('opd')</script>")
    reviewer = Visitor(world, REVIEWER)
    reviewer.get(f"/pengajuan/{sid}")
    reviewer.post(f"/pengajuan/{sid}/keputusan", {"outcome": "disetujui", "reason": "uji <script>", "override": "1"})
    pages = [dev.get("/"), dev.get(f"/pengajuan/{sid}"), reviewer.get("/antrean?status="), reviewer.get("/katalog")]
    pages.append(reviewer.get(re.search(r'href="(/katalog/\d+)"', pages[-1]).group(1)))  # type: ignore[union-attr]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Aplikasi" not in html
    assert "&lt;script&gt;alert(&#39;judul&#39;)&lt;/script&gt;" in pages[1]
    assert "&lt;b&gt;Aplikasi&lt;/b&gt;" in pages[0]


def test_every_page_needs_a_signed_in_user(world: World) -> None:
    anonymous = TestClient(world.app.app, follow_redirects=False)
    every = [route for module in PAGES for route in module.router.routes]  # every page, whichever module
    routes = [(m, r.path) for r in every for m in getattr(r, "methods", ()) if m in ("GET", "POST")]
    assert len(routes) >= 25
    for method, path in routes:
        url = re.sub(r"\{[^}]+\}", "1", path)
        r = anonymous.request(method, url)
        if path in ("/masuk", "/bahasa/{lang}"):
            assert r.status_code in (200, 303, 403), (method, path)
            continue
        if path == "/verifikasi/{code}":  # public by design: says whether a letter is genuine, nothing more
            assert r.status_code == 404, (method, path)  # no letter has the code '1'
            continue
        assert r.status_code == 303 and r.headers["location"].startswith("/masuk"), (method, path, r.status_code)


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        (DEV_DINKES, "/antrean", 403),
        (DEV_DINKES, "/audit", 403),
        (REVIEWER, "/ajukan", 403),
        (REVIEWER, "/token", 403),
        (REVIEWER, "/audit", 403),
        (ADMIN, "/audit", 200),
        (ADMIN, "/antrean", 200),
        (DEV_DINKES, "/pengajuan/1", 200),
        (DEV_DISDIK, "/pengajuan/1", 404),
        (DEV_DISDIK, "/pengajuan/1/metadata", 404),
        (REVIEWER, "/pengajuan/1", 200),
        (DEV_DISDIK, "/katalog", 200),
        (DEV_DINKES, "/tidak-ada", 404),
        (DEV_DINKES, "/pengajuan/99999999999", 422),
    ],
)
def test_who_may_open_which_page(world: World, who: str, path: str, status: int) -> None:
    Visitor(world, DEV_DINKES).submit("Aplikasi", LEGACY)
    html = Visitor(world, who).get(path, status)
    assert html.startswith("<!DOCTYPE html>")


def test_reviewers_act_only_as_reviewers(world: World) -> None:
    sid = Visitor(world, DEV_DINKES).submit("Aplikasi", LEGACY)
    dev = Visitor(world, DEV_DINKES)
    dev.get(f"/pengajuan/{sid}")
    r = dev.client.post(
        f"/pengajuan/{sid}/keputusan", data={"csrf_token": dev.csrf, "outcome": "disetujui", "reason": "sendiri saja"}
    )
    assert r.status_code == 403
    with world.session() as s:
        assert s.get(Submission, sid).state is State.ASSESSED  # type: ignore[union-attr]


def test_refusals_are_explained_in_the_users_language(world: World) -> None:
    sid = Visitor(world, DEV_DINKES).submit("Aplikasi", LEGACY)
    reviewer = Visitor(world, REVIEWER)
    reviewer.get(f"/pengajuan/{sid}")
    r = reviewer.client.post(
        f"/pengajuan/{sid}/keputusan", data={"csrf_token": reviewer.csrf, "outcome": "disetujui", "reason": "ok ok"}
    )
    assert r.status_code == 422 and "pengesampingan eksplisit" in unescape(r.text)
    assert reviewer.client.get("/bahasa/en?next=/antrean").headers["location"] == "/antrean"
    r = reviewer.client.post(
        f"/pengajuan/{sid}/keputusan", data={"csrf_token": reviewer.csrf, "outcome": "disetujui", "reason": "ok ok"}
    )
    assert r.status_code == 422 and "explicit override" in unescape(r.text)
    assert "Review queue" in reviewer.get("/antrean")


def test_the_language_switch_goes_back_only_to_this_site(world: World) -> None:
    client = TestClient(world.app.app, follow_redirects=False)
    for target in ("https://contoh.com/", "//contoh.com/", "/\\contoh.com", "javascript:alert(1)"):
        r = client.get("/bahasa/en", params={"next": target})
        assert r.headers["location"] == "/"
    assert "Sign in" in client.get("/masuk").text


def test_a_developer_creates_and_revokes_a_ci_token(world: World) -> None:
    dev = Visitor(world, DEV_DINKES)
    dev.get("/token")
    r = dev.client.post("/token", data={"csrf_token": dev.csrf, "nama": "gitlab-ci"})
    assert r.status_code == 201
    token = re.search(r'id="new-token">([^<]+)<', r.text).group(1)  # type: ignore[union-attr]
    api = TestClient(world.app.app, headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/v1/auth/me").status_code == 200
    page = dev.get("/token")
    assert token not in page  # shown once only
    token_id = re.search(r'action="/token/(\d+)/cabut"', page).group(1)  # type: ignore[union-attr]
    dev.post(f"/token/{token_id}/cabut", {})
    assert api.get("/api/v1/auth/me").status_code == 401


def test_the_audit_log_page_lists_state_changes(world: World) -> None:
    Visitor(world, DEV_DINKES).submit("Aplikasi", LEGACY)
    html = Visitor(world, ADMIN).get("/audit")
    for action in ("submission.create", "submission.assess", "auth.login"):
        assert action in html
    with world.session() as s:
        assert len(s.exec(select(AuditEvent)).all()) >= 5


def test_the_report_page_stays_light_and_links_the_full_report(world: World) -> None:
    paths = "".join(f"  /p{i}:\n    get:\n      responses: {{'200': {{description: ok}}}}\n" for i in range(40))
    many = f"openapi: 3.0.3\ninfo: {{title: Banyak, version: 1.0.0}}\npaths:\n{paths}".encode()
    dev = Visitor(world, DEV_DINKES)
    sid = dev.submit("Banyak Temuan", many)
    page = dev.get(f"/pengajuan/{sid}")
    shown = page.count('<li class="place">')  # one per finding (findings of one rule share an article)
    assert 0 < shown <= 5 * 20 and "temuan lainnya tidak ditampilkan" in page
    full_href = unescape(re.search(r'href="(/pengajuan/\d+/laporan[^"]*)"', page).group(1))  # type: ignore[union-attr]
    full = dev.get(full_href)
    report = dev.client.get(f"/api/v1/submissions/{sid}/report").json()
    assert full.count('<li class="place">') == len(report["findings"]) > shown
    Visitor(world, DEV_DISDIK).get(full_href, 404)
