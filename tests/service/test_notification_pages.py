"""Notifications as their users read them: the latest on the home page (unread marked), the unread
count in every page's header, the page of all with "tandai sudah dibaca", the API, and never
another user's messages. The language switch is remembered for e-mail."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient
from sqlmodel import select

from gate.models import Notification, User
from gate.services import notifications
from rules.i18n import Text
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_pages import Visitor


def _users(world: World) -> dict[str, User]:
    with world.session() as s:
        return {u.email: u for u in s.exec(select(User)).all()}


def tell(world: World, email: str, count: int, kind: str = "drift") -> list[int]:
    """``count`` messages to one user, numbered in both languages."""
    user = _users(world)[email]
    with world.session() as s:
        made = []
        for i in range(count):
            made += notifications.notify(
                s,
                [user],
                kind,
                f"uji:{email}:{i}",
                Text(f"Pesan nomor {i} untuk {user.nama}", f"Message number {i} for {user.nama}"),
                "/katalog/1",
                email=False,
            )
        s.commit()
        return [n.id or 0 for n in made]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _unread_in_db(world: World, email: str) -> int:
    with world.session() as s:
        return notifications.unread(s, _users(world)[email].id or 0)


def test_home_lists_the_latest_unread_marked_and_the_header_counts(world: World) -> None:
    ids = tell(world, DEV_DINKES, 7)
    tell(world, DEV_DISDIK, 2)
    with world.session() as s:  # one of them read already
        notifications.mark_read(s, _users(world)[DEV_DINKES].id or 0, [ids[6]])
    dev = Visitor(world, DEV_DINKES)
    home = dev.get("/")
    text = _text(home)
    assert "Notifikasi (6 baru)" in text  # the header, on every page
    assert "Notifikasi (6 baru)" in _text(dev.get("/katalog"))
    # The latest five, newest first; the read one is not marked new.
    shown = re.findall(r"Pesan nomor (\d) untuk Dewi", text)
    assert shown == ["6", "5", "4", "3", "2"]
    assert home.count('<span class="badge wait">baru</span>') == 4
    assert 'href="/notifikasi"' in home
    assert "Dodi" not in text  # the other OPD's developer's messages are not here
    # A user without messages sees so, and no count.
    reviewer = _text(Visitor(world, REVIEWER).get("/"))
    assert "Belum ada notifikasi." in reviewer and "baru)" not in reviewer


def test_the_page_marks_one_or_all_read_and_never_another_users(world: World) -> None:
    mine = tell(world, DEV_DINKES, 3)
    theirs = tell(world, DEV_DISDIK, 2)
    dev = Visitor(world, DEV_DINKES)
    page = dev.get("/notifikasi")
    assert [m for m in re.findall(r"Pesan nomor (\d) untuk (\w+)", _text(page))] == [
        ("2", "Dewi"),
        ("1", "Dewi"),
        ("0", "Dewi"),
    ]
    assert page.count(">Tandai sudah dibaca</button>") == 3 and "Tandai semua sudah dibaca" in page
    # One, by its id: back where it was done.
    assert dev.post("/notifikasi/dibaca", {"id": str(mine[0]), "next": "/notifikasi"}) == "/notifikasi"
    assert _unread_in_db(world, DEV_DINKES) == 2
    # Another user's id, or a malformed one, changes nothing.
    dev.get("/notifikasi")
    dev.post("/notifikasi/dibaca", {"id": str(theirs[0])})
    dev.post("/notifikasi/dibaca", {"id": "semua"})
    assert _unread_in_db(world, DEV_DISDIK) == 2 and _unread_in_db(world, DEV_DINKES) == 2
    # Without the form's CSRF token nothing changes.
    r = dev.client.post("/notifikasi/dibaca", data={"csrf_token": "palsu"})
    assert r.status_code == 403 and _unread_in_db(world, DEV_DINKES) == 2
    # A "next" elsewhere is not followed.
    assert dev.post("/notifikasi/dibaca", {"next": "https://contoh.example/"}) == "/"
    assert _unread_in_db(world, DEV_DINKES) == 0 and _unread_in_db(world, DEV_DISDIK) == 2
    page = dev.get("/notifikasi")
    assert "Tandai sudah dibaca</button>" not in page and "baru)" not in _text(page)
    # Signed out: to the sign-in page.
    assert TestClient(world.app.app, follow_redirects=False).get("/notifikasi").status_code == 303


def test_each_message_in_the_readers_language_and_the_choice_kept_for_email(world: World) -> None:
    tell(world, DEV_DINKES, 1)
    dev = Visitor(world, DEV_DINKES)
    assert "Pesan nomor 0 untuk Dewi" in _text(dev.get("/notifikasi"))
    assert _users(world)[DEV_DINKES].lang == "id"
    dev.get("/bahasa/en?next=/notifikasi", 303)
    text = _text(dev.get("/notifikasi"))
    assert "Message number 0 for Dewi" in text and "Pesan nomor" not in text and "Notifications (1 new)" in text
    assert _users(world)[DEV_DINKES].lang == "en"  # e-mail goes out in English now
    assert _users(world)[DEV_DISDIK].lang == "id"  # nobody else's choice changed
    dev.get("/bahasa/id", 303)
    assert _users(world)[DEV_DINKES].lang == "id"
    # Another site's link switches the page only (a browser says where the request came from).
    r = dev.client.get("/bahasa/en", headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 303 and _users(world)[DEV_DINKES].lang == "id"


def test_the_api_lists_and_marks_only_the_users_own(world: World) -> None:
    mine = tell(world, DEV_DINKES, 3, kind="deployment_down")
    theirs = tell(world, DEV_DISDIK, 2)
    dev = world.client(DEV_DINKES)
    r = dev.get("/api/v1/notifications")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["unread"] == 3
    assert [n["id"] for n in body["items"]] == sorted(mine, reverse=True)
    first = body["items"][0]
    assert set(first) == {"id", "kind", "text", "href", "created_at", "read_at"}
    assert first["kind"] == "deployment_down" and first["href"] == "/katalog/1" and first["read_at"] is None
    assert first["text"] == {"id": "Pesan nomor 2 untuk Dewi", "en": "Message number 2 for Dewi"}
    assert [n["id"] for n in dev.get("/api/v1/notifications?limit=1&offset=1").json()["items"]] == [mine[1]]
    # Marking another user's message (with one's own) marks one's own only.
    r = dev.post("/api/v1/notifications/read", json={"ids": [mine[0], theirs[0]]})
    assert r.status_code == 200 and r.json() == {"unread": 2}
    other = world.client(DEV_DISDIK).get("/api/v1/notifications").json()
    assert other["unread"] == 2 and {n["id"] for n in other["items"]} == set(theirs)
    assert dev.post("/api/v1/notifications/read", json={}).json() == {"unread": 0}
    with world.session() as s:
        read = {n.id: n.read_at is not None for n in s.exec(select(Notification)).all()}
    assert all(read[i] for i in mine) and not any(read[i] for i in theirs)
    # Without a sign-in, or without the CSRF header of a cookie session: refused.
    assert world.client(None).get("/api/v1/notifications").status_code == 401
    bare = world.client(DEV_DISDIK)
    del bare.headers["X-CSRF-Token"]
    assert bare.post("/api/v1/notifications/read", json={}).status_code == 403
    assert world.client(DEV_DISDIK).get("/api/v1/notifications").json()["unread"] == 2
