"""Submissions: store what an OPD uploaded, assess it at once, and move it through review.

States: diajukan -> dinilai -> direview -> disetujui | ditolak | perlu_perbaikan. Every change is
one transaction with its audit event; state moves are compare-and-set, so two reviewers deciding
at once cannot both win silently.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from gate.models import (
    Application,
    AssessmentRecord,
    Decision,
    Job,
    JobKind,
    JobState,
    Letter,
    Outcome,
    Role,
    State,
    Submission,
    SubmissionFile,
    User,
    Waiver,
    utcnow,
)
from gate.services import changes, jobs, letters, notifications
from gate.services.audit import Actor, record
from gate.services.uploads import Upload
from reports.json_report import as_dict
from rules.bundle import MemorySource, read_file
from rules.contract_run import ContractRun
from rules.document import Document
from rules.engine import assess
from rules.i18n import Text
from rules.parsing import Limits, SourceError
from rules.profile import Profile
from rules.result import Assessment
from rules.waivers import Waiver as EngineWaiver


class WorkflowError(ValueError):
    """A request the workflow refuses; ``status`` is the HTTP status it maps to."""

    def __init__(self, text: Text, status: int = 409):
        super().__init__(text.en)
        self.text = text
        self.status = status


_SLUG = re.compile(r"[^a-z0-9]+")
_CHANGED = Text(
    "Status pengajuan telah berubah oleh pengguna lain; muat ulang halaman.",
    "The submission's state was changed by someone else; reload the page.",
)


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_name.lower()).strip("-")[:120] or "aplikasi"


# -- reading rights ------------------------------------------------------------------------


def can_view(user: User, application: Application) -> bool:
    """Reviewers and admins see everything; a developer sees the OPD's own applications."""
    return user.role is not Role.DEVELOPER or user.opd_id == application.opd_id


def may_view(session: Session, actor: Actor, application: Application, object_type: str, object_id: int | None) -> bool:
    """``can_view``, and a refusal of another OPD's data is recorded in the audit log (in its own
    transaction: the request it answers changes nothing)."""
    if can_view(actor.user, application):
        return True
    session.rollback()
    record(session, actor, "access.refused", object_type, object_id, {"application": application.id})
    session.commit()
    return False


def in_catalogue(session: Session, submission: Submission) -> bool:
    app = session.get(Application, submission.application_id)
    return app is not None and app.approved_submission_id == submission.id


# -- submitting ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stored:
    submission: Submission
    assessment: AssessmentRecord


def engine_waivers(session: Session, application_id: int, today: date) -> list[EngineWaiver]:
    rows = session.exec(
        select(Waiver).where(Waiver.application_id == application_id, col(Waiver.revoked_at).is_(None))
    ).all()
    return [
        EngineWaiver(pointer=w.pointer, rule=w.rule, reason=w.reason, until=w.expires_on, entry="")
        for w in rows
        if w.expires_on >= today
    ]


def _search_text(doc: Document) -> str:
    """What the catalogue searches besides names: operations, paths, tags and data fields."""
    words: set[str] = set()
    for op in doc.operations:
        words.update(filter(None, (op.path, op.operation_id or "", op.summary, *op.tags)))
    words.update(p.name for p in doc.properties)
    words.update(s.name for s in doc.schemas if s.name)
    return " ".join(sorted(words)).lower()[:200_000]


def run_assessment(
    files: dict[str, bytes],
    root: str,
    waivers: Sequence[EngineWaiver],
    profile: Profile | None = None,
    metadata: dict[str, Any] | None = None,
    contract: ContractRun | None = None,
) -> tuple[Assessment, str]:
    seen: list[str] = []
    assessment = assess(
        MemorySource(files),
        root,
        profile,
        waivers=waivers,
        metadata=metadata,
        contract=contract,
        on_document=lambda d: seen.append(_search_text(d)),
    )
    return assessment, (seen[0] if seen else "")


@dataclass(frozen=True, slots=True)
class Peek:
    """What the root file says about itself before the assessment: prefills the metadata form."""

    title: str
    x_spbe: dict[str, Any] | None


