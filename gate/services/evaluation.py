"""The yearly evaluation: every catalogued application re-earns its place.

An administrator opens the evaluation of a year. Each catalogued application gets one item
(exactly one: the pair is unique, however often the evaluation is opened), reassessed by a job
under today's rulebook and date, joined with its deployment's record of the last 365 days, and its
OPD is asked to confirm or update the metadata (budget, official, lifecycle) before the deadline.
The rules of the kabupaten's profile (``EvaluationRules``) then decide each outcome:

- ``berkelanjutan``: confirmed and nothing wrong; at the close the recommendation is renewed (a
  new numbered letter, decided by the administrator who closes, with its validity);
- ``perlu_tindakan``: a to-do list with a deadline (the OPD's home, a notification);
- ``tidak_berkelanjutan``: retired, past its sunset, or unanswered by the deadline (the profile
  may make that an action instead); at the close its recommendation lapses and the application
  leaves the default catalogue.

A reviewer may override an outcome with a reason (audited). Everything that takes time runs as
jobs through the jobs' state of record.

Bulk reassessment (``reassess_all``) is the evaluation's companion for when the rulebook or the
profile changed: one job per catalogued application, each recording the verdict and level before
and after and which rules started or stopped failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from gate.core.config import Settings
from gate.models import (
    Application,
    AssessmentRecord,
    Evaluation,
    EvaluationItem,
    EvaluationOutcome,
    Job,
    JobKind,
    Outcome,
    Probe,
    ReassessBatch,
    ReassessItem,
    Role,
    Submission,
    utcnow,
)
from gate.services import jobs, letters, monitoring, notifications, queries
from gate.services import submissions as flow
from gate.services.audit import Actor, record
from rules.i18n import Text
from rules.profile import EvaluationRules
from rules.sustainability.sus006_budget_committed import budget_years

#: What an OPD may change in its confirmation: the metadata the evaluation is about.
CONFIRMABLE = ("anggaran", "penanggung_jawab", "lifecycle", "sunset")


class EvaluationError(ValueError):
    def __init__(self, text: Text, status: int = 409):
        super().__init__(text.en)
        self.text, self.status = text, status


def _admin(actor: Actor) -> None:
    if actor.user.role is not Role.ADMIN or actor.via_token:
        raise EvaluationError(Text("Khusus administrator.", "For administrators only."), 403)


def _reviewer(actor: Actor) -> None:
    if actor.user.role not in (Role.REVIEWER, Role.ADMIN) or actor.via_token:
        raise EvaluationError(Text("Khusus peninjau Diskominfo.", "For Diskominfo reviewers only."), 403)


# -- the rules -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facts:
    """What an item's outcome depends on."""

    level: int | None
    availability: float | None
    drift: int
    budget_ok: bool
    lifecycle: str | None
    sunset_passed: bool
    confirmed: bool
    deadline_passed: bool


def _why(code: str, id_: str, en: str) -> dict[str, str]:
    return {"code": code, "id": id_, "en": en}


