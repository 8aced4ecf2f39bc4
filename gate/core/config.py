"""Typed settings for the service, from the environment (``GATE_*``) and an optional ``.env``."""

from __future__ import annotations

import hashlib
import secrets
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, PrivateAttr, computed_field, field_validator

if TYPE_CHECKING:
    from rules.profile import Profile
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GATE_", env_file=".env", env_ignore_empty=True, extra="ignore")

    #: Where the embedded default keeps its database and the uploaded documents.
    data_dir: Path = Path("data")
    #: Empty: SQLite in ``data_dir``. For deployments: ``postgresql+psycopg://user@host/db``.
    database_url: str = ""
    #: Signs session cookies and CSRF tokens. Empty: read from ``secret_key_file``, else generated
    #: once and kept (mode 600) in ``data_dir``. Only the web processes hold it: job workers never do.
    secret_key: str = ""
    #: A file holding the secret (Docker/Kubernetes secrets, systemd ``LoadCredential``).
    secret_key_file: Path | None = None
    #: The only key job workers need: it seals a target's credentials in broker messages (Celery
    #: mode). Empty: derived from the secret. Give Celery workers this, never the secret itself.
    job_key: str = ""
    #: Cookies only over HTTPS; off for the embedded default on http://127.0.0.1.
    secure_cookies: bool = False
    session_max_age_s: int = 8 * 3600

    #: Where ``spbe-gate serve`` listens (``--host``/``--port`` override), and its web processes.
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=256)

    #: The largest document a user may upload or paste (the upload routes' body limit, and the
    #: largest form field there).
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    #: The largest request body of every other route: no form or JSON call comes near it.
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    max_upload_files: int = Field(default=3000, ge=1)
    #: Uncompressed total a zip may expand to (zip bombs).
    max_unzipped_bytes: int = Field(default=100 * 1024 * 1024, ge=1024)

    login_attempts_per_minute: int = Field(default=10, ge=1)

    #: The deployment's own ``info.x-spbe`` (JSON in ``GATE_SPBE_METADATA``), merged over the
    #: defaults in gate/openapi.py: the deploying Diskominfo states its OPD, contact and budget.
    spbe_metadata: dict[str, Any] = Field(default_factory=dict)

    # -- jobs: contract runs and large assessments, outside the request ---------------------------
    #: ``local``: a pool of worker processes that ``spbe-gate serve`` starts (nothing to install).
    #: ``celery``: Celery workers on any machine (``spbe-gate worker``), with ``broker_url``.
    jobs: Literal["local", "celery"] = "local"
    #: Worker processes of the local pool.
    job_workers: int = Field(default=2, ge=1, le=64)
    #: How much a job worker yields the processor to the web processes (Unix niceness added, 0 to
    #: 19): a page waits for a background job's CPU work no longer than a scheduler slice. Probe
    #: rounds, assessments and contract runs take seconds; a page must take milliseconds.
    job_nice: int = Field(default=10, ge=0, le=19)
    broker_url: str = "redis://127.0.0.1:6379/0"
    #: The broker queue: one per gate deployment sharing a broker.
    job_queue: str = Field(default="spbe-gate", pattern=r"^[A-Za-z0-9_.-]{1,100}$")
    job_heartbeat_s: float = Field(default=1.0, gt=0)
    #: A running job whose worker has not beaten for this long is taken as dead: run again or failed.
    job_stale_s: float = Field(default=15.0, gt=0)
    #: A queued job no worker took for this long is failed (no worker running?).
    job_abandon_s: float = Field(default=3600.0, gt=0)
    #: Runs of one job, the first included: a job whose worker died is run once more by default.
    job_max_attempts: int = Field(default=2, ge=1, le=10)
    #: Documents larger than this are assessed by a job, not inside the upload request.
    inline_assess_max_bytes: int = Field(default=2 * 1024 * 1024, ge=0)

    # -- contract runs ------------------------------------------------------------------------
    #: What contract runs may connect to, comma-separated: networks (``203.0.113.0/24``) and host
    #: names (``staging.dinkes.example.go.id``, ``*.example.go.id``). Set by the administrator;
    #: empty: nothing, so a typed base URL can never reach the gate's own network.
    contract_allow: Annotated[list[str], NoDecode] = Field(default_factory=list)
    #: Defaults and ceilings of a run: a user may ask for less, never more.
    contract_time_limit_s: float = Field(default=60.0, gt=0, le=3600)
    contract_max_requests: int = Field(default=1000, ge=1, le=100_000)
    contract_request_timeout_s: float = Field(default=5.0, gt=0, le=120)
    contract_rate_limit: str = "100/s"

    #: The kabupaten's profile (YAML, as ``spbe-gate check --profile``): its ``evaluation`` section
    #: holds the yearly evaluation's rules. Empty: the defaults.
    profile_file: Path | None = None

    # -- letters: the lasting approval ----------------------------------------------------------
    #: The deployment's public address: what verification links and QR codes on letters point at.
    public_url: str = "http://127.0.0.1:8000"
    #: The letterhead (kop surat): the government, the office, its address, an optional logo file.
    kabupaten: str = "Pemerintah Kabupaten Contoh"
    letter_office: str = "Dinas Komunikasi dan Informatika"
    letter_address: str = "Jl. Contoh No. 1, Kabupaten Contoh"
    letter_logo: Path | None = None
    #: Where letters are signed ("Tenggarong, 30 November 2026"); empty: the kabupaten's name
    #: without "Pemerintah".
    letter_place: str = ""
    #: Who signs, under the reviewer's decision ("a.n." line).
    letter_signatory: str = "Kepala Dinas Komunikasi dan Informatika"
    #: ``{seq}`` (per kind and year, without gaps), ``{code}`` (REK, TLK, PRB), ``{opd}``, ``{year}``.
    letter_number_format: str = "{seq:03d}/{code}-SPBE/{opd}/{year}"
    #: A recommendation holds until the end of the last budget year committed, at most this long.
    recommendation_max_months: int = Field(default=12, ge=1, le=60)
    #: Look-ups of the public verification page per address and minute (it needs no sign-in).
    verification_per_minute: int = Field(default=60, ge=1)

    # -- monitoring ------------------------------------------------------------------------------
    #: How often every catalogued deployment is probed (one round per interval).
    monitor_interval_s: int = Field(default=6 * 3600, ge=60)
    #: Probes at once, and each probe's time limit.
    monitor_concurrency: int = Field(default=100, ge=1, le=1000)
    monitor_timeout_s: float = Field(default=5.0, gt=0, le=60)
    #: After comparing a live document with the approved one, the round rests this many times as
    #: long as the comparison took: a thousand comparisons are spread over the round instead of
    #: taking a core at once from the pages (0.5: two thirds of a core at most). 0: no rest.
    monitor_pace: float = Field(default=0.5, ge=0, le=10)
    #: Failed probes in a row before the OPD is told its deployment is down.
    monitor_failures_alert: int = Field(default=3, ge=1, le=100)
    #: The largest live OpenAPI document fetched for the drift check.
    monitor_max_document_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    #: Whether ``serve`` schedules probe rounds at all.
    monitor: bool = True
    #: A CA bundle trusted besides the system's (a kabupaten's internal CA for its deployments).
    monitor_ca_file: Path | None = None

    # -- e-mail (off until smtp_host is set) ----------------------------------------------------
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: str = ""
    #: ``starttls`` (port 587), ``ssl`` (port 465) or ``none`` (a relay on the same network).
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_from: str = "SPBE Gate <noreply@contohkab.go.id>"
    smtp_timeout_s: float = Field(default=10.0, gt=0, le=120)

    @property
    def email(self) -> bool:
        return bool(self.smtp_host)

    def profile(self) -> Profile:
        """The kabupaten's profile (read each time: an administrator may change the file)."""
        from rules.profile import Profile, load_profile
        from rules.registry import rules_by_id

        return load_profile(self.profile_file, rules_by_id()) if self.profile_file else Profile()

    @field_validator("letter_number_format")
    @classmethod
    def _number_format(cls, value: str) -> str:
        from gate.services.letters import check_number_format

        return check_number_format(value)

    @field_validator("secret_key_file")
    @classmethod
    def _secret_file(cls, value: Path | None) -> Path | None:
        if value is not None:
            _read_secret(value)  # unreadable or too short: refused at start-up, with the reason
        return value

    @field_validator("contract_allow", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("contract_allow")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        from gate.contract.guard import AllowList

        AllowList.parse(value)  # a typo fails at start-up, not at the first run
        return value

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

    #: Set on the copy a job worker gets: asking it for the secret is a bug, not a file to read.
    _withheld: bool = PrivateAttr(default=False)
    _sealing_key: bytes | None = PrivateAttr(default=None)

    def without_secrets(self, *, keep_job_key: bool = False) -> Settings:
        """The settings a job worker runs with: neither the secret nor where to find it; with
        ``keep_job_key``, only the derived key that opens sealed credentials (Celery workers)."""
        sealing = self.resolved_job_key() if keep_job_key else None
        copy = self.model_copy(update={"secret_key": "", "secret_key_file": None, "job_key": ""})
        copy._withheld, copy._sealing_key = True, sealing
        return copy

    def resolved_job_key(self) -> bytes:
        """32 bytes sealing job credentials: from ``job_key`` when given, else from the secret."""
        if self._sealing_key is not None:
            return self._sealing_key
        source = self.job_key or self.resolved_secret()
        return hashlib.sha256(b"spbe-gate job credentials|" + source.encode()).digest()

    def resolved_secret(self) -> str:
        """The configured secret, the file's, or one generated on first use and kept (mode 600) in
        the data folder."""
        if self._withheld:
            raise RuntimeError("a job worker holds no secret")
        if self.secret_key:
            return self.secret_key
        if self.secret_key_file is not None:
            return _read_secret(self.secret_key_file)
        path = self.data_dir / "secret_key"
        if path.exists():
            return path.read_text(encoding="utf-8").strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.touch(mode=0o600)
        path.write_text(key, encoding="utf-8")
        return key


def _read_secret(path: Path) -> str:
    try:
        key = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ValueError(f"cannot read the secret from {path}: {exc.strerror}") from None
    if len(key) < 32:
        raise ValueError(f"the secret in {path} is shorter than 32 characters")
    return key


@cache
def get_settings() -> Settings:
    return Settings()