def peek(upload: Upload) -> Peek:
    try:
        parsed = read_file(MemorySource(upload.files), upload.root, Limits()).parsed.data
    except SourceError:
        return Peek("", None)
    info = parsed.get("info") if isinstance(parsed, dict) else None
    if not isinstance(info, dict):
        return Peek("", None)
    title = info.get("title")
    meta = info.get("x-spbe")
    return Peek(title.strip()[:300] if isinstance(title, str) else "", meta if isinstance(meta, dict) else None)


def submit(
    session: Session,
    actor: Actor,
    application_name: str,
    upload: Upload,
    *,
    staging_url: str | None = None,
    profile: Profile | None = None,
    metadata: dict[str, Any] | None = None,
) -> Stored:
    """Assess the upload, then store it as a new version of the actor's OPD's application with its
    assessment in one transaction; commits.

    The engine runs before anything is written, so no lock is held while it works, and the new
    version appears already assessed: one commit, not one for the files and one for the result.
    """
    name = _submitter_checks(actor, application_name)
    user = actor.user
    assert user.opd_id is not None
    existing = _find_application(session, user.opd_id, slugify(name))
    waivers = engine_waivers(session, existing.id, date.today()) if existing and existing.id else []
    assessment, search_text = run_assessment(upload.files, upload.root, waivers, profile, metadata)
    assessed = (assessment, search_text)
    submission = _add_version(session, actor, name, upload, staging_url, Peek("", None), existing, assessed)
    stored = _add_assessment(session, actor, submission, assessment, metadata)
    # What was just written is what the caller reads back: nothing to reload after the commit.
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True
    return Stored(submission, stored)


def upload_bytes(upload: Upload) -> int:
    return sum(len(content) for content in upload.files.values())


def queue_assessment(
    session: Session,
    actor: Actor,
    submission: Submission,
    dispatcher: jobs.Dispatcher,
    *,
    metadata: dict[str, Any] | None,
    max_attempts: int,
) -> Job:
    """A large document is assessed by a worker, not inside the upload request: the job path that
    contract runs take, so a slow assessment holds no web process and survives a worker's death."""
    if submission.state is not State.SUBMITTED:
        raise WorkflowError(_CHANGED)
    params: dict[str, Any] = {"metadata": metadata} if metadata is not None else {}
    job = jobs.create(
        session, actor, submission, JobKind.ASSESS, params, needs_secrets=False, max_attempts=max_attempts
    )
    return jobs.dispatch(session, dispatcher, job, None)


def _submitter_checks(actor: Actor, application_name: str) -> str:
    user = actor.user
    if user.role is not Role.DEVELOPER or user.opd_id is None:
        raise WorkflowError(
            Text("Hanya pengembang OPD yang mengajukan aplikasi.", "Only OPD developers submit applications."), 403
        )
    name = application_name.strip()
    if not name:
        raise WorkflowError(Text("Nama aplikasi wajib diisi.", "The application name is required."), 422)
    return name


def store(
    session: Session,
    actor: Actor,
    application_name: str,
    upload: Upload,
    *,
    staging_url: str | None = None,
    peek_first: bool = True,
) -> Submission:
    """Keep the uploaded files as a new version (state ``diajukan``); commits. Assessed next.

    ``peek_first`` reads the title and ``x-spbe`` for the metadata form; a submission assessed by
    a job skips it (the assessment reads them anyway).
    """
    name = _submitter_checks(actor, application_name)
    seen = peek(upload) if peek_first else Peek("", None)
    submission = _add_version(session, actor, name, upload, staging_url, seen)
    session.commit()
    session.refresh(submission)
    return submission