def judge(rules: EvaluationRules, facts: Facts) -> tuple[EvaluationOutcome, list[dict[str, str]], list[dict[str, str]]]:
    """The outcome, why, and what the OPD must do: the profile's rules, applied in one place."""
    if facts.lifecycle == "retired":
        return (
            EvaluationOutcome.LAPSED,
            [_why("retired", "Aplikasi sudah dipensiunkan.", "The application is retired.")],
            [],
        )
    if facts.lifecycle == "deprecated" and facts.sunset_passed:
        why = _why("sunset", "Tanggal henti aplikasi sudah lewat.", "The application's sunset date has passed.")
        return EvaluationOutcome.LAPSED, [why], []
    todo: list[dict[str, str]] = []
    if facts.level is not None and facts.level < rules.min_level:
        todo.append(
            _why(
                "level",
                f"Naikkan tingkat kematangan ke {rules.min_level} atau lebih (kini {facts.level}): perbaiki "
                "temuan galat.",
                f"Raise the maturity level to {rules.min_level} or more (now {facts.level}): fix the error findings.",
            )
        )
    if facts.availability is not None and facts.availability < rules.min_availability:
        todo.append(
            _why(
                "availability",
                f"Ketersediaan {facts.availability:.1f}% di bawah {rules.min_availability:g}%: perbaiki deployment.",
                f"Availability {facts.availability:.1f}% is below {rules.min_availability:g}%: fix the deployment.",
            )
        )
    if rules.budget_required and not facts.budget_ok:
        todo.append(
            _why(
                "budget",
                "Cantumkan anggaran operasi dan pemeliharaan tahun depan.",
                "State next year's operation and maintenance budget.",
            )
        )
    if facts.drift:
        todo.append(
            _why(
                "drift",
                f"API produksi berbeda dari versi yang disetujui ({facts.drift} perbedaan): ajukan versi baru.",
                f"The production API differs from the approved version ({facts.drift} differences): submit a "
                "new version.",
            )
        )
    if not facts.confirmed:
        ask = _why(
            "unconfirmed",
            "OPD belum mengonfirmasi metadata aplikasi.",
            "The OPD has not confirmed the application's metadata.",
        )
        if not facts.deadline_passed:
            return EvaluationOutcome.PENDING, [ask], todo
        outcome = EvaluationOutcome(rules.unanswered)
        return outcome, [ask], [*todo, ask] if outcome is EvaluationOutcome.ACTION else todo
    if todo:
        return EvaluationOutcome.ACTION, todo, todo
    return EvaluationOutcome.SUSTAINED, [_why("ok", "Memenuhi semua syarat.", "Meets every condition.")], []


# -- opening -------------------------------------------------------------------------------------------


def catalogued(session: Session) -> list[tuple[Application, Submission]]:
    rows = session.exec(
        select(Application, Submission).join(Submission, col(Submission.id) == Application.approved_submission_id)
    ).all()
    return [(app, sub) for app, sub in rows]


def open_evaluation(
    session: Session,
    actor: Actor,
    year: int,
    deadline: date,
    rules: EvaluationRules,
    settings: Settings,
    dispatcher: jobs.Dispatcher,
) -> tuple[Evaluation, int]:
    """Open (or continue) the evaluation of ``year``: an item per catalogued application not yet
    in it, each reassessed by a job, each OPD asked to confirm. Returns it and the items added."""
    _admin(actor)
    if deadline < date.today():
        raise EvaluationError(Text("Batas waktu harus di masa depan.", "The deadline must be in the future."), 422)
    evaluation = session.exec(select(Evaluation).where(Evaluation.year == year)).first()
    if evaluation is None:
        evaluation = Evaluation(year=year, opened_by=actor.user.id, deadline=deadline, rules=rules.as_dict())
        try:
            with session.begin_nested():
                session.add(evaluation)
                session.flush()
        except IntegrityError:  # opened at the same moment elsewhere
            session.rollback()
            evaluation = session.exec(select(Evaluation).where(Evaluation.year == year)).one()
        else:
            record(session, actor, "evaluation.open", "evaluation", evaluation.id, {"year": year})
    if evaluation.closed_at is not None:
        raise EvaluationError(Text(f"Evaluasi {year} sudah ditutup.", f"The {year} evaluation is closed."))
    assert evaluation.id is not None
    added = []
    for app, sub in catalogued(session):
        item = EvaluationItem(evaluation_id=evaluation.id, application_id=app.id or 0, submission_id=sub.id or 0)
        try:
            with session.begin_nested():
                session.add(item)
                session.flush()
        except IntegrityError:  # in it already: opening again adds nothing
            continue
        added.append((item, app))
    session.commit()
    for item, app in added:
        _ask(session, evaluation, app, settings.email)
        _queue(session, item, settings, dispatcher)
    session.commit()
    return evaluation, len(added)


