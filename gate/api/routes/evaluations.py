"""The yearly evaluation and bulk reassessments: opened, answered, overridden and closed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlmodel import Session, col, select

from gate.api.deps import (
    AdminActor,
    CurrentActor,
    DispatcherDep,
    IdPath,
    ReviewerActor,
    SessionDep,
    SettingsDep,
)
from gate.api.schemas import (
    ConfirmationIn,
    EvaluationIn,
    EvaluationItemOut,
    EvaluationOut,
    EvaluationProgressOut,
    OverrideIn,
    ReassessBatchOut,
    ReassessItemOut,
    ReassessProgressOut,
)
from gate.errors import ApiError
from gate.models import Application, Evaluation, EvaluationItem, ReassessBatch, ReassessItem, Role
from gate.services import evaluation as cycle
from gate.services.audit import Actor
from rules.i18n import Text

router = APIRouter(tags=["evaluasi"])
NOT_FOUND = Text("Tidak ditemukan.", "Not found.")
YearPath = Annotated[int, Path(ge=2000, le=2100, description="Tahun evaluasi.")]


def _evaluation(session: Session, year: int) -> Evaluation:
    found = session.exec(select(Evaluation).where(Evaluation.year == year)).first()
    if found is None:
        raise ApiError(404, NOT_FOUND)
    return found


def _progress(session: Session, evaluation: Evaluation, added: int = 0) -> EvaluationProgressOut:
    return EvaluationProgressOut(
        evaluation=EvaluationOut.model_validate(evaluation),
        added=added,
        progress=cycle.progress(session, evaluation.id or 0),
    )


@router.post("/evaluations", status_code=201, response_model=EvaluationProgressOut, summary="Buka evaluasi tahunan")
def open_evaluation(
    body: EvaluationIn, actor: AdminActor, session: SessionDep, settings: SettingsDep, dispatcher: DispatcherDep
) -> EvaluationProgressOut:
    """Every catalogued application gets one item (opening again adds only new ones)."""
    try:
        evaluation, added = cycle.open_evaluation(
            session, actor, body.year, body.deadline, settings.profile().evaluation, settings, dispatcher
        )
    except cycle.EvaluationError as exc:
        raise ApiError(exc.status, exc.text) from None
    return _progress(session, evaluation, added)


@router.get("/evaluations/{year}", response_model=EvaluationProgressOut, summary="Kemajuan evaluasi")
def get_evaluation(year: YearPath, actor: ReviewerActor, session: SessionDep) -> EvaluationProgressOut:
    return _progress(session, _evaluation(session, year))


@router.get("/evaluations/{year}/items", response_model=list[EvaluationItemOut], summary="Butir evaluasi")
def list_items(year: YearPath, actor: CurrentActor, session: SessionDep) -> list[EvaluationItem]:
    """Reviewers see every item; a developer the OPD's own."""
    evaluation = _evaluation(session, year)
    query = select(EvaluationItem).where(EvaluationItem.evaluation_id == evaluation.id)
    if actor.user.role is Role.DEVELOPER:
        mine = select(Application.id).where(Application.opd_id == actor.user.opd_id)
        query = query.where(col(EvaluationItem.application_id).in_(mine))
    return list(session.exec(query.order_by(col(EvaluationItem.id))).all())


def _item(session: Session, actor: Actor, item_id: int) -> EvaluationItem:
    item = session.get(EvaluationItem, item_id)
    app = session.get(Application, item.application_id) if item else None
    if item is None or app is None:
        raise ApiError(404, NOT_FOUND)
    if actor.user.role is Role.DEVELOPER and actor.user.opd_id != app.opd_id:
        raise ApiError(404, NOT_FOUND)  # another OPD's item: not revealed
    return item


@router.post(
    "/evaluations/items/{item_id}/confirmation", response_model=EvaluationItemOut, summary="Konfirmasi metadata"
)
def confirm(
    item_id: IdPath,
    body: ConfirmationIn,
    actor: CurrentActor,
    session: SessionDep,
    settings: SettingsDep,
    dispatcher: DispatcherDep,
) -> EvaluationItem:
    """The OPD confirms (or updates) its application's metadata; the item is assessed again."""
    item = _item(session, actor, item_id)
    try:
        return cycle.confirm(session, actor, item, body.model_dump(exclude_none=True), settings, dispatcher)
    except cycle.EvaluationError as exc:
        raise ApiError(exc.status, exc.text) from None


@router.post("/evaluations/items/{item_id}/override", response_model=EvaluationItemOut, summary="Kesampingkan hasil")
def override(
    item_id: IdPath, body: OverrideIn, actor: ReviewerActor, session: SessionDep, settings: SettingsDep
) -> EvaluationItem:
    item = _item(session, actor, item_id)
    try:
        return cycle.override(session, actor, item, body.outcome, body.reason, settings)
    except cycle.EvaluationError as exc:
        raise ApiError(exc.status, exc.text) from None


@router.post("/evaluations/{year}/close", response_model=EvaluationProgressOut, summary="Tutup evaluasi")
def close(year: YearPath, actor: AdminActor, session: SessionDep, settings: SettingsDep) -> EvaluationProgressOut:
    """Decide every item, renew what is sustained, let lapse what is not."""
    evaluation = _evaluation(session, year)
    try:
        cycle.close(session, actor, evaluation, settings)
    except cycle.EvaluationError as exc:
        raise ApiError(exc.status, exc.text) from None
    session.refresh(evaluation)
    return _progress(session, evaluation)


@router.post("/reassessments", status_code=201, response_model=ReassessBatchOut, summary="Nilai ulang semua")
def reassess_all(
    actor: AdminActor, session: SessionDep, settings: SettingsDep, dispatcher: DispatcherDep
) -> ReassessBatch:
    """Every catalogued application reassessed under today's rulebook and profile, one job each."""
    try:
        return cycle.reassess_all(session, actor, settings, dispatcher)
    except cycle.EvaluationError as exc:
        raise ApiError(exc.status, exc.text) from None


@router.get("/reassessments/{batch_id}", response_model=ReassessProgressOut, summary="Kemajuan penilaian ulang")
def reassess_progress(
    batch_id: IdPath,
    actor: ReviewerActor,
    session: SessionDep,
    semua: Annotated[bool, Query(description="Semua aplikasi, bukan hanya yang putusannya berubah.")] = False,
) -> ReassessProgressOut:
    batch = session.get(ReassessBatch, batch_id)
    if batch is None:
        raise ApiError(404, NOT_FOUND)
    done, _ = cycle.batch_progress(session, batch_id)
    rows = session.exec(select(ReassessItem).where(ReassessItem.batch_id == batch_id)).all()
    changed = [
        r
        for r in rows
        if semua or (r.done_at and (r.after_verdict != r.before_verdict or r.after_level != r.before_level))
    ]
    return ReassessProgressOut(
        batch=ReassessBatchOut.model_validate(batch),
        done=done,
        items=[ReassessItemOut.model_validate(r) for r in changed],
    )
