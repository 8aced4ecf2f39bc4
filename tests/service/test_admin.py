"""Administration of users and OPDs, in the pages and the API, on both databases."""

from __future__ import annotations

import re
from html import unescape

from sqlmodel import select

from gate.models import AuditEvent, Opd, Role, User
from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, PASSWORD, REVIEWER, World
from tests.service.test_pages import Visitor
from tests.service.test_workflow import GOOD, submit

NEW_PASSWORD = "kata-sandi-baru-456"


def _user_id(world: World, email: str) -> int:
    with world.session() as s:
        return s.exec(select(User).where(User.email == email)).one().id or 0


def _signs_in(world: World, email: str, password: str) -> int:
    return world.client(None).post("/api/v1/auth/login", json={"email": email, "password": password}).status_code


def test_an_admin_adds_a_developer_in_the_pages_who_then_signs_in(world: World) -> None:
    admin = Visitor(world, ADMIN)
    page = admin.get("/admin/pengguna")
    assert DEV_DINKES in page and "Dinas Kesehatan" in page
    where = admin.post(
        "/admin/pengguna",
        {
            "email": "Baru@Dinkes.contohkab.go.id",
            "nama": "Budi",
            "peran": "developer",
            "opd": str(world.dinkes),
            "sandi": NEW_PASSWORD,
        },
    )
    assert re.fullmatch(r"/admin/pengguna/\d+\?tersimpan=1", where)
    assert "Tersimpan." in admin.get(where)
    new = Visitor(world, None)
    new.get("/masuk")
    r = new.client.post(
        "/masuk",
        data={"csrf_token": new.csrf, "email": "baru@dinkes.contohkab.go.id", "password": NEW_PASSWORD, "next": "/"},
    )
    assert r.status_code == 303
    assert "Dinas Kesehatan" in new.get("/") or "Budi" in new.get("/")
    assert submit(world.client(DEV_DINKES), "Aplikasi Dinkes", GOOD).status_code == 201
    with world.session() as s:
        created = s.exec(select(User).where(User.email == "baru@dinkes.contohkab.go.id")).one()
        assert created.role is Role.DEVELOPER and created.opd_id == world.dinkes
        assert created.password_hash != NEW_PASSWORD and NEW_PASSWORD not in created.password_hash
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "user.create")).all()[-1]
        assert event.actor == ADMIN and NEW_PASSWORD not in str(event.detail)


def test_a_refused_user_form_comes_back_with_the_reason_and_what_was_typed(world: World) -> None:
    admin = Visitor(world, ADMIN)
    admin.get("/admin/pengguna")
    cases = [
        ({"peran": "developer", "opd": "", "sandi": NEW_PASSWORD}, 422, "wajib terikat pada satu OPD"),
        ({"peran": "reviewer", "opd": "", "sandi": "pendek"}, 422, "sedikitnya 10 karakter"),
        ({"peran": "raja", "opd": "", "sandi": NEW_PASSWORD}, 422, "Peran tidak dikenal"),
        ({"peran": "developer", "opd": "999999", "sandi": NEW_PASSWORD}, 422, "OPD tidak dikenal"),
    ]
    for fields, status, reason in cases:
        r = admin.client.post(
            "/admin/pengguna", data={"csrf_token": admin.csrf, "email": "x@contohkab.go.id", "nama": "Xena", **fields}
        )
        assert r.status_code == status and reason in unescape(r.text), (fields, r.status_code)
        assert 'value="x@contohkab.go.id"' in r.text and 'value="Xena"' in r.text
        assert fields["sandi"] not in r.text  # the password is never sent back
    r = admin.client.post(
        "/admin/pengguna",
        data={
            "csrf_token": admin.csrf,
            "email": DEV_DISDIK,
            "nama": "Lagi",
            "peran": "reviewer",
            "sandi": NEW_PASSWORD,
        },
    )
    assert r.status_code == 409 and "sudah ada" in unescape(r.text)
    admin.client.cookies.set("lang", "en")
    r = admin.client.post(
        "/admin/pengguna",
        data={"csrf_token": admin.csrf, "email": "y@contohkab.go.id", "nama": "Y", "peran": "admin", "sandi": "short"},
    )
    assert r.status_code == 422 and "at least 10 characters" in r.text


