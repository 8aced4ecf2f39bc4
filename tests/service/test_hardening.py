"""Issue 13's low findings, each closed: file names in downloads, what the audit log records, and
the headers every answer carries."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from gate.models import AuditEvent
from gate.services import uploads
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, World
from tests.service.test_pages import Visitor
from tests.service.test_workflow import GOOD, submit


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _filename(disposition: str) -> str:
    """The name a browser saves as (RFC 6266: ``filename*`` wins over ``filename``)."""
    extended = re.search(r"filename\*=UTF-8''([^;\s]+)", disposition)
    assert extended is not None, disposition
    return unquote(extended.group(1))


def test_any_file_name_downloads_with_its_name(world: World) -> None:
    dev = world.client(DEV_DINKES)
    unicode_name, quoted = "ünïcödé-数据.yaml", 'skema "lama".yaml'
    body = _zip({unicode_name: GOOD, quoted: b"type: object\n"})
    r = dev.post(
        "/api/v1/submissions", data={"application": "Nama Aneh", "root": unicode_name}, files={"file": ("a.zip", body)}
    )
    assert r.status_code == 201, r.text
    sid = r.json()["submission"]["id"]
    for name in (unicode_name, quoted):
        got = dev.get(f"/api/v1/submissions/{sid}/files/{name}")
        assert got.status_code == 200, (name, got.status_code)
        disposition = got.headers["content-disposition"]
        assert _filename(disposition) == name
        assert disposition.count('"') == 2  # the fallback's quotes, none from the name


def test_control_characters_in_a_file_name_are_refused_at_upload(world: World) -> None:
    dev = world.client(DEV_DINKES)
    for name in ("a\r\nb.yaml", "a\tb.yaml", "a\x7fb.yaml"):
        zipped = _zip({name: GOOD})
        r = dev.post("/api/v1/submissions", data={"application": "Zip"}, files={"file": ("a.zip", zipped)})
        assert r.status_code == 422 and "tidak aman" in r.json()["detail"], name
    limits = uploads.Limits(1024 * 1024, 10, 1024 * 1024)
    with pytest.raises(uploads.UploadError):  # a browser percent-encodes them; a hand-made request may not
        uploads.single_file("open\r\napi.yaml", GOOD, limits)


def _events(world: World, action: str) -> list[AuditEvent]:
    with world.session() as s:
        return list(s.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def test_csrf_refusals_are_in_the_audit_log(world: World) -> None:
    client = world.client(DEV_DINKES)
    client.headers.pop("X-CSRF-Token")
    assert client.post("/api/v1/tokens", json={"nama": "ci"}).status_code == 403
    visitor = Visitor(world, DEV_DINKES)
    r = visitor.client.post("/token", data={"csrf_token": "palsu", "nama": "ci"})
    assert r.status_code == 403
    refused = _events(world, "csrf.refused")
    assert {(e.detail or {}).get("path") for e in refused} == {"/api/v1/tokens", "/token"}
    assert all(e.actor == DEV_DINKES for e in refused)


def test_refused_access_to_another_opds_data_is_in_the_audit_log(world: World) -> None:
    sid = submit(world.client(DEV_DINKES), "Layanan Perizinan", GOOD).json()["submission"]["id"]
    other = world.client(DEV_DISDIK)
    assert other.get(f"/api/v1/submissions/{sid}").status_code == 404
    assert other.get(f"/api/v1/submissions/{sid}/files/openapi.yaml").status_code == 404
    Visitor(world, DEV_DISDIK).get(f"/pengajuan/{sid}", status=404)
    refused = _events(world, "access.refused")
    assert len(refused) == 3 and all(e.actor == DEV_DISDIK and e.object_id == sid for e in refused)
    assert other.get("/api/v1/submissions/999999").status_code == 404  # nothing there: nothing refused
    assert len(_events(world, "access.refused")) == 3


def test_every_answer_carries_the_safety_headers(world: World) -> None:
    sid = submit(world.client(DEV_DINKES), "Layanan Perizinan", GOOD).json()["submission"]["id"]
    dev = world.client(DEV_DINKES)
    for answer in (
        dev.get(f"/api/v1/submissions/{sid}/report"),
        dev.get("/api/v1/catalogue"),
        world.client(None).get("/masuk"),
        dev.get(f"/pengajuan/{sid}"),
        world.client(None).get("/api/v1/tidak-ada"),
    ):
        assert answer.headers["x-content-type-options"] == "nosniff", answer.url
        assert answer.headers["referrer-policy"] == "same-origin", answer.url
    for api in (dev.get(f"/api/v1/submissions/{sid}/report"), dev.get("/api/v1/auth/me")):
        assert api.headers["cache-control"] == "no-store"


def test_the_pre_sign_in_form_cookie_is_secure_when_cookies_are(world: World) -> None:
    world.settings.secure_cookies = True
    r = TestClient(world.app.app, base_url="https://testserver").get("/masuk")
    cookie = r.headers["set-cookie"].lower()
    assert "spbe_gate_form=" in cookie and "secure" in cookie
