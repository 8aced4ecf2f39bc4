"""What the service stores (SQLModel tables). State changes go through ``gate/services``, never routes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel

from gate.core.packing import ZstdBytes, ZstdJSON


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored time as UTC: SQLite gives back the naive UTC time that was written."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Role(StrEnum):
    DEVELOPER = "developer"  # bound to one OPD
    REVIEWER = "reviewer"  # Diskominfo
    ADMIN = "admin"


class State(StrEnum):
    SUBMITTED = "diajukan"
    ASSESSED = "dinilai"
    IN_REVIEW = "direview"
    APPROVED = "disetujui"
    REJECTED = "ditolak"
    CHANGES_REQUESTED = "perlu_perbaikan"
    WITHDRAWN = "ditarik"  # by its OPD, before a decision


class Outcome(StrEnum):
    APPROVE = "disetujui"
    REJECT = "ditolak"
    REQUEST_CHANGES = "perlu_perbaikan"


def _enum(kind: type[StrEnum], *, index: bool = False) -> Column[Any]:
    """Stored as its value in a plain string column: readable in SQL, no database enum type to migrate."""
    return Column(
        SAEnum(kind, values_callable=lambda e: [m.value for m in e], native_enum=False, length=20),
        nullable=False,
        index=index,
    )


class Opd(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kode: str = Field(unique=True, index=True, max_length=64)
    nama: str = Field(max_length=300)
    created_at: datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True, max_length=320)
    nama: str = Field(max_length=200)
    password_hash: str = Field(max_length=300)
    role: Role = Field(sa_column=_enum(Role))
    opd_id: int | None = Field(default=None, foreign_key="opd.id", index=True)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    #: Raised when an administrator changes the password, role or OPD: older sessions end.
    session_generation: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    #: The language the user chose (the pages' switch): what e-mail to them is written in.
    lang: str = Field(default="id", max_length=2, sa_column_kwargs={"server_default": "id"})


class UserSession(SQLModel, table=True):
    """A signed-in session. The cookie is signed and carries a nonce; this row, found by the nonce's
    SHA-256, is what makes it valid, so signing out ends it on the server, not only in the browser."""

    __tablename__ = "user_session"
    id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    ended_at: datetime | None = None
    ip: str = Field(default="", max_length=64)


class RateCounter(SQLModel, table=True):
    """Recent events of one rate-limited key (sign-in attempts by address or e-mail), shared by
    every web process of the embedded default (Celery mode keeps them in Redis)."""

    __tablename__ = "rate_counter"
    key: str = Field(primary_key=True, max_length=400)
    #: UNIX times (seconds) of the events inside the window, oldest first.
    events: list[float] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    #: The last attempt, refused or not: keys quiet for a whole window are deleted now and then.
    last_at: float = 0.0


class Application(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("opd_id", "slug"),
        # The catalogue's default order: a page is read in index order and stops at its size.
        Index("ix_application_nama", "nama", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    opd_id: int = Field(foreign_key="opd.id", index=True)
    slug: str = Field(max_length=120)
    nama: str = Field(max_length=300)
    created_at: datetime = Field(default_factory=utcnow)
    #: The latest approved submission: what the catalogue shows.
    approved_submission_id: int | None = Field(default=None, index=True)


class Submission(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("application_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    #: 1, 2, 3... per application: each submission is a version of it.
    number: int
    previous_id: int | None = Field(default=None, foreign_key="submission.id")
    state: State = Field(default=State.SUBMITTED, sa_column=_enum(State, index=True))
    title: str = Field(default="", max_length=500)
    api_version: str = Field(default="", max_length=100)
    openapi: str = Field(default="", max_length=20)
    root_file: str = Field(max_length=500)
    x_spbe: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    #: Search text for the catalogue: operations, paths, tags and data fields.
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    staging_url: str | None = Field(default=None, max_length=500)
    submitted_by: int = Field(foreign_key="user.id")
    submitted_at: datetime = Field(default_factory=utcnow, index=True)


class SubmissionFile(SQLModel, table=True):
    """An uploaded file, byte for byte: kept in the database so every worker machine can read it."""

    __table_args__ = (UniqueConstraint("submission_id", "path"),)
    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    path: str = Field(max_length=500)
    sha256: str = Field(max_length=64)
    size: int
    #: The uploaded bytes, stored compressed (gate/core/packing.py) and read back unchanged.
    content: bytes = Field(sa_column=Column(ZstdBytes, nullable=False))


class AssessmentRecord(SQLModel, table=True):
    __tablename__ = "assessment"
    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    engine_version: str = Field(max_length=40)
    profile: str = Field(max_length=200)
    verdict: str = Field(max_length=10)
    level: int
    score: float | None = None
    errors: int = 0
    warnings: int = 0
    #: The engine's JSON report (reports/schema/report-v1.json), the record of what was found.
    #: Stored compressed (gate/core/packing.py): a tenth of its JSON size.
    report: dict[str, Any] = Field(sa_column=Column(ZstdJSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Decision(SQLModel, table=True):
    """A reviewer's decision. Never edited: a later decision on the same submission supersedes it."""

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    reviewer_id: int = Field(foreign_key="user.id")
    outcome: Outcome = Field(sa_column=_enum(Outcome))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    #: Approved although the assessment failed: allowed only explicitly, and recorded as such.
    override: bool = False
    assessment_id: int | None = Field(default=None, foreign_key="assessment.id")
    #: Unique: a decision is superseded once, so two reviewers deciding at once cannot both win.
    supersedes_id: int | None = Field(default=None, foreign_key="decision.id", unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class Waiver(SQLModel, table=True):
    """A reviewer's waiver for one finding of an application, shown in every later report until it expires."""

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    rule: str = Field(max_length=20)
    pointer: str = Field(max_length=1000)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    expires_on: date
    granted_by: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None


class ApiToken(SQLModel, table=True):
    """A CI pipeline's token for one OPD; only its SHA-256 is stored."""

    id: int | None = Field(default=None, primary_key=True)
    opd_id: int = Field(foreign_key="opd.id", index=True)
    nama: str = Field(max_length=120)
    token_hash: str = Field(unique=True, index=True, max_length=64)
    #: The first characters, so a user can tell tokens apart.
    prefix: str = Field(max_length=16)
    created_by: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class AuditEvent(SQLModel, table=True):
    """Append-only: who changed what, when, from where."""

    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    actor: str = Field(default="", max_length=320)
    action: str = Field(max_length=60, index=True)
    object_type: str = Field(max_length=40)
    object_id: int | None = None
    detail: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    ip: str = Field(default="", max_length=64)


class JobKind(StrEnum):
    CONTRACT = "uji_kontrak"  # a contract run against the submission's deployment
    ASSESS = "penilaian"  # the first assessment of a large document
    PROBE = "pemantauan"  # one round of probes of the catalogued deployments
    NOTIFY = "notifikasi"  # e-mail of pending notifications
    EVALUATE = "evaluasi"  # one application's item of the yearly evaluation
    REASSESS = "penilaian_ulang"  # one application of a bulk reassessment


class JobState(StrEnum):
    QUEUED = "antre"
    RUNNING = "berjalan"
    DONE = "selesai"
    FAILED = "gagal"


class Job(SQLModel, table=True):
    """Work done outside the request, on a worker. This row is the job's state of record: a worker
    claims it, beats while it runs, and finishes it; a job whose worker stopped beating is run
    again or failed with a reason (gate/services/jobs.py)."""

    id: int | None = Field(default=None, primary_key=True)
    kind: JobKind = Field(sa_column=_enum(JobKind))
    state: JobState = Field(default=JobState.QUEUED, sa_column=_enum(JobState, index=True))
    #: The submission it works on; None for the service's own jobs (probe rounds, e-mail).
    submission_id: int | None = Field(default=None, foreign_key="submission.id", index=True)
    #: Unique when set: a scheduled job is created once however many schedulers ask (``probe:<slot>``).
    key: str | None = Field(default=None, max_length=120, unique=True)
    requested_by: int | None = Field(default=None, foreign_key="user.id")
    #: What to run, without credentials: target URL, bounds, the kind of authentication.
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    #: Credentials travel with the dispatch and are never stored: a job that needs them can be run
    #: again only while its dispatcher still holds them.
    needs_secrets: bool = False
    attempts: int = 0
    max_attempts: int = 2
    worker: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    #: The last sign of life: set when queued, then by the worker's heartbeat while it runs.
    heartbeat_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: datetime | None = None
    #: Operations done / total, requests, failures so far: what the progress page shows.
    progress: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    #: Why it failed, in both languages: {"id": ..., "en": ...}.
    error: dict[str, str] | None = Field(default=None, sa_column=Column(JSON))
    assessment_id: int | None = Field(default=None, foreign_key="assessment.id")


# -- lasting approval: letters, monitoring, notifications --------------------------------------


class LetterKind(StrEnum):
    RECOMMENDATION = "rekomendasi"  # an approval: the application may go live, until ``valid_until``
    REJECTION = "penolakan"
    CHANGES = "perbaikan"  # changes requested


class Letter(SQLModel, table=True):
    """The numbered letter a decision issues. Numbers run per kind and year without gaps: the
    counter moves in the decision's own transaction (``LetterCounter``)."""

    __table_args__ = (UniqueConstraint("kind", "year", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: LetterKind = Field(sa_column=_enum(LetterKind))
    decision_id: int = Field(foreign_key="decision.id", unique=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    year: int
    seq: int
    nomor: str = Field(max_length=200, unique=True)
    #: What the QR code and the public verification page carry: unguessable, unique.
    code: str = Field(max_length=40, unique=True, index=True)
    issued_on: date
    #: Until when a recommendation holds (None for the other kinds).
    valid_until: date | None = None
    reviewer_id: int = Field(foreign_key="user.id")
    reasons: str = Field(sa_column=Column(Text, nullable=False))
    #: For a rejection or a change request: the rules to fix ({rule, title_id, title_en, findings}).
    to_fix: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    #: When it stopped holding before its date (a later decision, a newer approved version, a lapse).
    ended_at: datetime | None = None
    ended_reason: str = Field(default="", max_length=40)


class LetterCounter(SQLModel, table=True):
    __tablename__ = "letter_counter"
    kind: str = Field(primary_key=True, max_length=20)
    year: int = Field(primary_key=True)
    last: int = 0


class Probe(SQLModel, table=True):
    """One look at a catalogued deployment: at most one per application and interval (``slot``)."""

    __table_args__ = (
        UniqueConstraint("application_id", "slot"),
        Index("ix_probe_application_at", "application_id", "at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    #: The approved version whose document the live one is compared with.
    submission_id: int = Field(foreign_key="submission.id")
    #: ``at`` // the monitoring interval: the round it belongs to.
    slot: int = Field(index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    url: str = Field(max_length=500)
    ok: bool
    status: int | None = None
    latency_ms: float | None = None
    #: Days the TLS certificate has left (None over plain HTTP, or when the handshake failed).
    tls_days: int | None = None
    error: str = Field(default="", max_length=1000)
    #: Differences between the live document and the approved one ([] none; None not checked).
    drift: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    #: SHA-256 of the live document's bytes as read (and of the engine's version): the next round
    #: compares only a changed one (``monitoring.document_digest``).
    document_digest: str | None = Field(default=None, max_length=64)


class Lease(SQLModel, table=True):
    """Who schedules: the one process holding the lease (renewed while alive, taken over once it
    expires), so several ``serve`` processes, or one restarted, start each round exactly once."""

    name: str = Field(primary_key=True, max_length=60)
    holder: str = Field(max_length=200)
    expires_at: datetime


class Notification(SQLModel, table=True):
    """A message to one user (in-app, and by e-mail when the service has SMTP). ``key`` makes it
    once per event and user, however often the event is seen."""

    __table_args__ = (UniqueConstraint("user_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(max_length=40)
    key: str = Field(max_length=200)
    #: The message in both languages: {"id": ..., "en": ...}; ``href`` where it leads.
    text: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    href: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    read_at: datetime | None = None
    #: none (no e-mail), pending, sending, sent, failed, unsure (a sender died mid-send: not resent)
    email_state: str = Field(default="none", max_length=10, index=True)
    email_attempts: int = 0
    email_error: str = Field(default="", max_length=500)
    #: When a sender last claimed it (``sending``) or sent it.
    email_at: datetime | None = None


# -- the yearly evaluation -------------------------------------------------------------------------


class EvaluationOutcome(StrEnum):
    """How an application ends a yearly evaluation."""

    PENDING = "menunggu"  # not yet decided: reassessment running, or the OPD's answer awaited
    SUSTAINED = "berkelanjutan"  # the recommendation is renewed for the next period
    ACTION = "perlu_tindakan"  # a to-do list with a deadline
    LAPSED = "tidak_berkelanjutan"  # the recommendation lapses; out of the default catalogue


class Evaluation(SQLModel, table=True):
    """One year's evaluation of every catalogued application (one per year)."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True)
    opened_at: datetime = Field(default_factory=utcnow)
    opened_by: int | None = Field(default=None, foreign_key="user.id")
    #: By when the OPDs confirm or update their applications' metadata.
    deadline: date
    #: The rules it holds applications to (the profile's ``evaluation`` section, as it was when opened).
    rules: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    closed_at: datetime | None = None


class EvaluationItem(SQLModel, table=True):
    """One catalogued application in one year's evaluation (exactly one, however often opened)."""

    __tablename__ = "evaluation_item"
    __table_args__ = (UniqueConstraint("evaluation_id", "application_id"),)
    id: int | None = Field(default=None, primary_key=True)
    evaluation_id: int = Field(foreign_key="evaluation.id", index=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    #: The approved version evaluated, and the reassessment made of it under today's rulebook.
    submission_id: int = Field(foreign_key="submission.id")
    assessment_id: int | None = Field(default=None, foreign_key="assessment.id")
    level: int | None = None
    verdict: str = Field(default="", max_length=10)
    #: The year's record of the deployment: percent of probes answered (None: never probed).
    availability: float | None = None
    probes: int = 0
    drift: int = 0
    tls_days: int | None = None
    budget_next_year: bool = False
    #: What the OPD confirmed (None: not yet): the metadata the reassessment used.
    confirmed_at: datetime | None = None
    confirmed_by: int | None = Field(default=None, foreign_key="user.id")
    metadata_: dict[str, Any] | None = Field(default=None, sa_column=Column("metadata", JSON))
    outcome: EvaluationOutcome = Field(
        default=EvaluationOutcome.PENDING, sa_column=_enum(EvaluationOutcome, index=True)
    )
    #: Why, in both languages: [{"code", "id", "en"}]; and what to do for ``perlu_tindakan``.
    reasons: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    todo: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    todo_deadline: date | None = None
    #: A reviewer's decision over the rules' outcome, with its reason (audited).
    override_reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    overridden_by: int | None = Field(default=None, foreign_key="user.id")
    #: The renewed recommendation of a sustained application.
    renewed_letter_id: int | None = Field(default=None, foreign_key="letter.id")
    updated_at: datetime = Field(default_factory=utcnow)


class ReassessBatch(SQLModel, table=True):
    """A bulk reassessment of every catalogued application (after the rulebook or the profile
    changed): one job each; each application's verdict before and after."""

    __tablename__ = "reassess_batch"
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    requested_by: int | None = Field(default=None, foreign_key="user.id")
    total: int = 0


class ReassessItem(SQLModel, table=True):
    __tablename__ = "reassess_item"
    __table_args__ = (UniqueConstraint("batch_id", "application_id"),)
    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="reassess_batch.id", index=True)
    application_id: int = Field(foreign_key="application.id")
    submission_id: int = Field(foreign_key="submission.id")
    before_verdict: str = Field(default="", max_length=10)
    before_level: int | None = None
    after_verdict: str = Field(default="", max_length=10)
    after_level: int | None = None
    assessment_id: int | None = Field(default=None, foreign_key="assessment.id")
    #: Rules that fail the verdict now and did not before, and the other way round.
    newly_failing: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    newly_passing: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    done_at: datetime | None = None