def _add_version(
    session: Session,
    actor: Actor,
    name: str,
    upload: Upload,
    staging_url: str | None,
    seen: Peek,
    app: Application | None = None,
    assessed: tuple[Assessment, str] | None = None,
) -> Submission:
    """The next version of the application (``app`` when already read), with its files, in the
    caller's transaction; ``assessed`` (the engine's result) makes it ``dinilai`` from the start."""
    user = actor.user
    assert user.opd_id is not None
    app = app or _application(session, user.opd_id, name, actor)
    assert app.id is not None
    for attempt in range(5):
        previous = session.exec(
            select(Submission).where(Submission.application_id == app.id).order_by(col(Submission.number).desc())
        ).first()
        submission = Submission(
            application_id=app.id,
            number=(previous.number + 1) if previous else 1,
            previous_id=previous.id if previous else None,
            state=State.SUBMITTED,
            title=(seen.title or name)[:500],
            root_file=upload.root,
            x_spbe=seen.x_spbe,
            staging_url=staging_url,
            submitted_by=user.id or 0,
        )
        if assessed is not None:
            submission.state = State.ASSESSED
            _describe(submission, *assessed)
        try:
            with session.begin_nested():
                session.add(submission)
                session.flush()
        except IntegrityError:  # another submission of this application took the number
            if attempt == 4:
                raise
            continue
        break
    assert submission.id is not None
    for path, content in sorted(upload.files.items()):
        session.add(
            SubmissionFile(
                submission_id=submission.id,
                path=path,
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
                content=content,
            )
        )
    record(
        session,
        actor,
        "submission.create",
        "submission",
        submission.id,
        {"application": app.slug, "number": submission.number},
    )
    return submission


def assess_submission(
    session: Session,
    actor: Actor | None,
    submission: Submission,
    *,
    profile: Profile | None = None,
    metadata: dict[str, Any] | None = None,
    files: dict[str, bytes] | None = None,
) -> AssessmentRecord:
    """The first assessment of a stored submission (``diajukan`` -> ``dinilai``); commits.

    ``metadata`` (the submitter's metadata form) stands for the document's ``info.x-spbe``.
    """
    if submission.state is not State.SUBMITTED:
        raise WorkflowError(_CHANGED)
    # Assess outside any lock: it is the slow part and reads nothing from the database but waivers.
    waivers = engine_waivers(session, submission.application_id, date.today())
    assessment, search_text = run_assessment(
        files if files is not None else files_of(session, submission), submission.root_file, waivers, profile, metadata
    )
    _move(session, submission, (State.SUBMITTED,), State.ASSESSED)
    _describe(submission, assessment, search_text)
    session.add(submission)
    stored = _add_assessment(session, actor, submission, assessment, metadata)
    session.commit()
    session.refresh(submission)
    refresh_summary(session, stored)
    return stored


def _describe(submission: Submission, assessment: Assessment, search_text: str) -> None:
    """What the first assessment tells about the submission: title, versions, metadata, search words."""
    info = assessment.document
    submission.title = (info.title or submission.title)[:500]
    submission.api_version = (info.api_version or "")[:100]
    submission.openapi = (info.openapi or "")[:20]
    submission.x_spbe = info.x_spbe
    submission.search_text = search_text


def _add_assessment(
    session: Session,
    actor: Actor | None,
    submission: Submission,
    assessment: Assessment,
    metadata: dict[str, Any] | None,
) -> AssessmentRecord:
    """The first assessment's record and its audit event, in the caller's transaction."""
    stored = store_assessment(session, submission, assessment)
    detail: dict[str, Any] = {"verdict": assessment.verdict, "level": assessment.score.level, "assessment": stored.id}
    if metadata is not None:
        detail["metadata"] = "form"
    record(session, actor if metadata is not None else None, "submission.assess", "submission", submission.id, detail)
    return stored


def _find_application(session: Session, opd_id: int, slug: str) -> Application | None:
    return session.exec(select(Application).where(Application.opd_id == opd_id, Application.slug == slug)).first()


def _application(session: Session, opd_id: int, name: str, actor: Actor) -> Application:
    slug = slugify(name)
    for _ in range(3):
        app = _find_application(session, opd_id, slug)
        if app is not None:
            return app
        app = Application(opd_id=opd_id, slug=slug, nama=name[:300])
        try:
            with session.begin_nested():
                session.add(app)
                session.flush()
        except IntegrityError:  # created by a parallel first submission
            continue
        record(session, actor, "application.create", "application", app.id, {"slug": slug})
        return app
    raise WorkflowError(Text("Aplikasi tidak dapat dibuat; coba lagi.", "The application could not be created; retry."))


