"""The yearly evaluation's pages: open a year, follow its progress and items, answer (the OPD),
override (a reviewer), close (an administrator); and bulk reassessments with whose verdict changed.

The logic is the service's (gate/services/evaluation.py); these routes read, call it and show."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query
from fastapi.responses import Response
from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select

from gate.api.deps import DispatcherDep, IdPath, SessionDep, SettingsDep
from gate.models import (
    Application,
    AssessmentRecord,
    Evaluation,
    EvaluationItem,
    EvaluationOutcome,
    Job,
    JobKind,
    JobState,
    Letter,
    Opd,
    ReassessBatch,
    ReassessItem,
    Role,
    Submission,
)
from gate.services import evaluation as cycle
from gate.services import metadata as metadata_form
from gate.services import queries
from gate.web.common import actor_of, int_param, user_of
from gate.web.deps import (
    NOT_FOUND,
    Admin,
    AdminPost,
    DeveloperPost,
    PageError,
    Reviewer,
    ReviewerPost,
    SignedIn,
    Viewer,
)
from gate.web.render import page, see_other
from gate.web.views import evaluation as views
from rules.i18n import Text

router = APIRouter(include_in_schema=False)
PAGE = 50
YearPath = Annotated[int, Path(ge=2000, le=2100)]
FormText = Annotated[str, Form(max_length=2000)]
OptionalText = Annotated[str | None, Form(max_length=2000)]
_BAD_YEAR = Text("Tahun tidak sah (2000–2100).", "Not a valid year (2000–2100).")
_BAD_DATE = Text("Tanggal tidak sah (TTTT-BB-HH).", "Not a valid date (YYYY-MM-DD).")
_BAD_OUTCOME = Text("Pilih hasil akhir.", "Choose a final outcome.")


def _title(viewer: Viewer, key: str) -> str:
    return views.WORDS[key].get(viewer.lang)


# -- reading ------------------------------------------------------------------------------------


def _evaluation(session: Session, year: int) -> Evaluation:
    found = session.exec(select(Evaluation).where(Evaluation.year == year)).first()
    if found is None:
        raise PageError(404, NOT_FOUND, "/evaluasi")
    return found


def _jobs(session: Session, kind: JobKind, since: object) -> dict[JobState, int]:
    """The kind's jobs by state since the evaluation (or batch) began: its reassessments."""
    rows = session.exec(
        select(Job.state, func.count()).where(Job.kind == kind, col(Job.created_at) >= since).group_by(Job.state)
    ).all()
    return {JobState(state): int(n) for state, n in rows}


def _answered(session: Session, evaluation_id: int) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(EvaluationItem)
            .where(EvaluationItem.evaluation_id == evaluation_id, col(EvaluationItem.confirmed_at).is_not(None))
        ).one()
    )


def _items(
    session: Session,
    evaluation_id: int,
    window: queries.Window,
    opd_id: int | None = None,
    outcome: EvaluationOutcome | None = None,
    answered: bool | None = None,
) -> list[tuple[EvaluationItem, Application, Opd]]:
    query = (
        select(EvaluationItem, Application, Opd)
        .join(Application, col(Application.id) == EvaluationItem.application_id)
        .join(Opd, col(Opd.id) == Application.opd_id)
        .where(EvaluationItem.evaluation_id == evaluation_id)
    )
    if opd_id is not None:
        query = query.where(Application.opd_id == opd_id)
    if outcome is not None:
        query = query.where(EvaluationItem.outcome == outcome)
    if answered is not None:
        confirmed = col(EvaluationItem.confirmed_at)
        query = query.where(confirmed.is_not(None) if answered else confirmed.is_(None))
    query = query.order_by(col(Opd.nama), col(Application.nama), col(EvaluationItem.id))
    return [(i, a, o) for i, a, o in session.exec(query.offset(window.offset).limit(window.limit)).all()]


def _item(
    session: Session, viewer: Viewer, year: int, application_id: int
) -> tuple[Evaluation, EvaluationItem, Application, Opd]:
    """The item of ``year`` for the application; another OPD's is 'not found' to a developer."""
    evaluation = _evaluation(session, year)
    item = session.exec(
        select(EvaluationItem).where(
            EvaluationItem.evaluation_id == evaluation.id, EvaluationItem.application_id == application_id
        )
    ).first()
    app = session.get(Application, application_id)
    opd = session.get(Opd, app.opd_id) if app else None
    user = user_of(viewer)
    if item is None or app is None or opd is None or (user.role is Role.DEVELOPER and user.opd_id != app.opd_id):
        raise PageError(404, NOT_FOUND, "/evaluasi")
    return evaluation, item, app, opd


