"""Submitting: the upload, then the metadata form (post/redirect/get)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from gate.api.deps import DispatcherDep, IdPath, SessionDep, SettingsDep
from gate.core.config import Settings
from gate.models import State
from gate.services import metadata, queries, uploads
from gate.services import submissions as flow
from gate.web.common import (
    actor_of,
    label,
    own_submission,
    refusal_explained,
    user_of,
)
from gate.web.deps import (
    Developer,
    DeveloperPost,
    Viewer,
)
from gate.web.render import page, see_other
from gate.web.views import metadata as metadata_views
from gate.web.views import submit as submit_views

router = APIRouter(include_in_schema=False)


# -- submitting ----------------------------------------------------------------------------


def _submit_page(
    viewer: Viewer, session: Session, settings: Settings, status: int = 200, error: str = "", **values: str
) -> HTMLResponse:
    names = [a.nama for a in queries.applications(session, user_of(viewer), queries.Window(0, 500))]
    form = submit_views.submit_form(
        values,
        names,
        error,
        max_upload_bytes=settings.max_upload_bytes,
        max_files=settings.max_upload_files,
        max_unzipped_bytes=settings.max_unzipped_bytes,
        lang=viewer.lang,
    )
    return page(viewer, "submit.html.j2", label(viewer, "submit"), "submit", status, form=form)


@router.get("/ajukan")
def submit_form(viewer: Developer, session: SessionDep, settings: SettingsDep) -> Response:
    return _submit_page(viewer, session, settings)


@router.post("/ajukan")
def submit(
    viewer: DeveloperPost,
    session: SessionDep,
    settings: SettingsDep,
    application: Annotated[str, Form(max_length=300)] = "",
    file: Annotated[UploadFile | None, File()] = None,
    document: Annotated[str, Form(max_length=20_000_000)] = "",
    root: Annotated[str, Form(max_length=500)] = "",
    staging_url: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    limits = uploads.Limits(settings.max_upload_bytes, settings.max_upload_files, settings.max_unzipped_bytes)
    data = file.file.read(settings.max_upload_bytes + 1) if file is not None else None
    # What was typed comes back with an error; a pasted document only when it is small.
    kept = {
        "application": application,
        "root": root,
        "staging_url": staging_url,
        "document": document if len(document) < 200_000 else "",
    }
    try:
        upload = uploads.from_form(file.filename or "" if file else "", data, document, root or None, limits)
        name = application.strip() or flow.peek(upload).title
        submission = flow.store(session, actor_of(viewer), name, upload, staging_url=staging_url.strip() or None)
    except (uploads.UploadError, flow.WorkflowError) as exc:
        return _submit_page(viewer, session, settings, exc.status, exc.text.get(viewer.lang), **kept)
    return see_other(f"/pengajuan/{submission.id}/metadata")


@router.get("/pengajuan/{submission_id}/metadata")
def metadata_form(submission_id: IdPath, viewer: Developer, session: SessionDep) -> Response:
    submission, app = own_submission(viewer, session, submission_id)
    if submission.state is not State.SUBMITTED:
        return see_other(f"/pengajuan/{submission.id}")
    fields = metadata_views.metadata_fields(metadata.form_values(submission.x_spbe), viewer.lang)
    return page(
        viewer,
        "metadata.html.j2",
        label(viewer, "metadata"),
        "submit",
        application=app.nama,
        number=submission.number,
        found=submission.x_spbe is not None,
        fields=fields,
        action=f"/pengajuan/{submission.id}/metadata",
    )


@router.post("/pengajuan/{submission_id}/metadata")
async def assess_with_metadata(
    submission_id: IdPath,
    request: Request,
    viewer: DeveloperPost,
    session: SessionDep,
    settings: SettingsDep,
    dispatcher: DispatcherDep,
) -> Response:
    submission, _ = own_submission(viewer, session, submission_id)
    form = await request.form()
    submitted = {f.name: str(form.get(f.name) or "") for f in metadata.FIELDS}
    merged = metadata.merge(submission.x_spbe, submitted)
    size = sum(f.size for f in queries.files(session, submission_id))
    with refusal_explained(f"/pengajuan/{submission_id}"):
        if size > settings.inline_assess_max_bytes:  # a large document: assessed by a worker
            job = flow.queue_assessment(
                session,
                actor_of(viewer),
                submission,
                dispatcher,
                metadata=merged,
                max_attempts=settings.job_max_attempts,
            )
            return see_other(f"/pengajuan/{submission_id}/tugas/{job.id}")
        flow.assess_submission(session, actor_of(viewer), submission, metadata=merged)
    return see_other(f"/pengajuan/{submission_id}")
