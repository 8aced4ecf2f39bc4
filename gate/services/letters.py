"""The letter every decision issues: a numbered *rekomendasi* for an approval, with a validity,
and a letter of rejection or of changes requested, with the reasons and what to fix.

Numbers run per kind and year without gaps: the counter moves in the decision's own transaction
(which already holds its application's lock, and the counter row's), so a decision rolled back
takes its number with it and two approvals at once get two consecutive numbers. A letter is found
by an unguessable code (the QR code on it, and the public verification page).
"""

from __future__ import annotations

import calendar
import secrets
import string
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from gate.core.config import Settings
from gate.models import (
    Application,
    AssessmentRecord,
    Decision,
    Letter,
    LetterCounter,
    LetterKind,
    Opd,
    Outcome,
    Submission,
    utcnow,
)
from rules.i18n import Text
from rules.registry import get_rule
from rules.sustainability.sus006_budget_committed import budget_years

KIND_OF: dict[Outcome, LetterKind] = {
    Outcome.APPROVE: LetterKind.RECOMMENDATION,
    Outcome.REJECT: LetterKind.REJECTION,
    Outcome.REQUEST_CHANGES: LetterKind.CHANGES,
}
#: What a number says of its letter (``{code}`` in the format).
CODES: dict[LetterKind, str] = {
    LetterKind.RECOMMENDATION: "REK",
    LetterKind.REJECTION: "TLK",
    LetterKind.CHANGES: "PRB",
}
DEFAULT_FORMAT = "{seq:03d}/{code}-SPBE/{opd}/{year}"

#: Why a letter stopped holding before its date.
ENDED_CHANGED = "keputusan_diubah"  # a later decision on the same version replaced it
ENDED_NEWER = "versi_baru"  # a newer version of the application was approved
ENDED_LAPSED = "tidak_berkelanjutan"  # the yearly evaluation let it lapse


@dataclass(frozen=True, slots=True)
class LetterPolicy:
    """How letters are numbered and how long a recommendation holds (the deployment's settings)."""

    number_format: str = DEFAULT_FORMAT
    max_months: int = 12

    def number(self, kind: LetterKind, seq: int, opd: str, year: int) -> str:
        return self.number_format.format(seq=seq, code=CODES[kind], opd=opd, year=year)[:200]


def policy(settings: Settings) -> LetterPolicy:
    return LetterPolicy(settings.letter_number_format, settings.recommendation_max_months)


def check_number_format(template: str) -> str:
    """The settings' format, tried once at start-up: a typo is an error there, not at an approval."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
        template.format(seq=7, code="REK", opd="2.18.01", year=2027)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"letter number format {template!r}: {exc}") from None
    if "seq" not in names:  # without it two letters would share a number
        raise ValueError(f"letter number format {template!r} must contain {{seq}}")
    return template


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(issued: date, x_spbe: dict[str, Any] | None, max_months: int) -> date:
    """The end of the last budget year committed in ``x-spbe.anggaran`` (this year's end when none
    is committed beyond it), and never more than ``max_months`` after the letter."""
    years = [y for y in budget_years((x_spbe or {}).get("anggaran")) if y >= issued.year]
    end = date(max(years), 12, 31) if years else date(issued.year, 12, 31)
    return min(end, add_months(issued, max_months))


def _next_seq(session: Session, kind: LetterKind, year: int) -> int:
    """Take the next number of ``kind`` in ``year``, in the caller's transaction."""
    dialect = session.get_bind().dialect.name
    insert = (sqlite_insert if dialect == "sqlite" else pg_insert)(LetterCounter.__table__)  # type: ignore[attr-defined]
    session.execute(
        insert.values(kind=kind.value, year=year, last=0).on_conflict_do_nothing(index_elements=["kind", "year"])
    )
    session.execute(
        update(LetterCounter)
        .where(col(LetterCounter.kind) == kind.value, col(LetterCounter.year) == year)
        .values(last=LetterCounter.last + 1)
    )
    counter = session.exec(
        select(LetterCounter).where(LetterCounter.kind == kind.value, LetterCounter.year == year)
    ).one()
    session.refresh(counter)
    return counter.last


def _to_fix(assessment: AssessmentRecord | None) -> list[dict[str, Any]]:
    """The rules whose findings decide the verdict, most severe first: what the OPD must fix."""
    if assessment is None:
        return []
    counts: dict[str, int] = {}
    for finding in assessment.report.get("findings", ()):
        if not finding.get("waived") and finding.get("severity") in ("error", "warning"):
            key = f"{finding['severity']}:{finding['rule']}"
            counts[key] = counts.get(key, 0) + 1
    out = []
    for key, n in sorted(counts.items(), key=lambda kv: (kv[0].split(":")[0] != "error", kv[0].split(":")[1])):
        severity, rule_id = key.split(":")
        rule = get_rule(rule_id)
        title = rule.title if rule else Text(rule_id, rule_id)
        out.append({"rule": rule_id, "severity": severity, "title_id": title.id, "title_en": title.en, "findings": n})
    return out[:40]