def _own_items(session: Session, opd_id: int | None) -> list[tuple[EvaluationItem, Evaluation, Application]]:
    """An OPD's items of the open evaluations, and those needing action in the latest closed one."""
    if opd_id is None:
        return []
    latest_closed = session.exec(
        select(Evaluation.id).where(col(Evaluation.closed_at).is_not(None)).order_by(col(Evaluation.year).desc())
    ).first()
    wanted: ColumnElement[bool] = col(Evaluation.closed_at).is_(None)
    if latest_closed is not None:
        wanted = wanted | (
            (col(Evaluation.id) == latest_closed) & (col(EvaluationItem.outcome) == EvaluationOutcome.ACTION)
        )
    rows = session.exec(
        select(EvaluationItem, Evaluation, Application)
        .join(Evaluation, col(Evaluation.id) == EvaluationItem.evaluation_id)
        .join(Application, col(Application.id) == EvaluationItem.application_id)
        .where(Application.opd_id == opd_id, wanted)
        .order_by(col(Evaluation.year).desc(), col(Application.nama))
    ).all()
    return [(i, e, a) for i, e, a in rows]


def home_panel(session: Session, viewer: Viewer) -> views.HomePanel:
    """The evaluation's part of the home page (``dashboard.html.j2`` includes it)."""
    user = user_of(viewer)
    w = views.words(viewer.lang)
    if user.role is Role.DEVELOPER:
        mine = views.opd_items(_own_items(session, user.opd_id), viewer.lang)
        return views.HomePanel(w, True, mine, None, "")
    latest = session.exec(select(Evaluation).order_by(col(Evaluation.year).desc())).first()
    current = None
    if latest is not None:
        counts = {latest.id or 0: cycle.progress(session, latest.id or 0)}
        current = views.evaluation_rows([latest], counts, viewer.lang)[0]
    return views.HomePanel(w, False, None, current, "/penilaian-ulang" if user.role is Role.ADMIN else "")


# -- the years, and opening one -----------------------------------------------------------------


def _years_page(
    viewer: Viewer, session: Session, status: int = 200, error: str = "", year: str = "", deadline: str = ""
) -> Response:
    evaluations = list(session.exec(select(Evaluation).order_by(col(Evaluation.year).desc())).all())
    counts = {e.id or 0: cycle.progress(session, e.id or 0) for e in evaluations}
    is_admin = user_of(viewer).role is Role.ADMIN
    next_year = date.today().year + 1
    return page(
        viewer,
        "evaluations.html.j2",
        _title(viewer, "evaluations"),
        "evaluation",
        status,
        w=views.words(viewer.lang),
        rows=views.evaluation_rows(evaluations, counts, viewer.lang),
        may_open=is_admin,
        may_reassess=is_admin,
        error=error,
        year=year or str(next_year),
        deadline=deadline,
    )


@router.get("/evaluasi")
def evaluations(viewer: SignedIn, session: SessionDep) -> Response:
    """Diskominfo: the years and their progress. An OPD developer: the OPD's own items."""
    user = user_of(viewer)
    if user.role is Role.DEVELOPER:
        mine = views.opd_items(_own_items(session, user.opd_id), viewer.lang)
        return page(
            viewer,
            "evaluation_mine.html.j2",
            _title(viewer, "mine"),
            "evaluation",
            w=views.words(viewer.lang),
            mine=mine,
        )
    return _years_page(viewer, session)


@router.post("/evaluasi")
def open_evaluation(
    viewer: AdminPost,
    session: SessionDep,
    settings: SettingsDep,
    dispatcher: DispatcherDep,
    tahun: FormText = "",
    batas: FormText = "",
) -> Response:
    year = int_param(tahun.strip(), 2000, 2100)
    try:
        deadline = date.fromisoformat(batas.strip())
    except ValueError:
        deadline = None
    refusal = _BAD_YEAR if year is None else _BAD_DATE if deadline is None else None
    if refusal is None:
        assert year is not None and deadline is not None
        try:
            cycle.open_evaluation(
                session, actor_of(viewer), year, deadline, settings.profile().evaluation, settings, dispatcher
            )
        except cycle.EvaluationError as exc:
            session.rollback()
            refusal = exc.text
    if refusal is not None:  # the form comes back with what was typed and why
        return _years_page(viewer, session, 422, refusal.get(viewer.lang), tahun[:4], batas[:10])
    return see_other(f"/evaluasi/{year}")


# -- one evaluation -----------------------------------------------------------------------------


