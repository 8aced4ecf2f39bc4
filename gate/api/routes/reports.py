"""The yearly evaluation report's figures, per kabupaten or per OPD (what the report page shows)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from gate.api.deps import CurrentActor, SessionDep
from gate.errors import ApiError
from gate.models import EvaluationOutcome, Opd, Role
from gate.services import reporting
from rules.i18n import Text

router = APIRouter(tags=["laporan"])
NOT_FOUND = Text("Tidak ditemukan.", "Not found.")


class LevelOutcomeOut(BaseModel):
    level: int | None = Field(description="Tingkat kematangan 1–5; kosong: belum dinilai.")
    outcome: EvaluationOutcome
    applications: int


class FailedRuleOut(BaseModel):
    rule: str = Field(description="Kode aturan, mis. SEC001.")
    title: str = Field(description="Judul aturan (Bahasa Indonesia).")
    applications: int = Field(description="Aplikasi yang gagal pada aturan ini.")


class OpdFiguresOut(BaseModel):
    opd_id: int
    opd: str
    applications: int
    mean_level: float | None
    outcomes: dict[str, int] = Field(description="Aplikasi per hasil evaluasi.")
    mean_availability: float | None = Field(description="Rerata ketersediaan (persen) aplikasi yang dipantau.")


class TrendOut(BaseModel):
    year: int
    applications: int
    mean_level: float | None
    sustained: int
    mean_availability: float | None


class YearReportOut(BaseModel):
    year: int
    opd_id: int | None = Field(description="OPD yang dilaporkan; kosong: seluruh kabupaten.")
    applications: int
    mean_level: float | None
    outcomes: dict[str, int] = Field(description="Aplikasi per hasil evaluasi.")
    by_level_and_outcome: list[LevelOutcomeOut]
    availability_bands: dict[str, int] = Field(
        description="Aplikasi per rentang ketersediaan (persen, batas bawah-batas atas) dan 'tidak_dipantau'."
    )
    mean_availability: float | None
    below_availability: int = Field(description="Aplikasi di bawah ambang ketersediaan profil.")
    failed_rules: list[FailedRuleOut] = Field(description="Aturan yang paling sering gagal, terbanyak dulu.")
    per_opd: list[OpdFiguresOut]
    trend: list[TrendOut] = Field(description="Setiap tahun evaluasi sampai tahun ini, terlama dulu.")


def _band_key(low: float, high: float | None) -> str:
    return f"{low:g}-{high:g}" if high is not None else f"{low:g}-100"


@router.get("/reports/evaluations/{year}", response_model=YearReportOut, summary="Angka laporan evaluasi tahunan")
def year_report(
    year: Annotated[int, Path(ge=2000, le=2100, description="Tahun evaluasi.")],
    actor: CurrentActor,
    session: SessionDep,
    opd_id: Annotated[int | None, Query(ge=1, le=2**31, description="Laporan satu OPD saja.")] = None,
) -> YearReportOut:
    """Reviewers see every report; a developer only their own OPD's (``opd_id`` required)."""
    if actor.user.role is Role.DEVELOPER:
        if opd_id is None:
            raise ApiError(403, Text("Laporan kabupaten khusus peninjau.", "The kabupaten's report is for reviewers."))
        if opd_id != actor.user.opd_id:
            raise ApiError(404, NOT_FOUND)
    if opd_id is not None and session.get(Opd, opd_id) is None:
        raise ApiError(404, NOT_FOUND)
    fig = reporting.year_figures(session, year, opd_id)
    if fig is None:
        raise ApiError(404, NOT_FOUND)
    bands = {_band_key(*b): n for b, n in zip(reporting.AVAILABILITY_BANDS, fig.availability_bands, strict=True)}
    return YearReportOut(
        year=fig.year,
        opd_id=opd_id,
        applications=fig.total,
        mean_level=fig.mean_level,
        outcomes={o.value: fig.outcomes.get(o, 0) for o in reporting.OUTCOMES},
        by_level_and_outcome=[
            LevelOutcomeOut(level=level, outcome=o, applications=fig.matrix.get((level, o), 0))
            for level in reporting.LEVEL_KEYS
            for o in reporting.OUTCOMES
        ],
        availability_bands={**bands, "tidak_dipantau": fig.never_probed},
        mean_availability=fig.mean_availability,
        below_availability=fig.below_availability,
        failed_rules=[
            FailedRuleOut(rule=r.rule, title=r.title.id, applications=r.applications) for r in fig.failed_rules
        ],
        per_opd=[
            OpdFiguresOut(
                opd_id=o.opd_id,
                opd=o.opd,
                applications=o.total,
                mean_level=o.mean_level,
                outcomes={k.value: o.outcomes.get(k, 0) for k in reporting.OUTCOMES},
                mean_availability=o.mean_availability,
            )
            for o in fig.per_opd
        ],
        trend=[
            TrendOut(
                year=t.year,
                applications=t.total,
                mean_level=t.mean_level,
                sustained=t.sustained,
                mean_availability=t.mean_availability,
            )
            for t in fig.trend
        ],
    )