def issue(
    session: Session,
    decision: Decision,
    submission: Submission,
    application: Application,
    policy: LetterPolicy,
    today: date | None = None,
    x_spbe: dict[str, Any] | None = None,
) -> Letter:
    """The decision's letter, in the decision's transaction; ends the letters it replaces. Its
    validity runs on ``x_spbe`` when given (a renewal: what the OPD confirmed), else on the
    submission's own metadata."""
    today = today or date.today()
    kind = KIND_OF[decision.outcome]
    opd = session.get(Opd, application.opd_id)
    seq = _next_seq(session, kind, today.year)
    if decision.supersedes_id is not None:
        _end(session, col(Letter.decision_id) == decision.supersedes_id, ENDED_CHANGED)
    if kind is LetterKind.RECOMMENDATION:
        _end(
            session,
            (col(Letter.application_id) == application.id)
            & (col(Letter.kind) == LetterKind.RECOMMENDATION.value)
            & (col(Letter.submission_id) != submission.id),
            ENDED_NEWER,
        )
    assessment = session.get(AssessmentRecord, decision.assessment_id) if decision.assessment_id else None
    letter = Letter(
        kind=kind,
        decision_id=decision.id or 0,
        submission_id=submission.id or 0,
        application_id=application.id or 0,
        year=today.year,
        seq=seq,
        nomor=policy.number(kind, seq, opd.kode if opd else "-", today.year),
        code=secrets.token_urlsafe(12),
        issued_on=today,
        valid_until=valid_until(today, submission.x_spbe if x_spbe is None else x_spbe, policy.max_months)
        if kind is LetterKind.RECOMMENDATION
        else None,
        reviewer_id=decision.reviewer_id,
        reasons=decision.reason,
        to_fix=[] if kind is LetterKind.RECOMMENDATION else _to_fix(assessment),
    )
    session.add(letter)
    session.flush()
    return letter


def _end(session: Session, where: Any, reason: str) -> None:
    session.execute(
        update(Letter).where(where, col(Letter.ended_at).is_(None)).values(ended_at=utcnow(), ended_reason=reason)
    )


def end_recommendations(session: Session, application_id: int, reason: str) -> None:
    """The application's recommendations stop holding (a lapse), in the caller's transaction."""
    _end(
        session,
        (col(Letter.application_id) == application_id) & (col(Letter.kind) == LetterKind.RECOMMENDATION.value),
        reason,
    )


# -- reading -------------------------------------------------------------------------------------

Status = str  # "berlaku" | "kedaluwarsa" | "berakhir" | "tercatat"


def status(letter: Letter, today: date | None = None) -> Status:
    """berlaku (holds), kedaluwarsa (its date passed), berakhir (ended before it), tercatat (a
    rejection or a change request: on record, nothing to hold)."""
    today = today or date.today()
    if letter.ended_at is not None:
        return "berakhir"
    if letter.kind is not LetterKind.RECOMMENDATION:
        return "tercatat"
    if letter.valid_until is not None and letter.valid_until < today:
        return "kedaluwarsa"
    return "berlaku"


def verification_url(settings: Settings, letter: Letter) -> str:
    """The public page the letter's QR code carries: absolute, on the deployment's public address."""
    return f"{settings.public_url.rstrip('/')}/verifikasi/{letter.code}"


def pdf_url(settings: Settings, letter: Letter) -> str:
    """The letter's PDF in the API (a CI token or a signed-in session reads it)."""
    return f"{settings.public_url.rstrip('/')}/api/v1/letters/{letter.code}/pdf"


def by_code(session: Session, code: str) -> Letter | None:
    if not code or len(code) > 40:
        return None
    return session.exec(select(Letter).where(Letter.code == code)).first()


def of_decision(session: Session, decision_id: int) -> Letter | None:
    return session.exec(select(Letter).where(Letter.decision_id == decision_id)).first()


def recommendation_of(session: Session, submission_id: int) -> Letter | None:
    """The newest recommendation issued for a version (ended or not)."""
    return session.exec(
        select(Letter)
        .where(Letter.submission_id == submission_id, Letter.kind == LetterKind.RECOMMENDATION)
        .order_by(col(Letter.id).desc())
    ).first()
