"""What the API reads and answers (pydantic models): the contract published in /openapi.json."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from gate.models import EvaluationOutcome, JobKind, JobState, LetterKind, Outcome, Role, State


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class LoginIn(BaseModel):
    email: str = Field(max_length=320, description="Alamat surel pengguna.", examples=["dev@dinkes.contohkab.go.id"])
    password: str = Field(max_length=200, description="Kata sandi.", examples=["********"])


class SessionOut(BaseModel):
    csrf_token: str = Field(description="Dikirim kembali di header X-CSRF-Token untuk permintaan yang mengubah data.")
    user: UserOut


class UserOut(Out):
    id: int
    email: str
    nama: str
    role: Role
    opd_id: int | None
    active: bool


class UserIn(BaseModel):
    email: str = Field(max_length=320, description="Alamat surel.")
    nama: str = Field(max_length=200, description="Nama lengkap.")
    password: str = Field(min_length=10, max_length=200, description="Kata sandi awal, sedikitnya 10 karakter.")
    role: Role = Field(description="Peran pengguna.")
    opd_id: int | None = Field(default=None, ge=1, le=2**31, description="OPD pengembang; wajib untuk peran developer.")


class UserPatch(BaseModel):
    """Only the fields given change. A new password, role or OPD, or deactivation, ends the user's sessions."""

    nama: str | None = Field(default=None, min_length=1, max_length=200, description="Nama lengkap.")
    role: Role | None = Field(default=None, description="Peran baru.")
    opd_id: int | None = Field(default=None, ge=1, le=2**31, description="OPD baru (peran developer).")
    active: bool | None = Field(default=None, description="false menonaktifkan pengguna; true mengaktifkannya lagi.")
    password: str | None = Field(default=None, min_length=10, max_length=200, description="Kata sandi baru.")


class OpdPatch(BaseModel):
    nama: str = Field(min_length=1, max_length=300, description="Nama OPD.", examples=["Dinas Kesehatan"])


class OpdIn(BaseModel):
    kode: str = Field(min_length=1, max_length=64, description="Kode OPD.", examples=["1.02.01"])
    nama: str = Field(min_length=1, max_length=300, description="Nama OPD.", examples=["Dinas Kesehatan"])


class OpdOut(Out):
    id: int
    kode: str
    nama: str


class AssessmentOut(Out):
    id: int
    submission_id: int
    engine_version: str
    profile: str
    verdict: str
    level: int
    score: float | None
    errors: int
    warnings: int
    created_at: datetime


class SubmissionOut(Out):
    id: int
    application_id: int
    number: int
    previous_id: int | None
    state: State
    title: str
    api_version: str
    openapi: str
    root_file: str
    x_spbe: dict[str, Any] | None
    staging_url: str | None
    submitted_by: int
    submitted_at: datetime


class JobOut(Out):
    id: int
    kind: JobKind
    state: JobState
    submission_id: int | None = Field(description="Pengajuan yang dikerjakan; kosong untuk tugas layanan sendiri.")
    key: str | None = Field(default=None, description="Kunci tugas terjadwal (mis. putaran pemantauan), bila ada.")
    params: dict[str, Any] = Field(description="Yang dijalankan, tanpa kredensial.")
    attempts: int
    max_attempts: int
    created_at: datetime
    started_at: datetime | None
    heartbeat_at: datetime
    finished_at: datetime | None
    progress: dict[str, Any] | None = Field(description="Operasi selesai / total, permintaan, kegagalan sejauh ini.")
    error: dict[str, str] | None = Field(description="Alasan kegagalan, dalam dua bahasa.")
    assessment_id: int | None = Field(description="Penilaian yang dihasilkan tugas ini.")


class SubmittedOut(BaseModel):
    submission: SubmissionOut
    assessment: AssessmentOut | None = Field(description="Kosong bila dokumen besar dinilai oleh tugas (lihat job).")
    job: JobOut | None = Field(default=None, description="Tugas penilaian untuk dokumen besar.")
    report_url: str = Field(description="Alamat laporan penilaian (JSON).")


