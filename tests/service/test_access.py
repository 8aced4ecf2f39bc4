"""Who may do what: every API route tried anonymously and as each role."""

from __future__ import annotations

import pytest

from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_workflow import GOOD, LEGACY, submit

PUBLIC = {("POST", "/api/v1/auth/login"), ("GET", "/api/v1/kesehatan")}


def _api_routes(world: World) -> list[tuple[str, str]]:
    """Every operation the service publishes (its own OpenAPI document lists them all)."""
    paths = world.app.app.openapi()["paths"]  # type: ignore[attr-defined]
    return [(m.upper(), p) for p, item in paths.items() if p.startswith("/api/v1") for m in item]


def _fill(path: str) -> str:
    for name in ("submission_id", "application_id", "waiver_id", "token_id", "job_id", "user_id", "opd_id"):
        path = path.replace("{" + name + "}", "1")
    return path.replace("{path:path}", "openapi.yaml")


def test_every_route_needs_a_signed_in_user(world: World) -> None:
    anonymous = world.client(None)
    routes = _api_routes(world)
    assert len(routes) >= 20
    for method, path in routes:
        if (method, path) in PUBLIC:
            continue
        r = anonymous.request(method, _fill(path))
        assert r.status_code == 401, (method, path, r.status_code)
        assert r.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("who", "method", "path", "expected"),
    [
        (DEV_DINKES, "POST", "/api/v1/opds", 403),
        (DEV_DINKES, "GET", "/api/v1/users", 403),
        (DEV_DINKES, "GET", "/api/v1/audit", 403),
        (REVIEWER, "POST", "/api/v1/users", 403),
        (REVIEWER, "GET", "/api/v1/audit", 403),
        (DEV_DINKES, "PATCH", "/api/v1/users/1", 403),
        (REVIEWER, "PATCH", "/api/v1/users/1", 403),
        (REVIEWER, "GET", "/api/v1/users/1", 403),
        (DEV_DINKES, "PATCH", "/api/v1/opds/1", 403),
        (REVIEWER, "PATCH", "/api/v1/opds/1", 403),
        (ADMIN, "GET", "/api/v1/users/1", 200),
        (DEV_DINKES, "POST", "/api/v1/submissions/1/review", 403),
        (DEV_DINKES, "POST", "/api/v1/submissions/1/decisions", 403),
        (DEV_DINKES, "POST", "/api/v1/submissions/1/assessments", 403),
        (DEV_DINKES, "POST", "/api/v1/applications/1/waivers", 403),
        (ADMIN, "GET", "/api/v1/audit", 200),
        (REVIEWER, "GET", "/api/v1/submissions/1", 200),
        (ADMIN, "GET", "/api/v1/submissions/1", 200),
        (DEV_DINKES, "GET", "/api/v1/submissions/1", 200),
        (DEV_DISDIK, "GET", "/api/v1/submissions/1", 404),
        (DEV_DISDIK, "GET", "/api/v1/submissions/1/report", 404),
        (DEV_DISDIK, "GET", "/api/v1/submissions/1/assessments", 404),
        (DEV_DISDIK, "GET", "/api/v1/submissions/1/decisions", 404),
        (DEV_DISDIK, "GET", "/api/v1/submissions/1/files/openapi.yaml", 404),
        (DEV_DISDIK, "GET", "/api/v1/applications/1/waivers", 404),
    ],
)
def test_roles(world: World, who: str, method: str, path: str, expected: int) -> None:
    assert submit(world.client(DEV_DINKES), "Layanan Perizinan", GOOD).status_code == 201
    body = {"outcome": "ditolak", "reason": "alasan uji"} if path.endswith("decisions") else None
    if path.endswith("waivers") and method == "POST":
        body = {"rule": "SEC007", "pointer": "/paths", "reason": "alasan uji", "expires_on": "2099-01-01"}
    if path.endswith(("opds", "users")) and method == "POST":
        body = {"kode": "9", "nama": "X"} if path.endswith("opds") else None
    if method == "PATCH":
        body = {"nama": "Nama Baru"}
    r = world.client(who).request(method, path, json=body)
    assert r.status_code == expected, r.text


def test_lists_show_only_the_own_opd(world: World) -> None:
    submit(world.client(DEV_DINKES), "Layanan Perizinan", GOOD)
    submit(world.client(DEV_DISDIK), "Dapodik Daerah", LEGACY)
    assert [s["title"] for s in world.client(DEV_DISDIK).get("/api/v1/submissions").json()] == [
        "SIMPEG Kabupaten (versi lama)"
    ]
    assert len(world.client(REVIEWER).get("/api/v1/submissions").json()) == 2
    assert len(world.client(DEV_DINKES).get("/api/v1/applications").json()) == 1


def test_reviewers_and_admins_do_not_submit(world: World) -> None:
    assert submit(world.client(REVIEWER), "X", GOOD).status_code == 403


def test_csrf_is_required_for_cookie_sessions(world: World) -> None:
    client = world.client(DEV_DINKES)
    del client.headers["X-CSRF-Token"]
    assert submit(client, "Layanan Perizinan", GOOD).status_code == 403
    client.headers["X-CSRF-Token"] = "0" * 64
    assert submit(client, "Layanan Perizinan", GOOD).status_code == 403


def test_ci_token_submits_for_its_opd_only(world: World) -> None:
    dev = world.client(DEV_DINKES)
    created = dev.post("/api/v1/tokens", json={"nama": "GitLab CI"}).json()
    token = created["token"]
    assert token.startswith("sgt_")
    assert created["info"]["prefix"] == token[:12]
    ci = world.client(None)
    ci.headers["Authorization"] = f"Bearer {token}"
    r = submit(ci, "Layanan Perizinan", GOOD)
    assert r.status_code == 201
    sid = r.json()["submission"]["id"]
    assert (
        ci.post(f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "oke oke"}).status_code
        == 403
    )
    assert ci.post("/api/v1/tokens", json={"nama": "lagi"}).status_code == 403
    # The token is stored hashed only.
    with world.session() as s:
        from sqlmodel import select

        from gate.models import ApiToken

        stored = s.exec(select(ApiToken)).one()
        assert token not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64
    assert dev.delete(f"/api/v1/tokens/{created['info']['id']}").status_code == 204
    assert submit(ci, "Layanan Perizinan", GOOD).status_code == 401
    ci.headers["Authorization"] = "Bearer sgt_tebakan"
    assert ci.get("/api/v1/auth/me").status_code == 401


def test_wrong_password_and_rate_limit(world: World) -> None:
    client = world.client(None)
    r = client.post("/api/v1/auth/login", json={"email": DEV_DINKES, "password": "salah-salah-salah"})
    assert r.status_code == 401
    limiter = world.app.app.state.login_limiter  # type: ignore[attr-defined]
    limiter.limit = 3
    codes = [
        client.post("/api/v1/auth/login", json={"email": "x@contohkab.go.id", "password": "salah"}).status_code
        for _ in range(5)
    ]
    assert codes[-1] == 429 and 401 in codes


def test_session_cookie_is_httponly_and_samesite(world: World) -> None:
    r = world.client(None).post("/api/v1/auth/login", json={"email": DEV_DINKES, "password": "kata-sandi-uji-123"})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_health_is_open_and_says_nothing_personal(world: World) -> None:
    r = world.client(None).get("/api/v1/kesehatan")
    assert r.status_code == 200
    assert set(r.json()) == {"status", "version"}


def test_front_door_leads_to_the_sign_in_page(world: World) -> None:
    r = world.client(None).get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/masuk"
    assert world.client(None).get("/docs").status_code == 200
