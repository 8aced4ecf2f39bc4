"""Typed settings for the service, from the environment (``GATE_*``) and an optional ``.env``."""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import Field, computed_field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GATE_", env_file=".env", env_ignore_empty=True, extra="ignore")

    #: Where the embedded default keeps its database and the uploaded documents.
    data_dir: Path = Path("data")
    #: Empty: SQLite in ``data_dir``. For deployments: ``postgresql+psycopg://user@host/db``.
    database_url: str = ""
    #: Signs session cookies and CSRF tokens. Empty: generated once and kept in ``data_dir``.
    secret_key: str = ""
    #: Cookies only over HTTPS; off for the embedded default on http://127.0.0.1.
    secure_cookies: bool = False
    session_max_age_s: int = 8 * 3600

    max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    max_upload_files: int = Field(default=3000, ge=1)
    #: Uncompressed total a zip may expand to (zip bombs).
    max_unzipped_bytes: int = Field(default=100 * 1024 * 1024, ge=1024)

    login_attempts_per_minute: int = Field(default=10, ge=1)

    #: The deployment's own ``info.x-spbe`` (JSON in ``GATE_SPBE_METADATA``), merged over the
    #: defaults in gate/openapi.py: the deploying Diskominfo states its OPD, contact and budget.
    spbe_metadata: dict[str, Any] = Field(default_factory=dict)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            url = self.database_url
            # Plain postgresql:// means psycopg 3 here, the driver we install.
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
            return url
        return f"sqlite:///{(self.data_dir / 'gate.db').as_posix()}"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    def resolved_secret(self) -> str:
        """The configured secret, or one generated on first use and kept (mode 600) in the data folder."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if path.exists():
            return path.read_text(encoding="utf-8").strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.touch(mode=0o600)
        path.write_text(key, encoding="utf-8")
        return key


@cache
def get_settings() -> Settings:
    return Settings()