def test_deactivating_a_user_ends_their_session_and_their_ci_tokens(world: World) -> None:
    dev = world.client(DEV_DISDIK)
    token = dev.post("/api/v1/tokens", json={"nama": "ci"}).json()["token"]
    ci = world.client(None)
    ci.headers["Authorization"] = f"Bearer {token}"
    assert ci.get("/api/v1/auth/me").status_code == 200
    admin = Visitor(world, ADMIN)
    uid = _user_id(world, DEV_DISDIK)
    admin.get(f"/admin/pengguna/{uid}")
    # The checkbox left unticked: the form posts no "aktif".
    admin.post(f"/admin/pengguna/{uid}", {"nama": "Dodi", "peran": "developer", "opd": str(world.disdik)})
    assert dev.get("/api/v1/auth/me").status_code == 401
    assert ci.get("/api/v1/auth/me").status_code == 401
    assert _signs_in(world, DEV_DISDIK, PASSWORD) == 401
    assert "Nonaktif" in admin.get("/admin/pengguna")
    admin.post(f"/admin/pengguna/{uid}", {"nama": "Dodi", "peran": "developer", "opd": str(world.disdik), "aktif": "1"})
    assert _signs_in(world, DEV_DISDIK, PASSWORD) == 200
    assert ci.get("/api/v1/auth/me").status_code == 200  # reactivated: the OPD's token works again


def test_a_new_password_ends_the_old_sessions(world: World) -> None:
    dev = Visitor(world, DEV_DINKES)
    assert dev.get("/").startswith("<!DOCTYPE html>")
    admin = Visitor(world, ADMIN)
    uid = _user_id(world, DEV_DINKES)
    admin.get(f"/admin/pengguna/{uid}")
    admin.post(f"/admin/pengguna/{uid}/sandi", {"sandi": NEW_PASSWORD})
    assert dev.client.get("/").status_code == 303  # back to the sign-in page
    assert _signs_in(world, DEV_DINKES, PASSWORD) == 401
    assert _signs_in(world, DEV_DINKES, NEW_PASSWORD) == 200
    r = admin.client.post(f"/admin/pengguna/{uid}/sandi", data={"csrf_token": admin.csrf, "sandi": "pendek"})
    assert r.status_code == 422
    with world.session() as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "user.update")).all()
        assert len(events) == 1 and NEW_PASSWORD not in str(events[0].detail)


def test_moving_a_developer_to_another_opd(world: World) -> None:
    sid = submit(world.client(DEV_DINKES), "Aplikasi Dinkes", GOOD).json()["submission"]["id"]
    admin = Visitor(world, ADMIN)
    uid = _user_id(world, DEV_DINKES)
    admin.get(f"/admin/pengguna/{uid}")
    admin.post(f"/admin/pengguna/{uid}", {"nama": "Dewi", "peran": "developer", "opd": str(world.disdik), "aktif": "1"})
    moved = world.client(DEV_DINKES)
    assert moved.get(f"/api/v1/submissions/{sid}").status_code == 404  # the old OPD's data is out of reach
    # Making a developer a reviewer drops the OPD; an OPD-less developer is refused.
    r = admin.client.post(
        f"/admin/pengguna/{uid}", data={"csrf_token": admin.csrf, "nama": "Dewi", "peran": "developer", "opd": ""}
    )
    assert r.status_code == 422 and "satu OPD" in unescape(r.text)
    admin.post(f"/admin/pengguna/{uid}", {"nama": "Dewi", "peran": "reviewer", "opd": str(world.disdik), "aktif": "1"})
    with world.session() as s:
        user = s.get(User, uid)
        assert user is not None and user.role is Role.REVIEWER and user.opd_id is None


def test_the_last_active_admin_cannot_lock_everyone_out(world: World) -> None:
    admin = Visitor(world, ADMIN)
    uid = _user_id(world, ADMIN)
    admin.get(f"/admin/pengguna/{uid}")
    for fields in ({"peran": "admin"}, {"peran": "reviewer", "aktif": "1"}):
        r = admin.client.post(
            f"/admin/pengguna/{uid}", data={"csrf_token": admin.csrf, "nama": "Adi", "opd": "", **fields}
        )
        assert r.status_code == 409 and "Administrator aktif terakhir" in unescape(r.text)
    api = world.client(ADMIN)
    assert api.patch(f"/api/v1/users/{uid}", json={"active": False}).status_code == 409
    # With a second administrator, the first may step down.
    second = api.post(
        "/api/v1/users",
        json={"email": "admin2@contohkab.go.id", "nama": "Ani", "password": NEW_PASSWORD, "role": "admin"},
    )
    assert second.status_code == 201
    assert api.patch(f"/api/v1/users/{uid}", json={"role": "reviewer"}).status_code == 200
    assert api.get("/api/v1/users").status_code == 401  # the change ended the session it was made in


