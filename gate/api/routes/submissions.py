"""Submissions: upload, read, report, review, decide, reassess; and waivers on applications."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Path, Query, UploadFile
from fastapi.responses import Response
from sqlmodel import Session, select

from gate.api.deps import CurrentActor, DispatcherDep, IdPath, PageDep, ReviewerActor, SessionDep, SettingsDep
from gate.api.schemas import (
    ApplicationOut,
    AssessmentOut,
    DecisionIn,
    DecisionOut,
    JobOut,
    SubmissionOut,
    SubmittedOut,
    WaiverIn,
    WaiverOut,
    WithdrawIn,
)
from gate.errors import ApiError, attachment
from gate.models import Application, AssessmentRecord, Decision, State, Submission, SubmissionFile, Waiver
from gate.services import letters, mail, queries, uploads
from gate.services import submissions as flow
from gate.services.audit import Actor
from rules.i18n import Text

router = APIRouter(tags=["pengajuan"])

Lifecycle = Literal["development", "staging", "production", "deprecated", "retired"]
SubmissionSort = Literal["oldest", "newest", "application", "opd", "level"]

NOT_FOUND = Text("Tidak ditemukan.", "Not found.")


def _submission(session: Session, actor: Actor, submission_id: int) -> tuple[Submission, Application]:
    submission = session.get(Submission, submission_id)
    app = session.get(Application, submission.application_id) if submission else None
    # Another OPD's submission answers 404, not 403: its existence is not revealed.
    if submission is None or app is None or not flow.may_view(session, actor, app, "submission", submission.id):
        raise ApiError(404, NOT_FOUND)
    return submission, app


def _read_upload(
    file: UploadFile | None, document: str | None, root: str | None, settings: SettingsDep
) -> uploads.Upload:
    limits = uploads.Limits(settings.max_upload_bytes, settings.max_upload_files, settings.max_unzipped_bytes)
    data = file.file.read(settings.max_upload_bytes + 1) if file is not None else None
    try:
        return uploads.from_form(file.filename or "" if file else "", data, document, root, limits)
    except uploads.UploadError as exc:
        raise ApiError(exc.status, exc.text) from None


def _metadata(raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise ApiError(422, Text("Metadata harus berupa objek JSON.", "The metadata must be a JSON object."))
    return value or None  # an empty object gives nothing, as an empty form does


@router.post("/submissions", status_code=201, response_model=SubmittedOut, summary="Ajukan aplikasi")
def create_submission(
    actor: CurrentActor,
    session: SessionDep,
    settings: SettingsDep,
    dispatcher: DispatcherDep,
    application: Annotated[str, Form(min_length=1, max_length=300, description="Nama aplikasi.")],
    file: Annotated[UploadFile | None, File(description="Satu berkas YAML/JSON atau zip dokumen multi-berkas.")] = None,
    document: Annotated[str | None, Form(max_length=20_000_000, description="Dokumen yang ditempel.")] = None,
    root: Annotated[str | None, Form(max_length=500, description="Berkas akar di dalam zip.")] = None,
    staging_url: Annotated[str | None, Form(max_length=500, description="URL staging untuk uji kontrak.")] = None,
    metadata: Annotated[
        str | None, Form(max_length=100_000, description="Objek JSON pengganti info.x-spbe dokumen.")
    ] = None,
) -> SubmittedOut:
    """Stored and assessed at once; a document larger than the service's inline limit is assessed
    by a job instead (``assessment`` empty, follow ``job`` at ``/jobs/{id}``)."""
    upload = _read_upload(file, document, root, settings)
    fields = _metadata(metadata)
    try:
        if flow.upload_bytes(upload) > settings.inline_assess_max_bytes:
            submission = flow.store(
                session, actor, application, upload, staging_url=staging_url or None, peek_first=False
            )
            job = flow.queue_assessment(
                session, actor, submission, dispatcher, metadata=fields, max_attempts=settings.job_max_attempts
            )
            return SubmittedOut(
                submission=SubmissionOut.model_validate(submission),
                assessment=None,
                job=JobOut.model_validate(job),
                report_url=f"/api/v1/submissions/{submission.id}/report",
            )
        stored = flow.submit(session, actor, application, upload, staging_url=staging_url or None, metadata=fields)
    except flow.WorkflowError as exc:
        raise ApiError(exc.status, exc.text) from None
    return SubmittedOut(
        submission=SubmissionOut.model_validate(stored.submission),
        assessment=AssessmentOut.model_validate(stored.assessment),
        report_url=f"/api/v1/submissions/{stored.submission.id}/report",
    )


@router.get("/submissions", response_model=list[SubmissionOut], summary="Daftar pengajuan")
def list_submissions(
    actor: CurrentActor,
    session: SessionDep,
    page: PageDep,
    state: State | None = None,
    opd_id: Annotated[int | None, Query(ge=1, le=2**31)] = None,
    level: Annotated[int | None, Query(ge=1, le=5, description="Tingkat pada penilaian terbaru.")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Kata yang dicari di nama aplikasi, OPD atau judul dokumen.")
    ] = None,
    lifecycle: Annotated[Lifecycle | None, Query(description="Siklus hidup menurut metadata x-spbe pengajuan.")] = None,
    sort: Annotated[
        SubmissionSort,
        Query(description="Urutan: terlama dulu (bawaan), terbaru, nama aplikasi, OPD, tingkat terendah."),
    ] = "oldest",
) -> list[Submission]:
    """Oldest first, as a reviewer's queue is worked, unless ``sort`` says otherwise."""
    rows = queries.submissions(
        session,
        actor.user,
        page.window,
        states=(state,) if state else (),
        opd_id=opd_id,
        level=level,
        q=q,
        lifecycle=lifecycle,
        sort=sort,
    )
    return [submission for submission, _, _ in rows]