class ContractRunIn(BaseModel):
    """A contract run of the submission's deployment. Credentials are used for the run only: never
    stored, logged or reported."""

    base_url: str | None = Field(
        default=None, max_length=500, description="URL dasar aplikasi; bawaan: URL staging pengajuan."
    )
    auth: Literal["none", "bearer", "header", "oauth2"] = Field(default="none", description="Jenis autentikasi.")
    token: SecretStr | None = Field(default=None, max_length=4000, description="Token bearer (auth=bearer).")
    header_name: str = Field(default="", max_length=100, description="Nama header kunci API (auth=header).")
    header_value: SecretStr | None = Field(default=None, max_length=4000, description="Nilai kunci API (auth=header).")
    token_url: str = Field(default="", max_length=500, description="URL token OAuth2 (auth=oauth2).")
    client_id: SecretStr | None = Field(default=None, max_length=500, description="Client id OAuth2 (auth=oauth2).")
    client_secret: SecretStr | None = Field(
        default=None, max_length=4000, description="Client secret OAuth2 (auth=oauth2)."
    )
    scope: str = Field(default="", max_length=500, description="Scope OAuth2, dipisah spasi.")
    time_limit_s: float | None = Field(default=None, gt=0, le=3600, description="Batas waktu (detik).")
    max_requests: int | None = Field(default=None, ge=1, le=100_000, description="Anggaran permintaan.")
    max_examples: int | None = Field(default=None, ge=1, le=200, description="Contoh per operasi.")


class ApplicationOut(Out):
    id: int
    opd_id: int
    slug: str
    nama: str
    approved_submission_id: int | None


class WithdrawIn(BaseModel):
    reason: str = Field(default="", max_length=500, description="Mengapa pengajuan ditarik (opsional).")


class DecisionIn(BaseModel):
    outcome: Outcome = Field(description="Keputusan peninjau.")
    reason: str = Field(min_length=5, max_length=5000, description="Alasan tertulis keputusan.")
    override: bool = Field(default=False, description="Setujui meskipun penilaian otomatis tidak lulus.")
    supersedes: int | None = Field(
        default=None,
        ge=1,
        description="Keputusan yang diganti (id); wajib bila pengajuan sudah diputuskan, kosong bila belum. "
        "Peninjau lain yang memutuskan lebih dulu membuat permintaan ini ditolak (409).",
    )


class DecisionOut(Out):
    id: int
    submission_id: int
    reviewer_id: int
    outcome: Outcome
    reason: str
    override: bool
    assessment_id: int | None
    supersedes_id: int | None
    created_at: datetime


class WaiverIn(BaseModel):
    rule: str = Field(max_length=60, description="Id atau nama aturan.", examples=["SEC007"])
    pointer: str = Field(max_length=1000, description="JSON pointer temuan di dokumen gabungan.")
    reason: str = Field(min_length=5, max_length=2000, description="Alasan pengecualian.")
    expires_on: date = Field(description="Tanggal berakhirnya pengecualian.")


class WaiverOut(Out):
    id: int
    application_id: int
    rule: str
    pointer: str
    reason: str
    expires_on: date
    granted_by: int
    revoked_at: datetime | None


class TokenIn(BaseModel):
    nama: str = Field(min_length=1, max_length=120, description="Untuk apa token ini, mis. nama pipeline CI.")


class TokenOut(Out):
    id: int
    opd_id: int
    nama: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(BaseModel):
    token: str = Field(description="Token; ditampilkan sekali ini saja.")
    info: TokenOut


LetterStatus = Literal["berlaku", "kedaluwarsa", "berakhir", "tercatat"]


class RecommendationOut(BaseModel):
    """The approved version's numbered recommendation."""

    nomor: str = Field(description="Nomor surat rekomendasi.", examples=["001/REK-SPBE/1.02.01/2026"])
    tanggal: date = Field(description="Tanggal surat.")
    berlaku_sampai: date | None = Field(description="Rekomendasi berlaku sampai tanggal ini (inklusif).")
    status: LetterStatus = Field(
        description="berlaku; kedaluwarsa (tanggalnya lewat); berakhir (versi baru disetujui, keputusan diubah, "
        "atau tidak berkelanjutan menurut evaluasi tahunan)."
    )
    verifikasi_url: str = Field(description="Halaman verifikasi publik (yang dimuat kode QR surat).")
    surat_url: str | None = Field(
        description="PDF surat; null bila pemanggil tidak berhak membaca suratnya (milik OPD lain)."
    )


class CatalogueEntry(BaseModel):
    application: ApplicationOut
    opd: OpdOut
    submission: SubmissionOut
    assessment: AssessmentOut | None
    rekomendasi: RecommendationOut | None = Field(
        default=None, description="Rekomendasi versi yang disetujui; null bila disetujui sebelum ada surat bernomor."
    )


