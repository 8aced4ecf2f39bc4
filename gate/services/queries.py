"""Read-only queries shared by the API and the web pages: the queue, the catalogue, the dashboard.

Lists never load a stored report (it can be megabytes): they read the assessment's summary
columns only, in one query per page rather than one per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import and_, bindparam, func, not_, or_
from sqlalchemy.orm import aliased, defer
from sqlalchemy.sql.selectable import GenerativeSelect
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from gate.models import (
    ApiToken,
    Application,
    AssessmentRecord,
    AuditEvent,
    Decision,
    Job,
    Letter,
    LetterKind,
    Opd,
    Outcome,
    Role,
    State,
    Submission,
    SubmissionFile,
    User,
    Waiver,
)

_Row = TypeVar("_Row")
_Query = TypeVar("_Query", bound=GenerativeSelect)


@dataclass(frozen=True, slots=True)
class Window:
    offset: int = 0
    limit: int = 50


def _like(term: str) -> str:
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _latest_ids() -> SelectOfScalar[int | None]:
    """Subquery: the newest assessment id of each submission."""
    return select(func.max(AssessmentRecord.id)).group_by(col(AssessmentRecord.submission_id))


def latest_assessments(session: Session, submission_ids: Iterable[int]) -> dict[int, AssessmentRecord]:
    """The newest assessment of each submission, without its report."""
    ids = list(set(submission_ids))
    if not ids:
        return {}
    rows = session.exec(_latest_assessments(), params={"ids": ids}).all()
    return {row.submission_id: row for row in rows}


@cache
def _latest_assessments() -> Any:
    # Built once: every list of submissions asks it.
    return (
        select(AssessmentRecord)
        # SQLite reads a row's columns in order: a column stored after the report (created_at)
        # would walk the report's overflow pages. Lists need neither.
        .options(defer(AssessmentRecord.report), defer(AssessmentRecord.created_at))  # type: ignore[arg-type]
        .where(
            col(AssessmentRecord.id).in_(
                # Limited to these submissions, so the index answers without reading stored reports.
                _latest_ids().where(col(AssessmentRecord.submission_id).in_(bindparam("ids", expanding=True)))
            )
        )
    )


def submissions(
    session: Session,
    user: User,
    window: Window,
    *,
    states: Sequence[State] = (),
    opd_id: int | None = None,
    level: int | None = None,
    q: str | None = None,
    lifecycle: str | None = None,
    catalogued: bool = False,
    submitted_between: tuple[datetime | None, datetime | None] = (None, None),
    sort: str = "oldest",
) -> list[tuple[Submission, Application, Opd]]:
    """What the user may see, oldest first (as a reviewer's queue is worked) unless ``sort`` says
    otherwise (one of SORTS). ``q`` matches every word in the application's, OPD's or document's
    name; ``catalogued`` keeps the versions the catalogue shows; ``submitted_between`` is [from, to)."""
    query = (
        select(Submission, Application, Opd)
        .join(Application, col(Application.id) == Submission.application_id)
        .join(Opd, col(Opd.id) == Application.opd_id)
        .options(defer(Submission.search_text))  # type: ignore[arg-type]
    )
    if user.role is Role.DEVELOPER:
        query = query.where(Application.opd_id == user.opd_id)
    elif opd_id is not None:
        query = query.where(Application.opd_id == opd_id)
    if states:
        query = query.where(col(Submission.state).in_([s.value for s in states]))
    if catalogued:
        query = query.where(col(Submission.id) == Application.approved_submission_id)
    if level is not None:
        newest = select(AssessmentRecord.submission_id).where(
            AssessmentRecord.level == level, col(AssessmentRecord.id).in_(_latest_ids())
        )
        query = query.where(col(Submission.id).in_(newest))
    if lifecycle:
        query = query.where(col(Submission.x_spbe)["lifecycle"].as_string() == lifecycle)
    since, until = submitted_between
    if since is not None:
        query = query.where(col(Submission.submitted_at) >= since)
    if until is not None:
        query = query.where(col(Submission.submitted_at) < until)
    for term in (q or "").split()[:8]:
        pattern = _like(term)
        query = query.where(
            or_(
                func.lower(Application.nama).like(pattern, escape="\\"),
                func.lower(Opd.nama).like(pattern, escape="\\"),
                func.lower(Submission.title).like(pattern, escape="\\"),
            )
        )
    return [(s, a, o) for s, a, o in session.exec(_sorted(query, sort).offset(window.offset).limit(window.limit)).all()]


#: How a list of submissions may be ordered (the queue's ``urut``, the API's ``sort``).
SORTS = ("oldest", "newest", "application", "opd", "level")


def _sorted(query: _Query, sort: str) -> _Query:
    if sort == "newest":
        return query.order_by(col(Submission.submitted_at).desc(), col(Submission.id).desc())
    if sort == "application":
        return query.order_by(func.lower(Application.nama), col(Submission.number).desc(), col(Submission.id))
    if sort == "opd":
        return query.order_by(func.lower(Opd.nama), col(Submission.submitted_at), col(Submission.id))
    if sort == "level":  # lowest level first (what needs work), the not assessed last
        level = (
            select(AssessmentRecord.level)
            .where(AssessmentRecord.submission_id == Submission.id)
            .order_by(col(AssessmentRecord.id).desc())
            .limit(1)
            .scalar_subquery()
        )
        return query.order_by(level.is_(None), level, col(Submission.submitted_at), col(Submission.id))
    return query.order_by(col(Submission.submitted_at), col(Submission.id))


def state_counts(session: Session) -> dict[State, int]:
    rows = session.exec(select(Submission.state, func.count()).group_by(col(Submission.state))).all()
    return {State(state): count for state, count in rows}


def approved_at(session: Session, submission_id: int) -> datetime | None:
    decision = session.exec(
        select(Decision)
        .where(Decision.submission_id == submission_id, Decision.outcome == Outcome.APPROVE)
        .order_by(col(Decision.id).desc())
    ).first()
    return decision.created_at if decision else None


def _page(query: SelectOfScalar[_Row], window: Window | None) -> SelectOfScalar[_Row]:
    return query if window is None else query.offset(window.offset).limit(window.limit)


def assessments(session: Session, submission_id: int, window: Window | None = None) -> list[AssessmentRecord]:
    """The assessments of a submission, oldest first, without the reports."""
    query = (
        select(AssessmentRecord)
        .options(defer(AssessmentRecord.report))  # type: ignore[arg-type]
        .where(AssessmentRecord.submission_id == submission_id)
        .order_by(col(AssessmentRecord.id))
    )
    return list(session.exec(_page(query, window)).all())


def jobs(session: Session, submission_id: int, window: Window | None = None) -> list[Job]:
    """The jobs of a submission, newest first."""
    query = select(Job).where(Job.submission_id == submission_id).order_by(col(Job.id).desc())
    return list(session.exec(_page(query, window)).all())


def files(session: Session, submission_id: int) -> list[SubmissionFile]:
    """The submission's files, without their content."""
    return list(
        session.exec(
            select(SubmissionFile)
            .options(defer(SubmissionFile.content))  # type: ignore[arg-type]
            .where(SubmissionFile.submission_id == submission_id)
            .order_by(col(SubmissionFile.path))
        ).all()
    )


def waivers(session: Session, application_id: int, window: Window | None = None) -> list[Waiver]:
    query = select(Waiver).where(Waiver.application_id == application_id).order_by(col(Waiver.id))
    return list(session.exec(_page(query, window)).all())


def tokens(session: Session, opd_id: int, window: Window | None = None) -> list[ApiToken]:
    query = select(ApiToken).where(ApiToken.opd_id == opd_id).order_by(col(ApiToken.id))
    return list(session.exec(_page(query, window)).all())


def catalogued(session: Session, application_id: int) -> tuple[Application, Opd, Submission] | None:
    """An application in the catalogue, with its OPD and its approved submission."""
    app = session.get(Application, application_id)
    sub = session.get(Submission, app.approved_submission_id) if app and app.approved_submission_id else None
    opd = session.get(Opd, app.opd_id) if app else None
    return None if app is None or sub is None or opd is None else (app, opd, sub)


#: How the catalogue can be ordered: name, OPD, level (highest first), approval (newest first),
#: validity (ending soonest first).
CATALOGUE_SORTS = ("nama", "opd", "tingkat", "disetujui", "berlaku")
#: A recommendation's validity, as the catalogue filters it.
VALIDITIES = ("berlaku", "segera_berakhir", "kedaluwarsa")
#: What "ending soon" means: as early as the OPD is told (monitoring.EXPIRY_NOTICE_DAYS).
ENDING_SOON_DAYS = 30


@cache
def _newest_recommendation() -> Any:
    """The id of the newest recommendation letter of the query's ``Submission``: correlated, so
    each listed entry looks up its own few letters by index instead of every letter being grouped.
    Built once: a fresh alias per request would be compiled afresh per request."""
    other = aliased(Letter)
    return (
        select(func.max(other.id))
        .where(other.kind == LetterKind.RECOMMENDATION, col(other.submission_id) == col(Submission.id))
        .correlate(Submission)
        .scalar_subquery()
    )


def catalogue(
    session: Session,
    window: Window,
    *,
    q: str | None = None,
    opd_id: int | None = None,
    level: int | None = None,
    lifecycle: str | None = None,
    validity: str | None = None,
    include_expired: bool = False,
    sort: str = "nama",
    today: date | None = None,
) -> list[tuple[Application, Opd, Submission]]:
    """Approved applications matching every word of ``q`` (name, OPD, title, operation, tag, field)
    and the filters. An entry whose recommendation expired or ended is left out unless
    ``include_expired`` (or ``validity`` asks for exactly those); an entry approved before letters
    existed has no recommendation to expire and stays in."""
    today = today or date.today()
    terms = (q or "").split()[:8]
    query = _catalogue_query(
        validity, include_expired, opd_id is not None, level is not None, bool(lifecycle), len(terms), sort
    )
    params: dict[str, Any] = {"today": today, "offset": window.offset, "limit": window.limit}
    if validity == "segera_berakhir":
        params["soon"] = today + timedelta(days=ENDING_SOON_DAYS)
    if opd_id is not None:
        params["opd"] = opd_id
    if level is not None:
        params["level"] = level
    if lifecycle:
        params["lifecycle"] = lifecycle
    params.update({f"term{i}": _like(term) for i, term in enumerate(terms)})
    return [(a, o, s) for a, o, s in session.exec(query, params=params).all()]


@cache
def _catalogue_query(
    validity: str | None, include_expired: bool, by_opd: bool, by_level: bool, by_lifecycle: bool, terms: int, sort: str
) -> Any:
    """The catalogue's statement for one shape of search, built once: the values are parameters."""
    query = (
        select(Application, Opd, Submission)
        .join(Opd, col(Opd.id) == Application.opd_id)
        .join(Submission, col(Submission.id) == Application.approved_submission_id)
        .outerjoin(Letter, col(Letter.id) == _newest_recommendation())
        .options(defer(Submission.search_text))  # type: ignore[arg-type]
    )
    today: Any = bindparam("today")
    holds = or_(
        col(Letter.id).is_(None),
        and_(col(Letter.ended_at).is_(None), or_(col(Letter.valid_until).is_(None), col(Letter.valid_until) >= today)),
    )
    if validity == "berlaku":
        query = query.where(holds)
    elif validity == "segera_berakhir":
        query = query.where(holds, col(Letter.valid_until).is_not(None), col(Letter.valid_until) <= bindparam("soon"))
    elif validity == "kedaluwarsa":
        query = query.where(col(Letter.id).is_not(None), not_(holds))
    elif not include_expired:
        query = query.where(holds)
    if by_opd:
        query = query.where(Application.opd_id == bindparam("opd"))
    if by_lifecycle:
        query = query.where(col(Submission.x_spbe)["lifecycle"].as_string() == bindparam("lifecycle"))
    for i in range(terms):
        pattern: Any = bindparam(f"term{i}")
        query = query.where(
            or_(
                func.lower(Application.nama).like(pattern, escape="\\"),
                func.lower(Opd.nama).like(pattern, escape="\\"),
                func.lower(Submission.title).like(pattern, escape="\\"),
                col(Submission.search_text).like(pattern, escape="\\"),
            )
        )
    if by_level or sort == "tingkat":
        newest = (
            select(func.max(AssessmentRecord.id).label("id"), col(AssessmentRecord.submission_id).label("sid"))
            .group_by(col(AssessmentRecord.submission_id))
            .subquery()
        )
        query = query.outerjoin(newest, newest.c.sid == Submission.id).outerjoin(
            AssessmentRecord, col(AssessmentRecord.id) == newest.c.id
        )
        if by_level:
            query = query.where(AssessmentRecord.level == bindparam("level"))
    name = (col(Application.nama), col(Application.id))
    if sort == "opd":
        query = query.order_by(col(Opd.nama), *name)
    elif sort == "tingkat":
        query = query.order_by(col(AssessmentRecord.level).is_(None), col(AssessmentRecord.level).desc(), *name)
    elif sort == "disetujui":
        approvals = (
            select(func.max(Decision.created_at).label("at"), col(Decision.submission_id).label("sid"))
            .where(Decision.outcome == Outcome.APPROVE)
            .group_by(col(Decision.submission_id))
            .subquery()
        )
        query = query.outerjoin(approvals, approvals.c.sid == Submission.id)
        query = query.order_by(approvals.c.at.is_(None), approvals.c.at.desc(), *name)
    elif sort == "berlaku":
        query = query.order_by(col(Letter.valid_until).is_(None), col(Letter.valid_until), *name)
    else:
        query = query.order_by(*name)
    return query.offset(bindparam("offset")).limit(bindparam("limit"))


def recommendations(session: Session, submission_ids: Iterable[int]) -> dict[int, Letter]:
    """The newest recommendation letter of each submission (ended or not), in one query."""
    ids = list(set(submission_ids))
    if not ids:
        return {}
    return {row.submission_id: row for row in session.exec(_recommendations(), params={"ids": ids}).all()}


@cache
def _recommendations() -> Any:
    # Built once: the catalogue and its entries ask it on every page.
    newest = (
        select(func.max(Letter.id))
        .where(
            Letter.kind == LetterKind.RECOMMENDATION, col(Letter.submission_id).in_(bindparam("ids", expanding=True))
        )
        .group_by(col(Letter.submission_id))
    )
    return select(Letter).where(col(Letter.id).in_(newest))


def recommendation_history(session: Session, application_id: int, window: Window | None = None) -> list[Letter]:
    """Every recommendation an application was given, newest first: its record in the catalogue."""
    query = (
        select(Letter)
        .where(Letter.application_id == application_id, Letter.kind == LetterKind.RECOMMENDATION)
        .order_by(col(Letter.id).desc())
    )
    return list(session.exec(_page(query, window)).all())


def submission_numbers(session: Session, submission_ids: Iterable[int]) -> dict[int, int]:
    """Each submission's version number."""
    ids = list(set(submission_ids))
    if not ids:
        return {}
    rows = session.exec(select(Submission.id, Submission.number).where(col(Submission.id).in_(ids))).all()
    return {sid or 0: number for sid, number in rows}


def letters_of(session: Session, submission_id: int) -> dict[int, Letter]:
    """The letters of a submission's decisions, by decision id."""
    return {
        row.decision_id: row for row in session.exec(select(Letter).where(Letter.submission_id == submission_id)).all()
    }


def applications(session: Session, user: User, window: Window) -> list[Application]:
    query = select(Application).order_by(col(Application.nama), col(Application.id))
    if user.role is Role.DEVELOPER:
        query = query.where(Application.opd_id == user.opd_id)
    return list(session.exec(query.offset(window.offset).limit(window.limit)).all())


def latest_submissions(session: Session, application_ids: Iterable[int]) -> dict[int, Submission]:
    """The newest submission (highest number) of each application."""
    ids = list(set(application_ids))
    if not ids:
        return {}
    rows = session.exec(_latest_submissions(), params={"ids": ids}).all()
    return {row.application_id: row for row in rows}


@cache
def _latest_submissions() -> Any:
    # Built once (the developer's home asks it each time): its construction and cache key cost
    # more than the query.
    newest = (
        select(func.max(Submission.number).label("n"), col(Submission.application_id).label("a"))
        .where(col(Submission.application_id).in_(bindparam("ids", expanding=True)))
        .group_by(col(Submission.application_id))
        .subquery()
    )
    return (
        select(Submission)
        .options(defer(Submission.search_text))  # type: ignore[arg-type]
        .join(newest, (newest.c.a == Submission.application_id) & (newest.c.n == Submission.number))
    )


def opds(session: Session, window: Window | None = None) -> list[Opd]:
    return list(session.exec(_page(select(Opd).order_by(col(Opd.nama), col(Opd.id)), window)).all())


def users(session: Session, window: Window | None = None) -> list[User]:
    return list(session.exec(_page(select(User).order_by(col(User.email)), window)).all())


def opd_counts(session: Session) -> dict[int, tuple[int, int]]:
    """Per OPD: how many users and how many applications it has."""
    people = session.exec(select(User.opd_id, func.count()).group_by(col(User.opd_id))).all()
    apps = session.exec(select(Application.opd_id, func.count()).group_by(col(Application.opd_id))).all()
    counts: dict[int, tuple[int, int]] = {}
    for opd_id, n in people:
        if opd_id is not None:
            counts[opd_id] = (n, 0)
    for opd_id, n in apps:
        counts[opd_id] = (counts.get(opd_id, (0, 0))[0], n)
    return counts


def names(session: Session, user_ids: Iterable[int]) -> dict[int, str]:
    ids = list(set(user_ids))
    if not ids:
        return {}
    return {u.id or 0: u.nama for u in session.exec(select(User).where(col(User.id).in_(ids))).all()}


def decisions(session: Session, submission_id: int, window: Window | None = None) -> list[Decision]:
    query = select(Decision).where(Decision.submission_id == submission_id).order_by(col(Decision.id))
    return list(session.exec(_page(query, window)).all())


def audit(session: Session, window: Window, *, before_id: int | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(col(AuditEvent.id).desc())
    if before_id is not None:
        query = query.where(col(AuditEvent.id) < before_id)
    return list(session.exec(query.offset(window.offset).limit(window.limit)).all())