@router.get("/submissions/{submission_id}", response_model=SubmissionOut, summary="Satu pengajuan")
def get_submission(submission_id: IdPath, actor: CurrentActor, session: SessionDep) -> Submission:
    return _submission(session, actor, submission_id)[0]


@router.get("/submissions/{submission_id}/assessments", response_model=list[AssessmentOut], summary="Riwayat penilaian")
def list_assessments(
    submission_id: IdPath, actor: CurrentActor, session: SessionDep, page: PageDep
) -> list[AssessmentRecord]:
    submission, _ = _submission(session, actor, submission_id)
    return queries.assessments(session, submission.id or 0, page.window)


@router.get("/submissions/{submission_id}/report", summary="Laporan penilaian terbaru (JSON)")
def get_report(submission_id: IdPath, actor: CurrentActor, session: SessionDep) -> Response:
    submission, _ = _submission(session, actor, submission_id)
    record = flow.latest_assessment(session, submission)
    if record is None:
        raise ApiError(404, NOT_FOUND)
    import orjson

    return Response(orjson.dumps(record.report), media_type="application/json")


@router.get("/submissions/{submission_id}/files/{path:path}", summary="Unduh berkas dokumen")
def get_file(
    submission_id: IdPath,
    path: Annotated[str, Path(max_length=500, description="Jalur berkas di dalam dokumen.")],
    actor: CurrentActor,
    session: SessionDep,
) -> Response:
    submission = session.get(Submission, submission_id)
    app = session.get(Application, submission.application_id) if submission else None
    if submission is None or app is None:
        raise ApiError(404, NOT_FOUND)
    # The approved version of a catalogued application is readable by every signed-in user.
    if app.approved_submission_id != submission.id and not flow.may_view(
        session, actor, app, "submission", submission.id
    ):
        raise ApiError(404, NOT_FOUND)
    row = session.exec(
        select(SubmissionFile).where(SubmissionFile.submission_id == submission.id, SubmissionFile.path == path)
    ).first()
    if row is None:
        raise ApiError(404, NOT_FOUND)
    media = "application/json" if path.endswith(".json") else "application/yaml"
    return Response(row.content, media_type=media, headers={"Content-Disposition": attachment(path.rsplit("/", 1)[-1])})