def store_assessment(session: Session, submission: Submission, assessment: Assessment) -> AssessmentRecord:
    counts = assessment.counts()
    row = AssessmentRecord(
        submission_id=submission.id or 0,
        engine_version=assessment.tool_version,
        profile=assessment.profile,
        verdict=assessment.verdict,
        level=assessment.score.level,
        score=assessment.score.overall,
        errors=counts["error"],
        warnings=counts["warning"],
        report=as_dict(assessment, archive=True),
    )
    session.add(row)
    session.flush()
    return row


def files_of(session: Session, submission: Submission) -> dict[str, bytes]:
    rows = session.exec(select(SubmissionFile).where(SubmissionFile.submission_id == submission.id)).all()
    return {f.path: f.content for f in rows}


def latest_assessment(session: Session, submission: Submission) -> AssessmentRecord | None:
    return session.exec(
        select(AssessmentRecord)
        .where(AssessmentRecord.submission_id == submission.id)
        .order_by(col(AssessmentRecord.id).desc())
    ).first()


def reassess(
    session: Session, actor: Actor, submission: Submission, profile: Profile | None = None
) -> AssessmentRecord:
    """A new assessment with today's rulebook, profile and waivers; earlier ones are kept.

    What the submission was assessed with stays: its metadata (the form's, if the submitter used
    it) and its latest contract run, whose results count until a new run replaces them (the
    report says when that run took place), so reassessing cannot erase a broken deployment."""
    waivers = engine_waivers(session, submission.application_id, date.today())
    assessment, _ = run_assessment(
        files_of(session, submission),
        submission.root_file,
        waivers,
        profile,
        metadata=submission.x_spbe,
        contract=latest_contract_run(session, submission),
    )
    row = store_assessment(session, submission, assessment)
    record(
        session,
        actor,
        "submission.reassess",
        "submission",
        submission.id,
        {"assessment": row.id, "verdict": row.verdict},
    )
    session.commit()
    refresh_summary(session, row)
    return row


def latest_contract_run(session: Session, submission: Submission) -> ContractRun | None:
    """The run of the submission's newest finished contract job, as its assessment recorded it."""
    row = session.exec(
        select(AssessmentRecord)
        .join(Job, col(Job.assessment_id) == AssessmentRecord.id)
        .where(Job.submission_id == submission.id, Job.kind == JobKind.CONTRACT, Job.state == JobState.DONE)
        .order_by(col(Job.finished_at).desc(), col(Job.id).desc())
    ).first()
    data = row.report.get("contract") if row is not None else None
    return ContractRun.from_dict(data) if isinstance(data, dict) else None


def refresh_summary(session: Session, row: AssessmentRecord) -> None:
    """Reload every column but the report after a commit: reading any expired column would
    otherwise load them all, the large stored report with them (a fifth of a submission's time)."""
    session.refresh(row, [c for c in AssessmentRecord.model_fields if c != "report"])


# -- review --------------------------------------------------------------------------------


def _require_reviewer(actor: Actor) -> None:
    if actor.user.role not in (Role.REVIEWER, Role.ADMIN) or actor.via_token:
        raise WorkflowError(
            Text("Hanya peninjau Diskominfo yang dapat melakukannya.", "Only Diskominfo reviewers may do this."), 403
        )


def _move(session: Session, submission: Submission, allowed: Sequence[State], new: State) -> None:
    """Compare-and-set: fails when another request moved the submission first."""
    result = session.execute(
        update(Submission)
        .where(col(Submission.id) == submission.id, col(Submission.state).in_([s.value for s in allowed]))
        .values(state=new.value)
    )
    if getattr(result, "rowcount", 0) != 1:
        session.rollback()
        raise WorkflowError(_CHANGED)


#: Undecided: what its OPD may still withdraw.
UNDECIDED = (State.SUBMITTED, State.ASSESSED, State.IN_REVIEW)