def _ask(session: Session, evaluation: Evaluation, app: Application, email: bool) -> None:
    notifications.notify(
        session,
        notifications.opd_developers(session, app.opd_id),
        "evaluation",
        f"eval-ask:{evaluation.id}:{app.id}",
        Text(
            f"Evaluasi tahunan {evaluation.year}: konfirmasi atau perbarui metadata {app.nama} (anggaran, "
            f"penanggung jawab, siklus hidup) sebelum {evaluation.deadline.isoformat()}.",
            f"Yearly evaluation {evaluation.year}: confirm or update {app.nama}'s metadata (budget, official, "
            f"lifecycle) before {evaluation.deadline.isoformat()}.",
        ),
        f"/evaluasi/{evaluation.year}/{app.id}",
        email=email,
    )


def _queue(session: Session, item: EvaluationItem, settings: Settings, dispatcher: jobs.Dispatcher) -> Job | None:
    """The item's reassessment job (a new one after each confirmation: the key counts them)."""
    runs = session.exec(select(func.count()).select_from(Job).where(col(Job.key).like(f"eval:{item.id}:%"))).one()
    job = jobs.create_service_job(
        session,
        JobKind.EVALUATE,
        {"item": item.id},
        key=f"eval:{item.id}:{runs}",
        max_attempts=settings.job_max_attempts,
    )
    return jobs.dispatch(session, dispatcher, job, None, fail_unreachable=False) if job is not None else None


# -- an item, on a worker ------------------------------------------------------------------------------


def execute_item(session: Session, job: Job, settings: Settings, worker: str, today: date | None = None) -> bool:
    """Reassess the item's approved version and judge it; stored with the job's completion."""
    assert job.id is not None
    item = session.get(EvaluationItem, int(job.params["item"]))
    if item is None:
        jobs.fail(session, job.id, Text("Butir evaluasi tidak ada.", "The evaluation item is gone."), worker=worker)
        return False
    evaluation = session.get(Evaluation, item.evaluation_id)
    submission = session.get(Submission, item.submission_id)
    assert evaluation is not None and submission is not None
    meta = dict(submission.x_spbe or {})
    meta.update(item.metadata_ or {})
    waivers = flow.engine_waivers(session, item.application_id, date.today())
    assessment, _ = flow.run_assessment(
        flow.files_of(session, submission),
        submission.root_file,
        waivers,
        settings.profile(),
        metadata=meta or None,
        contract=flow.latest_contract_run(session, submission),
    )
    row = flow.store_assessment(session, submission, assessment)
    item.assessment_id, item.level, item.verdict = row.id, row.level, row.verdict
    _record_of_year(session, item)
    _decide(item, evaluation, meta, today)
    if not jobs.mark_done(session, job.id, worker, row.id, {"item": item.id, "outcome": item.outcome.value}):
        session.rollback()  # another worker took it over: its result is the one kept
        return False
    session.add(item)
    session.commit()
    return True


def _record_of_year(session: Session, item: EvaluationItem) -> None:
    """The deployment's last 365 days: availability, the latest drift and certificate."""
    (year,) = monitoring.availability(session, item.application_id, (365,))
    item.probes, item.availability = year.probes, year.percent
    latest = session.exec(
        select(Probe).where(Probe.application_id == item.application_id).order_by(col(Probe.slot).desc())
    ).first()
    item.drift = len(latest.drift or []) if latest is not None else 0
    item.tls_days = latest.tls_days if latest is not None else None


def _decide(item: EvaluationItem, evaluation: Evaluation, meta: dict[str, Any], today: date | None = None) -> None:
    if item.overridden_by is not None:
        return  # a reviewer decided: the rules do not undo it
    today = today or datetime.now(UTC).date()
    required = max(evaluation.year, today.year + 1)
    item.budget_next_year = any(y >= required for y in budget_years(meta.get("anggaran")))
    try:
        sunset = date.fromisoformat(str(meta.get("sunset")))
    except ValueError:
        sunset = None
    facts = Facts(
        level=item.level,
        availability=item.availability,
        drift=item.drift,
        budget_ok=item.budget_next_year,
        lifecycle=meta.get("lifecycle") if isinstance(meta.get("lifecycle"), str) else None,
        sunset_passed=sunset is not None and sunset <= today,
        confirmed=item.confirmed_at is not None,
        deadline_passed=today > evaluation.deadline,
    )
    item.outcome, item.reasons, item.todo = judge(EvaluationRules(**evaluation.rules), facts)
    item.updated_at = utcnow()