@router.post("/submissions/{submission_id}/withdrawal", response_model=SubmissionOut, summary="Tarik pengajuan")
def withdraw(submission_id: IdPath, body: WithdrawIn, actor: CurrentActor, session: SessionDep) -> Submission:
    """Its OPD's developer takes back a submission not yet decided (state ``ditarik``); audited."""
    submission, _ = _submission(session, actor, submission_id)
    try:
        return flow.withdraw(session, actor, submission, body.reason)
    except flow.WorkflowError as exc:
        raise ApiError(exc.status, exc.text) from None


@router.post("/submissions/{submission_id}/review", response_model=SubmissionOut, summary="Mulai tinjauan")
def start_review(submission_id: IdPath, actor: ReviewerActor, session: SessionDep) -> Submission:
    submission, _ = _submission(session, actor, submission_id)
    try:
        return flow.start_review(session, actor, submission)
    except flow.WorkflowError as exc:
        raise ApiError(exc.status, exc.text) from None


@router.post("/submissions/{submission_id}/decisions", status_code=201, response_model=DecisionOut, summary="Putuskan")
def decide(
    submission_id: IdPath,
    body: DecisionIn,
    actor: ReviewerActor,
    session: SessionDep,
    settings: SettingsDep,
    dispatcher: DispatcherDep,
) -> Decision:
    """The decision, its numbered letter (a recommendation for an approval) and a message to the
    OPD, in one transaction; e-mail, when configured, goes out in a job."""
    submission, _ = _submission(session, actor, submission_id)
    try:
        decision = flow.decide(
            session,
            actor,
            submission,
            body.outcome,
            body.reason,
            override=body.override,
            supersedes=body.supersedes,
            policy=letters.policy(settings),
            email=settings.email,
        )
    except flow.WorkflowError as exc:
        raise ApiError(exc.status, exc.text) from None
    mail.queue(session, dispatcher, settings)
    return decision


@router.get("/submissions/{submission_id}/decisions", response_model=list[DecisionOut], summary="Riwayat keputusan")
def list_decisions(submission_id: IdPath, actor: CurrentActor, session: SessionDep, page: PageDep) -> list[Decision]:
    submission, _ = _submission(session, actor, submission_id)
    return queries.decisions(session, submission.id or 0, page.window)


@router.post(
    "/submissions/{submission_id}/assessments", status_code=201, response_model=AssessmentOut, summary="Nilai ulang"
)
def reassess(submission_id: IdPath, actor: ReviewerActor, session: SessionDep) -> AssessmentRecord:
    submission, _ = _submission(session, actor, submission_id)
    return flow.reassess(session, actor, submission)


@router.get("/applications", response_model=list[ApplicationOut], summary="Aplikasi yang terlihat")
def list_applications(actor: CurrentActor, session: SessionDep, page: PageDep) -> list[Application]:
    return queries.applications(session, actor.user, page.window)


def _application(session: Session, actor: Actor, application_id: int) -> Application:
    app = session.get(Application, application_id)
    if app is None or not flow.may_view(session, actor, app, "application", app.id):
        raise ApiError(404, NOT_FOUND)
    return app


@router.get("/applications/{application_id}/waivers", response_model=list[WaiverOut], summary="Pengecualian")
def list_waivers(application_id: IdPath, actor: CurrentActor, session: SessionDep, page: PageDep) -> list[Waiver]:
    app = _application(session, actor, application_id)
    return queries.waivers(session, app.id or 0, page.window)


@router.post(
    "/applications/{application_id}/waivers", status_code=201, response_model=WaiverOut, summary="Beri pengecualian"
)
def grant_waiver(application_id: IdPath, body: WaiverIn, actor: ReviewerActor, session: SessionDep) -> Waiver:
    app = _application(session, actor, application_id)
    try:
        return flow.grant_waiver(session, actor, app, body.rule, body.pointer, body.reason, body.expires_on)
    except flow.WorkflowError as exc:
        raise ApiError(exc.status, exc.text) from None


@router.delete("/waivers/{waiver_id}", status_code=204, summary="Cabut pengecualian")
def revoke_waiver(waiver_id: IdPath, actor: ReviewerActor, session: SessionDep) -> Response:
    waiver = session.get(Waiver, waiver_id)
    if waiver is None:
        raise ApiError(404, NOT_FOUND)
    flow.revoke_waiver(session, actor, waiver)
    return Response(status_code=204)