def withdraw(session: Session, actor: Actor, submission: Submission, reason: str = "") -> Submission:
    """The submitting OPD takes back a version not yet decided (uploaded by mistake, superseded);
    it leaves the queue, stays in the history, and cannot be decided any more. Audited."""
    app = session.get(Application, submission.application_id)
    user = actor.user
    if app is None or user.role is not Role.DEVELOPER or user.opd_id != app.opd_id or actor.via_token:
        raise WorkflowError(
            Text(
                "Hanya pengembang OPD pemilik yang dapat menarik pengajuan.",
                "Only the owning OPD's developers may withdraw a submission.",
            ),
            403,
        )
    lock_application(session, submission.application_id)
    _move(session, submission, UNDECIDED, State.WITHDRAWN)
    record(
        session,
        actor,
        "submission.withdraw",
        "submission",
        submission.id,
        {"reason": reason.strip()[:500]} if reason.strip() else None,
    )
    session.commit()
    session.refresh(submission)
    return submission


def start_review(session: Session, actor: Actor, submission: Submission) -> Submission:
    _require_reviewer(actor)
    _move(session, submission, (State.ASSESSED,), State.IN_REVIEW)
    record(session, actor, "submission.review", "submission", submission.id)
    session.commit()
    session.refresh(submission)
    return submission


def lock_application(session: Session, application_id: int) -> None:
    """Begin the transaction by locking the application's row: every change of what the catalogue
    shows of it (decisions, withdrawals, lapses) runs one at a time, each reading what the one
    before it committed. A write that changes nothing takes the lock on both databases: the row's
    lock on PostgreSQL, the database's write lock on SQLite (its first write of the transaction)."""
    session.execute(
        update(Application)
        .where(col(Application.id) == application_id)
        .values(approved_submission_id=Application.approved_submission_id)
    )


def current_decision(session: Session, submission_id: int) -> Decision | None:
    return session.exec(
        select(Decision).where(Decision.submission_id == submission_id).order_by(col(Decision.id).desc())
    ).first()


_DECIDED = Text(
    "Pengajuan ini sudah diputuskan oleh peninjau lain; muat ulang halaman. Untuk mengubah keputusan, "
    "sebutkan keputusan yang diganti.",
    "This submission has already been decided by another reviewer; reload the page. To change a decision, "
    "name the decision it replaces.",
)


def decide(
    session: Session,
    actor: Actor,
    submission: Submission,
    outcome: Outcome,
    reason: str,
    *,
    override: bool = False,
    supersedes: int | None = None,
    policy: letters.LetterPolicy | None = None,
    email: bool = False,
    x_spbe: dict[str, Any] | None = None,
) -> Decision:
    """Decide a submission, or change its decision: ``supersedes`` names the decision the reviewer
    saw and replaces (None: it was undecided). Exactly one of several reviewers deciding at once
    wins; the others get a 409, since the decision they saw is no longer the current one.

    In the same transaction: the decision's numbered letter (``letters``), the catalogue, and a
    message to the OPD's developers (by e-mail too when ``email``)."""
    _require_reviewer(actor)
    reason = reason.strip()
    if len(reason) < 5:
        raise WorkflowError(Text("Keputusan memerlukan alasan tertulis.", "A decision needs a written reason."), 422)
    lock_application(session, submission.application_id)
    session.refresh(submission)
    previous = current_decision(session, submission.id or 0)
    if (previous.id if previous else None) != supersedes:
        session.rollback()
        raise WorkflowError(_DECIDED if previous is not None else _CHANGED)
    assessment = latest_assessment(session, submission)
    failed = assessment is None or assessment.verdict != "pass"
    if outcome is Outcome.APPROVE and failed and not override:
        session.rollback()
        raise WorkflowError(
            Text(
                "Penilaian pengajuan ini tidak lulus; menyetujuinya memerlukan pengesampingan eksplisit dengan alasan.",
                "This submission's assessment failed; approving it needs an explicit override with a reason.",
            ),
            422,
        )
    # The state this reviewer saw: undecided, or the outcome of the decision being superseded.
    seen = (State.ASSESSED, State.IN_REVIEW) if previous is None else (State(previous.outcome.value),)
    _move(session, submission, seen, State(outcome.value))
    decision = Decision(
        submission_id=submission.id or 0,
        reviewer_id=actor.user.id or 0,
        outcome=outcome,
        reason=reason,
        override=outcome is Outcome.APPROVE and failed,
        assessment_id=assessment.id if assessment else None,
        supersedes_id=previous.id if previous else None,
    )
    session.add(decision)
    try:
        session.flush()
    except IntegrityError:  # another reviewer superseded the same decision first
        session.rollback()
        raise WorkflowError(_CHANGED) from None
    _refresh_catalogue(session, submission.application_id)
    app = session.get(Application, submission.application_id)
    assert app is not None
    letter = letters.issue(session, decision, submission, app, policy or letters.LetterPolicy(), x_spbe=x_spbe)
    _tell_decision(session, app, submission, decision, letter, email)
    if outcome is Outcome.APPROVE:  # the catalogued applications its breaking changes reach are told
        changes.tell_consumers(session, app, submission, email=email)
    record(
        session,
        actor,
        "submission.decide",
        "submission",
        submission.id,
        {"outcome": outcome.value, "override": decision.override, "decision": decision.id, "letter": letter.nomor},
    )
    session.commit()
    session.refresh(decision)
    return decision