# -- the OPD's answer, a reviewer's override ----------------------------------------------------------


def confirm(
    session: Session,
    actor: Actor,
    item: EvaluationItem,
    changes: dict[str, Any],
    settings: Settings,
    dispatcher: jobs.Dispatcher,
) -> EvaluationItem:
    """The OPD confirms its application's metadata, changing what it must (``CONFIRMABLE``); the
    item is reassessed with it."""
    app = session.get(Application, item.application_id)
    evaluation = session.get(Evaluation, item.evaluation_id)
    assert app is not None and evaluation is not None
    user = actor.user
    if user.role is not Role.DEVELOPER or user.opd_id != app.opd_id:
        raise EvaluationError(
            Text("Hanya pengembang OPD pemilik yang mengonfirmasi.", "Only the owning OPD's developers confirm."), 403
        )
    if evaluation.closed_at is not None:
        raise EvaluationError(Text("Evaluasi sudah ditutup.", "The evaluation is closed."))
    kept = {k: v for k, v in changes.items() if k in CONFIRMABLE and v not in (None, "", [])}
    item.metadata_ = kept
    item.confirmed_at, item.confirmed_by = utcnow(), user.id
    session.add(item)
    record(session, actor, "evaluation.confirm", "evaluation_item", item.id, {"fields": sorted(kept)})
    session.commit()
    _queue(session, item, settings, dispatcher)
    session.refresh(item)
    return item


def override(
    session: Session, actor: Actor, item: EvaluationItem, outcome: EvaluationOutcome, reason: str, settings: Settings
) -> EvaluationItem:
    """A reviewer's outcome over the rules', with a reason (audited); after the close it takes effect."""
    _reviewer(actor)
    reason = reason.strip()
    if len(reason) < 5:
        raise EvaluationError(Text("Pengesampingan memerlukan alasan.", "An override needs a reason."), 422)
    if outcome is EvaluationOutcome.PENDING:
        raise EvaluationError(Text("Pilih hasil akhir.", "Choose a final outcome."), 422)
    before = item.outcome
    item.outcome, item.override_reason, item.overridden_by = outcome, reason, actor.user.id
    item.reasons = [_why("override", f"Diputuskan peninjau: {reason}", f"Decided by a reviewer: {reason}")]
    item.updated_at = utcnow()
    session.add(item)
    record(
        session,
        actor,
        "evaluation.override",
        "evaluation_item",
        item.id,
        {"from": before.value, "to": outcome.value, "reason": reason[:500]},
    )
    session.commit()
    evaluation = session.get(Evaluation, item.evaluation_id)
    if evaluation is not None and evaluation.closed_at is not None:
        _apply(session, actor, evaluation, item, settings)
        session.commit()
    return item


# -- closing ------------------------------------------------------------------------------------------


def close(session: Session, actor: Actor, evaluation: Evaluation, settings: Settings) -> dict[str, int]:
    """Decide every item by the rules (unanswered ones as the profile says), then act: renew,
    list what to do, or let lapse. Counts per outcome."""
    _admin(actor)
    if evaluation.closed_at is not None:
        raise EvaluationError(Text("Evaluasi sudah ditutup.", "The evaluation is already closed."))
    today = max(datetime.now(UTC).date(), evaluation.deadline + timedelta(days=1))  # closing means past it
    counts: dict[str, int] = {}
    for item in items(session, evaluation.id or 0):
        submission = session.get(Submission, item.submission_id)
        meta = {**(submission.x_spbe or {} if submission else {}), **(item.metadata_ or {})}
        _decide(item, evaluation, meta, today)
        session.add(item)
        _apply(session, actor, evaluation, item, settings)
        counts[item.outcome.value] = counts.get(item.outcome.value, 0) + 1
    evaluation.closed_at = utcnow()
    session.add(evaluation)
    record(session, actor, "evaluation.close", "evaluation", evaluation.id, counts)
    session.commit()
    return counts


