"""A catalogued application's deployment as the gate watches it: availability, latency,
certificate, drift. Readable, like the catalogue entry, by every signed-in user."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from gate.api.deps import CurrentActor, IdPath, SessionDep
from gate.errors import ApiError
from gate.services import queries, watching
from rules.i18n import Text

router = APIRouter(prefix="/catalogue", tags=["katalog"])


class AvailabilityOut(BaseModel):
    days: int = Field(description="Jendela waktu (hari).")
    probes: int = Field(description="Pemeriksaan dalam jendela itu.")
    up: int = Field(description="Pemeriksaan yang dijawab dengan sukses.")
    percent: float | None = Field(description="Ketersediaan (%), null bila belum ada pemeriksaan.")


class ProbeOut(BaseModel):
    at: datetime
    ok: bool
    status: int | None = Field(description="Status HTTP endpoint kesehatan, null bila tidak terjawab.")
    latency_ms: float | None
    error: str


class DifferenceOut(BaseModel):
    kind: str = Field(description="Jenis perbedaan, mis. path-removed.")
    severity: str = Field(description="breaking, deprecation atau compatible.")
    id: str = Field(description="Perbedaan dalam Bahasa Indonesia.")
    en: str = Field(description="Perbedaan dalam bahasa Inggris.")


class DriftOut(BaseModel):
    at: datetime = Field(description="Pemeriksaan terbaru yang menemukan perbedaan.")
    current: bool = Field(description="Pemeriksaan terakhir masih menemukannya.")
    differences: list[DifferenceOut]


class DeploymentOut(BaseModel):
    application_id: int
    url_produksi: str = Field(description="URL dasar produksi dari x-spbe versi yang disetujui; kosong bila tidak ada.")
    url_openapi: str = Field(description="URL dokumen OpenAPI langsung; kosong bila tidak diterbitkan.")
    availability: list[AvailabilityOut] = Field(description="Ketersediaan 7, 30 dan 365 hari.")
    consecutive_failures: int = Field(description="Pemeriksaan gagal berturut-turut sejak yang terakhir berhasil.")
    certificate_days_left: int | None = Field(description="Sisa masa berlaku sertifikat TLS (hari) terakhir terlihat.")
    document_read: bool = Field(
        description="Apakah dokumen OpenAPI langsung pernah terbaca dan dibandingkan (bila tidak, last_drift kosong "
        "bukan berarti sesuai)."
    )
    last_drift: DriftOut | None = Field(description="Perbedaan terakhir dengan versi yang disetujui.")
    probes: list[ProbeOut] = Field(
        description="Pemeriksaan terbaru dalam 90 hari terakhir (paling banyak 48), terlama dahulu."
    )


@router.get("/{application_id}/deployment", response_model=DeploymentOut, summary="Pemantauan deployment")
def deployment(application_id: IdPath, actor: CurrentActor, session: SessionDep) -> DeploymentOut:
    found = queries.catalogued(session, application_id)
    if found is None:
        raise ApiError(404, Text("Tidak ada di katalog.", "Not in the catalogue."))
    app, _, sub = found
    record = watching.record(session, app, sub)
    drift = record.last_drift
    return DeploymentOut(
        application_id=app.id or 0,
        url_produksi=record.base_url,
        url_openapi=record.document_url,
        availability=[
            AvailabilityOut(days=a.days, probes=a.probes, up=a.up, percent=a.percent) for a in record.availability
        ],
        consecutive_failures=record.consecutive_failures,
        certificate_days_left=record.tls_days,
        document_read=record.probed.document_read,
        last_drift=DriftOut(
            at=drift.at,
            current=drift.current,
            differences=[
                DifferenceOut(
                    kind=str(d.get("kind", "")),
                    severity=str(d.get("severity", "")),
                    id=str(d.get("id", "")),
                    en=str(d.get("en", "")),
                )
                for d in drift.differences
            ],
        )
        if drift
        else None,
        probes=[
            ProbeOut(at=p.at, ok=p.ok, status=p.status, latency_ms=p.latency_ms, error=p.error) for p in record.series
        ],
    )