def test_opds_are_added_and_renamed_in_the_pages(world: World) -> None:
    admin = Visitor(world, ADMIN)
    page = admin.get("/admin/opd")
    assert "1.02.01" in page and "Dinas Kesehatan" in page
    assert admin.post("/admin/opd", {"kode": "2.09.01", "nama": "Dinas <b>Pertanian</b>"}) == "/admin/opd"
    page = admin.get("/admin/opd")
    assert "Dinas &lt;b&gt;Pertanian&lt;/b&gt;" in page and "<b>Pertanian" not in page
    r = admin.client.post("/admin/opd", data={"csrf_token": admin.csrf, "kode": "2.09.01", "nama": "Lagi"})
    assert r.status_code == 409 and "sudah dipakai" in unescape(r.text) and 'value="Lagi"' in r.text
    admin.post(f"/admin/opd/{world.dinkes}", {"nama": "Dinas Kesehatan dan KB"})
    with world.session() as s:
        assert s.get(Opd, world.dinkes).nama == "Dinas Kesehatan dan KB"  # type: ignore[union-attr]
        assert s.exec(select(AuditEvent).where(AuditEvent.action == "opd.update")).one().actor == ADMIN
    assert world.client(DEV_DINKES).get("/api/v1/opds").status_code == 200


def test_admin_pages_are_for_admins_only_and_their_forms_need_csrf(world: World) -> None:
    uid = _user_id(world, DEV_DINKES)
    for who in (DEV_DINKES, REVIEWER):
        visitor = Visitor(world, who)
        for path in ("/admin/pengguna", f"/admin/pengguna/{uid}", "/admin/opd"):
            visitor.get(path, 403)
        r = visitor.client.post(
            f"/admin/pengguna/{uid}/sandi", data={"csrf_token": visitor.csrf, "sandi": NEW_PASSWORD}
        )
        assert r.status_code == 403
    admin = Visitor(world, ADMIN)
    admin.get("/admin/pengguna")
    assert "/admin/pengguna" in admin.get("/") and "/admin/opd" in admin.get("/")  # the menu links them
    for forged in ("", "0" * 64):
        r = admin.client.post(f"/admin/pengguna/{uid}/sandi", data={"csrf_token": forged, "sandi": NEW_PASSWORD})
        assert r.status_code == 403
        r = admin.client.post("/admin/opd", data={"csrf_token": forged, "kode": "7", "nama": "Tujuh"})
        assert r.status_code == 403
    assert _signs_in(world, DEV_DINKES, PASSWORD) == 200
    admin.get("/admin/pengguna/99999", 404)


def test_the_api_manages_users(world: World) -> None:
    api = world.client(ADMIN)
    made = api.post(
        "/api/v1/users",
        json={"email": "r2@contohkab.go.id", "nama": "Rudi", "password": NEW_PASSWORD, "role": "reviewer"},
    )
    assert made.status_code == 201 and made.json()["active"] is True
    uid = made.json()["id"]
    assert api.patch(f"/api/v1/users/{uid}", json={"nama": "Rudi H."}).json()["nama"] == "Rudi H."
    assert api.patch(f"/api/v1/users/{uid}", json={"role": "developer"}).status_code == 422  # no OPD
    body = api.patch(f"/api/v1/users/{uid}", json={"role": "developer", "opd_id": world.dinkes}).json()
    assert body["role"] == "developer" and body["opd_id"] == world.dinkes
    assert api.patch("/api/v1/users/99999", json={"nama": "X"}).status_code == 404
    assert (
        api.patch(f"/api/v1/opds/{world.disdik}", json={"nama": "Dinas Pendidikan dan Kebudayaan"}).status_code == 200
    )
    assert api.post("/api/v1/opds", json={"kode": "1.02.01", "nama": "Lagi"}).status_code == 409
