"""A submission's likely duplicates: the catalogued and shared applications it resembles."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from gate.api.deps import CurrentActor, IdPath, SessionDep
from gate.errors import ApiError
from gate.models import Application, Submission
from gate.services import duplicates
from gate.services import submissions as flow
from rules.i18n import Text

router = APIRouter(tags=["pengajuan"])


class SharedOperationOut(BaseModel):
    method_path: str = Field(description="Operasi pengajuan ini, mis. `GET /pegawai/{nip}`.")
    matches: str = Field(description="Operasi yang sama di aplikasi pembanding.")


class SimilarSchemaOut(BaseModel):
    schema_name: str = Field(description="Skema pengajuan ini.")
    matches: str = Field(description="Skema yang mirip di aplikasi pembanding.")
    similarity: float = Field(ge=0, le=1, description="Kemiripan nama properti (Jaccard).")
    shared_fields: list[str] = Field(description="Nama properti yang sama (setelah normalisasi).")


class DuplicateOut(BaseModel):
    kind: Literal["catalogue", "shared"] = Field(description="Aplikasi di katalog atau aplikasi umum.")
    name: str = Field(description="Nama aplikasi pembanding.")
    owner: str = Field(description="OPD pemilik (katalog) atau instansi pemilik (aplikasi umum).")
    application_id: int | None = Field(description="Id aplikasi di katalog; kosong untuk aplikasi umum.")
    source: str | None = Field(description="Sumber publik aplikasi umum; kosong untuk aplikasi di katalog.")
    score: int = Field(ge=0, le=100, description="Skor kemiripan 0-100.")
    parts: dict[str, float] = Field(description="Kemiripan tiap bagian (0-1): operasi, skema, sumber daya, tag...")
    operations: list[SharedOperationOut]
    schemas: list[SimilarSchemaOut]
    resources: list[str] = Field(description="Nama sumber daya yang sama (setelah normalisasi).")


@router.get(
    "/submissions/{submission_id}/duplicates",
    response_model=list[DuplicateOut],
    summary="Aplikasi serupa (kemungkinan duplikat)",
    description="Aplikasi di katalog dan aplikasi umum yang mirip dengan pengajuan ini, paling mirip lebih dulu "
    "(paling banyak 5, skor mulai ambang). Pengajuan OPD lain yang belum disetujui tidak pernah dibandingkan.",
)
def list_duplicates(submission_id: IdPath, actor: CurrentActor, session: SessionDep) -> list[DuplicateOut]:
    submission = session.get(Submission, submission_id)
    app = session.get(Application, submission.application_id) if submission else None
    # Another OPD's submission answers 404, as every submission route does.
    if submission is None or app is None or not flow.may_view(session, actor, app, "submission", submission.id):
        raise ApiError(404, Text("Tidak ditemukan.", "Not found."))
    return [
        DuplicateOut(
            kind=d.kind,
            name=d.name,
            owner=d.owner,
            application_id=d.application_id or None,
            source=d.source or None,
            score=d.score,
            parts=dict(d.match.parts),
            operations=[SharedOperationOut(method_path=a, matches=b) for a, b in d.match.operations],
            schemas=[
                SimilarSchemaOut(
                    schema_name=p.ours, matches=p.theirs, similarity=p.similarity, shared_fields=list(p.shared_fields)
                )
                for p in d.match.schemas
            ],
            resources=list(d.match.resources),
        )
        for d in duplicates.find(session, submission)
    ]
