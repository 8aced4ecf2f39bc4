"""The catalogue of approved, integrable APIs: readable by every signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func, or_
from sqlmodel import col, select

from gate.api.deps import CurrentActor, IdPath, PageDep, SessionDep
from gate.api.schemas import ApplicationOut, AssessmentOut, CatalogueEntry, OpdOut, SubmissionOut
from gate.errors import ApiError
from gate.models import Application, Opd, Submission
from gate.services.submissions import latest_assessment
from rules.i18n import Text

router = APIRouter(prefix="/catalogue", tags=["katalog"])


def _like(term: str) -> str:
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@router.get("", response_model=list[CatalogueEntry], summary="Cari API yang disetujui")
def search(
    actor: CurrentActor,
    session: SessionDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Nama, OPD, operasi, tag atau field data.")] = None,
    opd_id: Annotated[int | None, Query(ge=1, le=2**31)] = None,
) -> list[CatalogueEntry]:
    query = (
        select(Application, Opd, Submission)
        .join(Opd, col(Opd.id) == Application.opd_id)
        .join(Submission, col(Submission.id) == Application.approved_submission_id)
    )
    if opd_id is not None:
        query = query.where(Application.opd_id == opd_id)
    for term in (q or "").split()[:8]:
        pattern = _like(term)
        query = query.where(
            or_(
                func.lower(Application.nama).like(pattern, escape="\\"),
                func.lower(Opd.nama).like(pattern, escape="\\"),
                func.lower(Submission.title).like(pattern, escape="\\"),
                col(Submission.search_text).like(pattern, escape="\\"),
            )
        )
    rows = session.exec(query.order_by(col(Application.nama)).offset(page.offset).limit(page.limit)).all()
    return [_entry(session, app, opd, sub) for app, opd, sub in rows]


@router.get("/{application_id}", response_model=CatalogueEntry, summary="Satu API di katalog")
def entry(application_id: IdPath, actor: CurrentActor, session: SessionDep) -> CatalogueEntry:
    app = session.get(Application, application_id)
    sub = session.get(Submission, app.approved_submission_id) if app and app.approved_submission_id else None
    opd = session.get(Opd, app.opd_id) if app else None
    if app is None or sub is None or opd is None:
        raise ApiError(404, Text("Tidak ada di katalog.", "Not in the catalogue."))
    return _entry(session, app, opd, sub)


def _entry(session: SessionDep, app: Application, opd: Opd, sub: Submission) -> CatalogueEntry:
    record = latest_assessment(session, sub)
    return CatalogueEntry(
        application=ApplicationOut.model_validate(app),
        opd=OpdOut.model_validate(opd),
        submission=SubmissionOut.model_validate(sub),
        assessment=AssessmentOut.model_validate(record) if record else None,
    )
