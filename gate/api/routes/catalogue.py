"""The catalogue of approved, integrable APIs: readable by every signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from gate.api.deps import CurrentActor, IdPath, PageDep, SessionDep
from gate.api.schemas import ApplicationOut, AssessmentOut, CatalogueEntry, OpdOut, SubmissionOut
from gate.errors import ApiError
from gate.models import Application, AssessmentRecord, Opd, Submission
from gate.services import queries
from rules.i18n import Text

router = APIRouter(prefix="/catalogue", tags=["katalog"])


@router.get("", response_model=list[CatalogueEntry], summary="Cari API yang disetujui")
def search(
    actor: CurrentActor,
    session: SessionDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Nama, OPD, operasi, tag atau field data.")] = None,
    opd_id: Annotated[int | None, Query(ge=1, le=2**31)] = None,
) -> list[CatalogueEntry]:
    rows = queries.catalogue(session, page.window, q=q, opd_id=opd_id)
    latest = queries.latest_assessments(session, (sub.id or 0 for _, _, sub in rows))
    return [_entry(app, opd, sub, latest.get(sub.id or 0)) for app, opd, sub in rows]


@router.get("/{application_id}", response_model=CatalogueEntry, summary="Satu API di katalog")
def entry(application_id: IdPath, actor: CurrentActor, session: SessionDep) -> CatalogueEntry:
    found = queries.catalogued(session, application_id)
    if found is None:
        raise ApiError(404, Text("Tidak ada di katalog.", "Not in the catalogue."))
    app, opd, sub = found
    return _entry(app, opd, sub, queries.latest_assessments(session, [sub.id or 0]).get(sub.id or 0))


def _entry(app: Application, opd: Opd, sub: Submission, record: AssessmentRecord | None) -> CatalogueEntry:
    return CatalogueEntry(
        application=ApplicationOut.model_validate(app),
        opd=OpdOut.model_validate(opd),
        submission=SubmissionOut.model_validate(sub),
        assessment=AssessmentOut.model_validate(record) if record else None,
    )