class LetterFixOut(BaseModel):
    rule: str = Field(description="Kode aturan.", examples=["SEC001"])
    severity: str = Field(description="error atau warning.")
    title_id: str = Field(description="Judul aturan (Bahasa Indonesia).")
    title_en: str = Field(description="Judul aturan (English).")
    findings: int = Field(description="Jumlah temuan aturan ini.")


class LetterOut(BaseModel):
    """A decision's numbered letter."""

    nomor: str = Field(description="Nomor surat.")
    jenis: LetterKind = Field(description="rekomendasi, penolakan atau perbaikan.")
    status: LetterStatus = Field(description="Kedudukan surat hari ini; tercatat untuk penolakan dan perbaikan.")
    tanggal: date = Field(description="Tanggal surat.")
    berlaku_sampai: date | None = Field(description="Untuk rekomendasi: berlaku sampai tanggal ini.")
    berakhir_pada: datetime | None = Field(description="Kapan surat berhenti berlaku sebelum tanggalnya.")
    alasan_berakhir: str = Field(
        description="keputusan_diubah, versi_baru atau tidak_berkelanjutan; kosong bila belum."
    )
    application_id: int = Field(description="Aplikasi yang diputuskan.")
    submission_id: int = Field(description="Versi (pengajuan) yang diputuskan.")
    decision_id: int = Field(description="Keputusan yang menerbitkan surat.")
    aplikasi: str = Field(description="Nama aplikasi.")
    versi: int = Field(description="Nomor versi pengajuan.")
    opd: OpdOut
    peninjau: str = Field(description="Nama peninjau yang memutuskan.")
    alasan: str = Field(description="Pertimbangan peninjau.")
    perbaikan: list[LetterFixOut] = Field(description="Untuk penolakan dan perbaikan: aturan yang harus diperbaiki.")
    verifikasi_url: str = Field(description="Halaman verifikasi publik (yang dimuat kode QR surat).")
    surat_url: str = Field(description="PDF surat.")


class AuditOut(Out):
    id: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: int | None
    detail: dict[str, Any] | None
    ip: str


SessionOut.model_rebuild()


# -- the yearly evaluation --------------------------------------------------------------------------


class EvaluationIn(BaseModel):
    year: int = Field(ge=2000, le=2100, description="Tahun evaluasi.")
    deadline: date = Field(description="Batas konfirmasi metadata oleh OPD.")


class EvaluationOut(Out):
    id: int
    year: int
    opened_at: datetime
    deadline: date
    rules: dict[str, Any] = Field(description="Aturan evaluasi dari profil kabupaten saat dibuka.")
    closed_at: datetime | None


class EvaluationProgressOut(BaseModel):
    evaluation: EvaluationOut
    added: int = Field(default=0, description="Butir yang ditambahkan oleh permintaan ini.")
    progress: dict[str, int] = Field(description="Jumlah butir per hasil, yang sudah dinilai, dan totalnya.")


class EvaluationItemOut(Out):
    id: int
    evaluation_id: int
    application_id: int
    submission_id: int
    assessment_id: int | None
    level: int | None
    verdict: str
    availability: float | None
    probes: int
    drift: int
    tls_days: int | None
    budget_next_year: bool
    confirmed_at: datetime | None
    outcome: EvaluationOutcome
    reasons: list[dict[str, Any]]
    todo: list[dict[str, Any]]
    todo_deadline: date | None
    override_reason: str
    renewed_letter_id: int | None


class ConfirmationIn(BaseModel):
    anggaran: list[Any] | None = Field(default=None, description="Tahun anggaran, seperti x-spbe.anggaran.")
    penanggung_jawab: dict[str, Any] | None = Field(default=None, description="Seperti x-spbe.penanggung_jawab.")
    lifecycle: str | None = Field(default=None, max_length=20)
    sunset: str | None = Field(default=None, max_length=10, description="YYYY-MM-DD")


class OverrideIn(BaseModel):
    outcome: EvaluationOutcome
    reason: str = Field(min_length=5, max_length=2000)


class ReassessBatchOut(Out):
    id: int
    created_at: datetime
    total: int


class ReassessItemOut(Out):
    application_id: int
    submission_id: int
    before_verdict: str
    before_level: int | None
    after_verdict: str
    after_level: int | None
    newly_failing: list[str]
    newly_passing: list[str]
    done_at: datetime | None


class ReassessProgressOut(BaseModel):
    batch: ReassessBatchOut
    done: int
    items: list[ReassessItemOut] = Field(description="Aplikasi yang putusannya berubah (atau semua, bila diminta).")