_OUTCOME_TEXT = {
    Outcome.APPROVE: Text("disetujui", "approved"),
    Outcome.REJECT: Text("ditolak", "rejected"),
    Outcome.REQUEST_CHANGES: Text("perlu perbaikan", "needs changes"),
}


def _tell_decision(
    session: Session, app: Application, submission: Submission, decision: Decision, letter: Letter, email: bool
) -> None:
    outcome = _OUTCOME_TEXT[decision.outcome]
    text = Text(
        f"{app.nama} versi {submission.number} {outcome.id}. Surat {letter.nomor}: {decision.reason}",
        f"{app.nama} version {submission.number} {outcome.en}. Letter {letter.nomor}: {decision.reason}",
    )
    developers = notifications.opd_developers(session, app.opd_id)
    notifications.notify(
        session, developers, "keputusan", f"decision:{decision.id}", text, f"/pengajuan/{submission.id}", email=email
    )


def _refresh_catalogue(session: Session, application_id: int) -> None:
    """The catalogue shows the newest approved version of the application, if any."""
    newest = session.exec(
        select(Submission)
        .where(Submission.application_id == application_id, Submission.state == State.APPROVED)
        .order_by(col(Submission.number).desc())
    ).first()
    app = session.get(Application, application_id)
    if app is not None:
        app.approved_submission_id = newest.id if newest else None
        session.add(app)


def grant_waiver(
    session: Session, actor: Actor, application: Application, rule: str, pointer: str, reason: str, expires_on: date
) -> Waiver:
    _require_reviewer(actor)
    from rules.registry import get_rule

    known = get_rule(rule)
    if known is None:
        raise WorkflowError(Text(f"Aturan {rule} tidak dikenal.", f"Unknown rule {rule}."), 422)
    if len(reason.strip()) < 5:
        raise WorkflowError(Text("Pengecualian memerlukan alasan.", "A waiver needs a reason."), 422)
    if expires_on <= date.today():
        raise WorkflowError(
            Text("Tanggal berakhir harus di masa depan.", "The expiry date must be in the future."), 422
        )
    waiver = Waiver(
        application_id=application.id or 0,
        rule=known.id,
        pointer=pointer,
        reason=reason.strip(),
        expires_on=expires_on,
        granted_by=actor.user.id or 0,
    )
    session.add(waiver)
    session.flush()
    record(
        session,
        actor,
        "waiver.grant",
        "waiver",
        waiver.id,
        {"rule": known.id, "pointer": pointer, "until": expires_on.isoformat()},
    )
    session.commit()
    session.refresh(waiver)
    return waiver


def revoke_waiver(session: Session, actor: Actor, waiver: Waiver) -> None:
    _require_reviewer(actor)
    if waiver.revoked_at is None:
        waiver.revoked_at = utcnow()
        session.add(waiver)
        record(session, actor, "waiver.revoke", "waiver", waiver.id)
        session.commit()
