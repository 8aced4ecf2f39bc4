"""Sessions end on the server, and sign-in attempts are counted across every web process."""

from __future__ import annotations

import os
import socket

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from gate.api.signin import SESSION_COOKIE
from gate.main import create_app
from gate.models import AuditEvent
from tests.service.conftest import DEV_DINKES, PASSWORD, World
from tests.service.test_pages import Visitor


def _replay(world: World, cookie: str) -> TestClient:
    """A new browser that only has the stolen or kept cookie."""
    client = TestClient(world.app.app, follow_redirects=False)
    client.cookies.set(SESSION_COOKIE, cookie)
    return client


def test_api_logout_ends_the_session_on_the_server(world: World) -> None:
    client = world.client(DEV_DINKES)
    cookie = client.cookies[SESSION_COOKIE]
    assert _replay(world, cookie).get("/api/v1/auth/me").status_code == 200
    csrf = client.headers.pop("X-CSRF-Token")
    assert client.post("/api/v1/auth/logout").status_code == 403  # like every unsafe call: CSRF token needed
    client.headers["X-CSRF-Token"] = csrf
    assert client.post("/api/v1/auth/logout").status_code == 204
    assert _replay(world, cookie).get("/api/v1/auth/me").status_code == 401
    with world.session() as s:
        assert s.exec(select(AuditEvent).where(AuditEvent.action == "auth.logout")).first() is not None


def test_page_logout_ends_the_session_on_the_server(world: World) -> None:
    visitor = Visitor(world, DEV_DINKES)
    cookie = visitor.client.cookies[SESSION_COOKIE]
    visitor.get("/")
    assert visitor.post("/keluar", {}) == "/masuk"
    replayed = _replay(world, cookie).get("/")
    assert replayed.status_code == 303 and replayed.headers["location"].startswith("/masuk")
    # The other sessions of the same user stay open: signing out ends this one only.
    other = world.client(DEV_DINKES)
    assert other.get("/api/v1/auth/me").status_code == 200


def test_sign_in_limit_holds_across_web_processes(world: World) -> None:
    """Two apps on one database stand for two web workers: together they allow the limit, not twice it."""
    world.settings.login_attempts_per_minute = 10
    first, second = TestClient(create_app(world.settings)), TestClient(create_app(world.settings))
    codes = [
        (first if i % 2 else second)
        .post("/api/v1/auth/login", json={"email": DEV_DINKES, "password": "salah-" + str(i)})
        .status_code
        for i in range(20)
    ]
    assert codes.count(401) == 10 and codes.count(429) == 10, codes
    with world.session() as s:
        limited = s.exec(select(AuditEvent).where(AuditEvent.action == "auth.limited")).all()
    assert len(limited) == 10  # a refused sign-in is on record too
    r = first.post("/api/v1/auth/login", json={"email": DEV_DINKES, "password": PASSWORD})
    assert r.status_code == 429  # the right password does not get past the limit either


def _redis() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        if os.environ.get("SPBE_GATE_REQUIRE_REDIS"):
            raise
        return False


@pytest.mark.skipif(not _redis(), reason="Redis not reachable at 127.0.0.1:6379")
def test_sign_in_limit_in_celery_mode_is_kept_in_redis(world: World) -> None:
    import secrets

    from gate.core.security import RedisRateLimiter

    prefix = "spbe-gate-test-" + secrets.token_hex(4)
    limiters = [RedisRateLimiter("redis://127.0.0.1:6379/0", prefix, 10) for _ in range(2)]
    allowed = [limiters[i % 2].hit("ip:203.0.113.9") for i in range(20)]
    assert allowed.count(True) == 10 and allowed[:10] == [True] * 10
    assert limiters[0].hit("ip:203.0.113.10")  # another key has its own count
    world.settings.jobs = "celery"
    assert isinstance(create_app(world.settings, migrate=False).state.login_limiter, RedisRateLimiter)
