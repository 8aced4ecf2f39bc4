"""The integration map as data: the same JSON as the page's export, for every signed-in user
(the catalogue is shared across OPDs)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from gate.api.deps import CurrentActor, SessionDep
from gate.services import integration

router = APIRouter(prefix="/integrations", tags=["katalog"])


class MapOpd(BaseModel):
    id: int = Field(description="Id OPD.", examples=[1])
    kode: str = Field(description="Kode OPD.", examples=["1.02.01"])
    nama: str = Field(description="Nama OPD.", examples=["Dinas Kesehatan"])
    aplikasi: list[str] = Field(description="Simpul aplikasinya di katalog.", examples=[["aplikasi:3"]])


class MapApplication(BaseModel):
    id: str = Field(description="Id simpul.", examples=["aplikasi:3"])
    application_id: int = Field(description="Id aplikasi di katalog.", examples=[3])
    nama: str = Field(description="Nama aplikasi.", examples=["Layanan Perizinan"])
    slug: str = Field(description="Slug aplikasi.", examples=["layanan-perizinan"])
    opd_id: int = Field(description="OPD pemilik.", examples=[1])
    versi: int = Field(description="Nomor versi yang disetujui.", examples=[2])


class MapSystem(BaseModel):
    id: str = Field(description="Id simpul.", examples=["sistem:SIAK"])
    kode: str = Field(description="Kode sistem nasional.", examples=["SIAK"])
    nama: str = Field(description="Nama sistem.", examples=["Sistem Informasi Administrasi Kependudukan (SIAK)"])
    pemilik: str = Field(description="Instansi pemilik.", examples=["Kementerian Dalam Negeri"])
    sumber: str = Field(description="Situs resmi instansi pemilik.", examples=["https://dukcapil.kemendagri.go.id"])


class MapEdge(BaseModel):
    dari: str = Field(description="Simpul aplikasi yang memanggil.", examples=["aplikasi:5"])
    ke: str = Field(description="Simpul yang dipanggil.", examples=["aplikasi:3"])
    operasi: list[str] = Field(description="Operasi yang dipanggil; kosong: seluruh aplikasi.", examples=[["bacaIzin"]])
    keterangan: str = Field(description="Keterangan integrasi.", examples=["verifikasi izin"])


class IntegrationMap(BaseModel):
    opd: list[MapOpd] = Field(description="OPD yang punya aplikasi di katalog, dengan aplikasinya.")
    aplikasi: list[MapApplication] = Field(description="Aplikasi di katalog.")
    sistem_nasional: list[MapSystem] = Field(description="Sistem nasional yang dipanggil.")
    integrasi: list[MapEdge] = Field(description="Integrasi yang dinyatakan versi yang disetujui.")


@router.get("", response_model=IntegrationMap, summary="Peta integrasi katalog", operation_id="petaIntegrasi")
def integration_map(actor: CurrentActor, session: SessionDep) -> IntegrationMap:
    """Aplikasi di katalog per OPD, sistem nasional, dan integrasi di antaranya (x-spbe.integrasi)."""
    return IntegrationMap.model_validate(integration.graph(session).as_dict())