def _apply(session: Session, actor: Actor, evaluation: Evaluation, item: EvaluationItem, settings: Settings) -> None:
    app = session.get(Application, item.application_id)
    submission = session.get(Submission, item.submission_id)
    assert app is not None and submission is not None
    developers = notifications.opd_developers(session, app.opd_id)
    href = f"/evaluasi/{evaluation.year}/{app.id}"
    if item.outcome is EvaluationOutcome.SUSTAINED and item.renewed_letter_id is None:
        current = flow.current_decision(session, submission.id or 0)
        latest = flow.latest_assessment(session, submission)
        decision = flow.decide(
            session,
            actor,
            submission,
            Outcome.APPROVE,
            f"Evaluasi tahunan {evaluation.year}: berkelanjutan.",
            override=latest is not None and latest.verdict != "pass",
            supersedes=current.id if current else None,
            policy=letters.policy(settings),
            email=settings.email,
            # The renewal runs on what the OPD confirmed in this evaluation (a budget committed for
            # the next year), not only on the metadata of the version approved a year ago.
            x_spbe={**(submission.x_spbe or {}), **(item.metadata_ or {})},
        )
        renewed = letters.of_decision(session, decision.id or 0)
        item.renewed_letter_id = renewed.id if renewed else None
        session.add(item)
    elif item.outcome is EvaluationOutcome.LAPSED:
        letters.end_recommendations(session, app.id or 0, letters.ENDED_LAPSED)
        notifications.notify(
            session,
            developers,
            "evaluation_lapsed",
            f"eval-lapsed:{evaluation.id}:{app.id}",
            Text(
                f"Evaluasi {evaluation.year}: rekomendasi {app.nama} tidak diperpanjang (tidak berkelanjutan).",
                f"Evaluation {evaluation.year}: {app.nama}'s recommendation is not renewed (not sustained).",
            ),
            href,
            email=settings.email,
        )
    elif item.outcome is EvaluationOutcome.ACTION:
        item.todo_deadline = date.today() + timedelta(days=int(evaluation.rules.get("action_days", 90)))
        session.add(item)
        notifications.notify(
            session,
            developers,
            "evaluation_action",
            f"eval-action:{evaluation.id}:{app.id}",
            Text(
                f"Evaluasi {evaluation.year}: {app.nama} perlu tindakan sebelum {item.todo_deadline.isoformat()} "
                f"({len(item.todo)} butir).",
                f"Evaluation {evaluation.year}: {app.nama} needs action before {item.todo_deadline.isoformat()} "
                f"({len(item.todo)} items).",
            ),
            href,
            email=settings.email,
        )


# -- reading ------------------------------------------------------------------------------------------


def items(session: Session, evaluation_id: int) -> Sequence[EvaluationItem]:
    return session.exec(
        select(EvaluationItem).where(EvaluationItem.evaluation_id == evaluation_id).order_by(col(EvaluationItem.id))
    ).all()


def progress(session: Session, evaluation_id: int) -> dict[str, int]:
    rows = session.exec(
        select(EvaluationItem.outcome, func.count())
        .where(EvaluationItem.evaluation_id == evaluation_id)
        .group_by(EvaluationItem.outcome)
    ).all()
    out = {o.value: 0 for o in EvaluationOutcome}
    for outcome, n in rows:
        out[EvaluationOutcome(outcome).value] = int(n)
    assessed = session.exec(
        select(func.count())
        .select_from(EvaluationItem)
        .where(EvaluationItem.evaluation_id == evaluation_id, col(EvaluationItem.assessment_id).is_not(None))
    ).one()
    out["assessed"] = int(assessed)
    out["total"] = sum(v for k, v in out.items() if k in {o.value for o in EvaluationOutcome})
    return out


