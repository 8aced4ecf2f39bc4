"""The service under test, on SQLite always and on the real PostgreSQL when it is reachable.

Each test gets an empty database: a fresh SQLite file, or a fresh PostgreSQL schema dropped
afterwards. Nothing is mocked.
"""

from __future__ import annotations

import secrets
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlmodel import Session

from gate.core.config import Settings
from gate.main import create_app
from gate.models import Role
from gate.services.accounts import create_opd, create_user

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "kata-sandi-uji-123"


def _postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
        engine = create_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:
        return False


_PG = _postgres_reachable()
DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not _PG, reason="PostgreSQL not reachable"))]


@pytest.fixture(params=DATABASES)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    if request.param == "sqlite":
        yield Settings(
            data_dir=tmp_path / "data", secret_key="uji-" + secrets.token_hex(16), login_attempts_per_minute=1000
        )
        return
    schema = "t_" + secrets.token_hex(6)
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield Settings(
            data_dir=tmp_path / "data",
            database_url=f"{PG_URL}?options=-csearch_path%3D{schema}",
            secret_key="uji-" + secrets.token_hex(16),
            login_attempts_per_minute=1000,
        )
    finally:
        from gate.core.db import engine_for

        engine_for(f"{PG_URL}?options=-csearch_path%3D{schema}").dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@dataclass
class World:
    """A kabupaten: two OPDs with a developer each, a reviewer and an administrator."""

    app: TestClient
    settings: Settings
    dinkes: int
    disdik: int

    def session(self) -> Session:
        return Session(self.app.app.state.engine)  # type: ignore[attr-defined]

    def client(self, email: str | None) -> TestClient:
        """A new client signed in as ``email`` (anonymous when None), CSRF header set."""
        client = TestClient(self.app.app)
        if email is not None:
            r = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
            assert r.status_code == 200, r.text
            client.headers["X-CSRF-Token"] = r.json()["csrf_token"]
        return client


@pytest.fixture
def world(settings: Settings) -> Iterator[World]:
    app = create_app(settings)
    with Session(app.state.engine) as s:
        dinkes = create_opd(s, "1.02.01", "Dinas Kesehatan")
        disdik = create_opd(s, "1.01.01", "Dinas Pendidikan")
        create_user(s, "dev@dinkes.contohkab.go.id", "Dewi", PASSWORD, Role.DEVELOPER, dinkes.id)
        create_user(s, "dev@disdik.contohkab.go.id", "Dodi", PASSWORD, Role.DEVELOPER, disdik.id)
        create_user(s, "reviewer@diskominfo.contohkab.go.id", "Rina", PASSWORD, Role.REVIEWER)
        create_user(s, "admin@diskominfo.contohkab.go.id", "Adi", PASSWORD, Role.ADMIN)
        s.commit()
        ids = (dinkes.id or 0, disdik.id or 0)
    with TestClient(app) as client:
        yield World(client, settings, *ids)
    app.state.engine.dispose()


DEV_DINKES = "dev@dinkes.contohkab.go.id"
DEV_DISDIK = "dev@disdik.contohkab.go.id"
REVIEWER = "reviewer@diskominfo.contohkab.go.id"
ADMIN = "admin@diskominfo.contohkab.go.id"
