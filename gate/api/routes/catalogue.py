"""The catalogue of approved, integrable APIs: readable by every signed-in user."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from gate.api.deps import CurrentActor, IdPath, PageDep, SessionDep, SettingsDep
from gate.api.schemas import (
    ApplicationOut,
    AssessmentOut,
    CatalogueEntry,
    OpdOut,
    RecommendationOut,
    SubmissionOut,
)
from gate.core.config import Settings
from gate.errors import ApiError
from gate.models import Application, AssessmentRecord, Letter, Opd, Submission
from gate.services import letters, queries
from gate.services import submissions as flow
from gate.services.audit import Actor
from rules.i18n import Text

router = APIRouter(prefix="/catalogue", tags=["katalog"])

Lifecycle = Literal["development", "staging", "production", "deprecated", "retired"]
Validity = Literal["berlaku", "segera_berakhir", "kedaluwarsa"]
Sort = Literal["nama", "opd", "tingkat", "disetujui", "berlaku"]


@router.get("", response_model=list[CatalogueEntry], summary="Cari API yang disetujui")
def search(
    actor: CurrentActor,
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Nama, OPD, operasi, tag atau field data.")] = None,
    opd_id: Annotated[int | None, Query(ge=1, le=2**31)] = None,
    level: Annotated[int | None, Query(ge=1, le=5, description="Tingkat kematangan penilaian terakhir.")] = None,
    lifecycle: Annotated[Lifecycle | None, Query(description="Tahap siklus hidup (x-spbe.lifecycle).")] = None,
    validity: Annotated[
        Validity | None,
        Query(description="Masa berlaku rekomendasi; segera_berakhir: berakhir dalam 30 hari."),
    ] = None,
    include_expired: Annotated[
        bool, Query(description="Sertakan entri yang rekomendasinya kedaluwarsa atau berakhir (tanpa validity).")
    ] = False,
    sort: Annotated[
        Sort, Query(description="Urutan: nama, opd, tingkat (tertinggi), disetujui (terbaru), berlaku (tersingkat).")
    ] = "nama",
) -> list[CatalogueEntry]:
    rows = queries.catalogue(
        session,
        page.window,
        q=q,
        opd_id=opd_id,
        level=level,
        lifecycle=lifecycle,
        validity=validity,
        include_expired=include_expired,
        sort=sort,
    )
    ids = [sub.id or 0 for _, _, sub in rows]
    latest = queries.latest_assessments(session, ids)
    recommendations = queries.recommendations(session, ids)
    return [
        _entry(actor, settings, app, opd, sub, latest.get(sub.id or 0), recommendations.get(sub.id or 0))
        for app, opd, sub in rows
    ]


@router.get("/{application_id}", response_model=CatalogueEntry, summary="Satu API di katalog")
def entry(application_id: IdPath, actor: CurrentActor, session: SessionDep, settings: SettingsDep) -> CatalogueEntry:
    """Also an entry whose recommendation expired or ended: it leaves the search, not the record."""
    found = queries.catalogued(session, application_id)
    if found is None:
        raise ApiError(404, Text("Tidak ada di katalog.", "Not in the catalogue."))
    app, opd, sub = found
    sid = sub.id or 0
    record = queries.latest_assessments(session, [sid]).get(sid)
    return _entry(actor, settings, app, opd, sub, record, queries.recommendations(session, [sid]).get(sid))


def _entry(
    actor: Actor,
    settings: Settings,
    app: Application,
    opd: Opd,
    sub: Submission,
    record: AssessmentRecord | None,
    letter: Letter | None,
) -> CatalogueEntry:
    return CatalogueEntry(
        application=ApplicationOut.model_validate(app),
        opd=OpdOut.model_validate(opd),
        submission=SubmissionOut.model_validate(sub),
        assessment=AssessmentOut.model_validate(record) if record else None,
        rekomendasi=RecommendationOut(
            nomor=letter.nomor,
            tanggal=letter.issued_on,
            berlaku_sampai=letter.valid_until,
            status=letters.status(letter),  # type: ignore[arg-type]
            verifikasi_url=letters.verification_url(settings, letter),
            surat_url=letters.pdf_url(settings, letter) if flow.can_view(actor.user, app) else None,
        )
        if letter
        else None,
    )