# -- bulk reassessment ---------------------------------------------------------------------------------


def reassess_all(session: Session, actor: Actor, settings: Settings, dispatcher: jobs.Dispatcher) -> ReassessBatch:
    """Every catalogued application reassessed under today's rulebook and profile: one job each."""
    _admin(actor)
    batch = ReassessBatch(requested_by=actor.user.id)
    session.add(batch)
    session.flush()
    pairs = catalogued(session)
    latest = queries.latest_assessments(session, (sub.id or 0 for _, sub in pairs))
    for app, sub in pairs:
        before = latest.get(sub.id or 0)
        session.add(
            ReassessItem(
                batch_id=batch.id or 0,
                application_id=app.id or 0,
                submission_id=sub.id or 0,
                before_verdict=before.verdict if before else "",
                before_level=before.level if before else None,
            )
        )
    batch.total = len(pairs)
    record(session, actor, "reassess.batch", "reassess_batch", batch.id, {"applications": len(pairs)})
    session.commit()
    for reassess_item in session.exec(select(ReassessItem).where(ReassessItem.batch_id == batch.id)).all():
        job = jobs.create_service_job(
            session,
            JobKind.REASSESS,
            {"item": reassess_item.id},
            key=f"reassess:{reassess_item.id}",
            max_attempts=settings.job_max_attempts,
        )
        if job is not None:
            jobs.dispatch(session, dispatcher, job, None, fail_unreachable=False)
    session.refresh(batch)
    return batch


def execute_reassess(session: Session, job: Job, settings: Settings, worker: str) -> bool:
    """One application of a batch: reassessed with its metadata and contract run, and compared."""
    assert job.id is not None
    item = session.get(ReassessItem, int(job.params["item"]))
    submission = session.get(Submission, item.submission_id) if item else None
    if item is None or submission is None:
        jobs.fail(session, job.id, Text("Butir tidak ada.", "The item is gone."), worker=worker)
        return False
    before = flow.latest_assessment(session, submission)
    failing_before = _failing(before)
    waivers = flow.engine_waivers(session, submission.application_id, date.today())
    assessment, _ = flow.run_assessment(
        flow.files_of(session, submission),
        submission.root_file,
        waivers,
        settings.profile(),
        metadata=submission.x_spbe,
        contract=flow.latest_contract_run(session, submission),
    )
    row = flow.store_assessment(session, submission, assessment)
    after = _failing(row)
    item.after_verdict, item.after_level, item.assessment_id = row.verdict, row.level, row.id
    item.newly_failing = sorted(after - failing_before)
    item.newly_passing = sorted(failing_before - after)
    item.done_at = utcnow()
    if not jobs.mark_done(session, job.id, worker, row.id, {"item": item.id}):
        session.rollback()
        return False
    session.add(item)
    session.commit()
    return True


def _failing(row: AssessmentRecord | None) -> set[str]:
    """The rules that fail the verdict: failed at the profile's ``fail_on`` severity or above."""
    if row is None:
        return set()
    deciding = {"error"} if row.report.get("fail_on", "error") == "error" else {"error", "warning"}
    return {
        r["id"] for r in row.report.get("rules", ()) if r.get("status") == "failed" and r.get("severity") in deciding
    }


def batch_progress(session: Session, batch_id: int) -> tuple[int, int]:
    done = session.exec(
        select(func.count())
        .select_from(ReassessItem)
        .where(ReassessItem.batch_id == batch_id, col(ReassessItem.done_at).is_not(None))
    ).one()
    total = session.exec(select(func.count()).select_from(ReassessItem).where(ReassessItem.batch_id == batch_id)).one()
    return int(done), int(total)