@router.get("/evaluasi/{year}")
def evaluation_page(
    year: YearPath,
    viewer: Reviewer,
    session: SessionDep,
    opd: Annotated[str | None, Query(max_length=12)] = None,
    hasil: Annotated[str, Query(max_length=30)] = "",
    dijawab: Annotated[str, Query(max_length=5)] = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    evaluation = _evaluation(session, year)
    opd_id = int_param(opd, 1, 2**31)
    outcome = EvaluationOutcome(hasil) if hasil in EvaluationOutcome._value2member_map_ else None
    answered = {"ya": True, "tidak": False}.get(dijawab)
    rows = _items(session, evaluation.id or 0, queries.Window(offset, PAGE), opd_id, outcome, answered)
    counts = cycle.progress(session, evaluation.id or 0)
    jobs = _jobs(session, JobKind.EVALUATE, evaluation.opened_at)
    chosen, said = outcome.value if outcome else "", dijawab if answered is not None else ""
    params = {"opd": opd_id, "hasil": chosen, "dijawab": said}
    prev_href, next_href = views.pages(f"/evaluasi/{year}", params, offset, PAGE, len(rows))
    return page(
        viewer,
        "evaluation.html.j2",
        f"{_title(viewer, 'evaluations')} {year}",
        "evaluation",
        w=views.words(viewer.lang),
        e=views.evaluation_rows([evaluation], {evaluation.id or 0: counts}, viewer.lang)[0],
        p=views.progress_view(
            evaluation,
            counts,
            _answered(session, evaluation.id or 0),
            jobs.get(JobState.QUEUED, 0) + jobs.get(JobState.RUNNING, 0),
            jobs.get(JobState.FAILED, 0),
            viewer.lang,
        ),
        rules=views.rule_facts(evaluation.rules, viewer.lang),
        filters=views.item_filters(queries.opds(session), opd_id, chosen, said, viewer.lang),
        rows=views.item_rows(rows, year, viewer.lang),
        may_close=evaluation.closed_at is None and user_of(viewer).role is Role.ADMIN,
        prev_href=prev_href,
        next_href=next_href,
    )


@router.post("/evaluasi/{year}/tutup")
def close_evaluation(year: YearPath, viewer: AdminPost, session: SessionDep, settings: SettingsDep) -> Response:
    evaluation = _evaluation(session, year)
    try:
        cycle.close(session, actor_of(viewer), evaluation, settings)
    except cycle.EvaluationError as exc:
        session.rollback()
        raise PageError(exc.status, exc.text, f"/evaluasi/{year}") from None
    return see_other(f"/evaluasi/{year}")


# -- one item -----------------------------------------------------------------------------------


@router.get("/evaluasi/{year}/{application_id}")
def item_page(year: YearPath, application_id: IdPath, viewer: SignedIn, session: SessionDep) -> Response:
    evaluation, item, app, opd = _item(session, viewer, year, application_id)
    user = user_of(viewer)
    submission = session.get(Submission, item.submission_id)
    record = session.get(AssessmentRecord, item.assessment_id) if item.assessment_id else None
    letter = session.get(Letter, item.renewed_letter_id) if item.renewed_letter_id else None
    people = queries.names(session, [i for i in (item.confirmed_by, item.overridden_by) if i])
    is_open = evaluation.closed_at is None
    view = views.item_page(
        evaluation=evaluation,
        item=item,
        app=app,
        opd=opd,
        submitted=submission.x_spbe if submission else None,
        record=record,
        people=people,
        letter=letter,
        may_confirm=is_open and user.role is Role.DEVELOPER,  # _item let only the owning OPD's in
        may_override=user.role in (Role.REVIEWER, Role.ADMIN),
        lang=viewer.lang,
    )
    return page(
        viewer, "evaluation_item.html.j2", f"{app.nama} · {year}", "evaluation", w=views.words(viewer.lang), i=view
    )


#: The confirmation form's fields, by the metadata form's names (gate/services/metadata.py).
_CONFIRMED_FIELDS = ("anggaran", "pj_nama", "pj_email", "lifecycle", "sunset")


@router.post("/evaluasi/{year}/{application_id}/konfirmasi")
def confirm(
    year: YearPath,
    application_id: IdPath,
    viewer: DeveloperPost,
    session: SessionDep,
    settings: SettingsDep,
    dispatcher: DispatcherDep,
    anggaran: OptionalText = None,
    pj_nama: OptionalText = None,
    pj_email: OptionalText = None,
    lifecycle: OptionalText = None,
    sunset: OptionalText = None,
) -> Response:
    _, item, _, _ = _item(session, viewer, year, application_id)
    back = f"/evaluasi/{year}/{application_id}"
    submission = session.get(Submission, item.submission_id)
    current = views.effective_metadata(submission.x_spbe if submission else None, item.metadata_)
    posted = zip(_CONFIRMED_FIELDS, (anggaran, pj_nama, pj_email, lifecycle, sunset), strict=True)
    typed = {name: value for name, value in posted if value is not None}  # a field not sent is kept
    # The metadata form's reading: an untouched field keeps its value as written (a budget's source),
    # an emptied one is removed.
    merged = metadata_form.merge(current, {**metadata_form.form_values(current), **typed}) or {}
    changes = {key: merged[key] for key in cycle.CONFIRMABLE if key in merged}
    try:
        cycle.confirm(session, actor_of(viewer), item, changes, settings, dispatcher)
    except cycle.EvaluationError as exc:
        session.rollback()
        raise PageError(exc.status, exc.text, back) from None
    return see_other(back)


@router.post("/evaluasi/{year}/{application_id}/kesampingkan")
def override(
    year: YearPath,
    application_id: IdPath,
    viewer: ReviewerPost,
    session: SessionDep,
    settings: SettingsDep,
    hasil: FormText = "",
    alasan: FormText = "",
) -> Response:
    _, item, _, _ = _item(session, viewer, year, application_id)
    back = f"/evaluasi/{year}/{application_id}"
    if hasil not in EvaluationOutcome._value2member_map_:
        raise PageError(422, _BAD_OUTCOME, back)
    try:
        cycle.override(session, actor_of(viewer), item, EvaluationOutcome(hasil), alasan, settings)
    except cycle.EvaluationError as exc:
        session.rollback()
        raise PageError(exc.status, exc.text, back) from None
    return see_other(back)


# -- bulk reassessment --------------------------------------------------------------------------


@router.get("/penilaian-ulang")
def reassessments(viewer: Admin, session: SessionDep) -> Response:
    batches = session.exec(select(ReassessBatch).order_by(col(ReassessBatch.id).desc()).limit(20)).all()
    return page(
        viewer,
        "reassess.html.j2",
        _title(viewer, "reassess"),
        "evaluation",
        w=views.words(viewer.lang),
        rows=views.batch_rows(batches, viewer.lang),
    )


@router.post("/penilaian-ulang")
def start_reassessment(
    viewer: AdminPost, session: SessionDep, settings: SettingsDep, dispatcher: DispatcherDep
) -> Response:
    try:
        batch = cycle.reassess_all(session, actor_of(viewer), settings, dispatcher)
    except cycle.EvaluationError as exc:
        session.rollback()
        raise PageError(exc.status, exc.text, "/penilaian-ulang") from None
    return see_other(f"/penilaian-ulang/{batch.id}")


def _changes(
    session: Session, batch_id: int, everything: bool, window: queries.Window
) -> Sequence[tuple[ReassessItem, Application, Opd]]:
    query = (
        select(ReassessItem, Application, Opd)
        .join(Application, col(Application.id) == ReassessItem.application_id)
        .join(Opd, col(Opd.id) == Application.opd_id)
        .where(ReassessItem.batch_id == batch_id)
    )
    if not everything:  # only whose verdict or level changed
        query = query.where(
            col(ReassessItem.done_at).is_not(None),
            col(ReassessItem.after_verdict).is_distinct_from(col(ReassessItem.before_verdict))
            | col(ReassessItem.after_level).is_distinct_from(col(ReassessItem.before_level)),
        )
    query = query.order_by(col(Opd.nama), col(Application.nama))
    return [(r, a, o) for r, a, o in session.exec(query.offset(window.offset).limit(window.limit)).all()]


@router.get("/penilaian-ulang/{batch_id}")
def reassessment(
    batch_id: IdPath,
    viewer: Admin,
    session: SessionDep,
    semua: Annotated[str, Query(max_length=1)] = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    batch = session.get(ReassessBatch, batch_id)
    if batch is None:
        raise PageError(404, NOT_FOUND, "/penilaian-ulang")
    done, total = cycle.batch_progress(session, batch_id)
    failed = _jobs(session, JobKind.REASSESS, batch.created_at).get(JobState.FAILED, 0)
    everything = semua == "1"
    rows = _changes(session, batch_id, everything, queries.Window(offset, PAGE))
    people = queries.names(session, [batch.requested_by] if batch.requested_by else [])
    prev_href, next_href = views.pages(
        f"/penilaian-ulang/{batch_id}", {"semua": "1" if everything else ""}, offset, PAGE, len(rows)
    )
    return page(
        viewer,
        "reassess_batch.html.j2",
        f"{_title(viewer, 'batch')} #{batch_id}",
        "evaluation",
        w=views.words(viewer.lang),
        b=views.batch_page(
            batch, people.get(batch.requested_by or 0, ""), done, total, failed, everything, rows, viewer.lang
        ),
        prev_href=prev_href,
        next_href=next_href,
    )
