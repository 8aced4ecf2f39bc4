"""Contract runs started from a submission's page, and the job page that follows one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import Response

from gate.api.deps import DispatcherDep, IdPath, SessionDep, SettingsDep
from gate.models import Job
from gate.services import contract_runs
from gate.web.common import (
    actor_of,
    int_param,
    label,
    own_submission,
    refusal_explained,
)
from gate.web.deps import (
    NOT_FOUND,
    PageError,
    SignedIn,
    SignedInPost,
)
from gate.web.render import page, see_other
from gate.web.views import submission as submission_views

router = APIRouter(include_in_schema=False)


@router.post("/pengajuan/{submission_id}/uji-kontrak")
def start_contract_run(
    submission_id: IdPath,
    viewer: SignedInPost,
    session: SessionDep,
    settings: SettingsDep,
    dispatcher: DispatcherDep,
    base_url: Annotated[str, Form(max_length=500)] = "",
    auth: Annotated[str, Form(max_length=20)] = "none",
    token: Annotated[str, Form(max_length=4000)] = "",
    header_name: Annotated[str, Form(max_length=100)] = "",
    header_value: Annotated[str, Form(max_length=4000)] = "",
    token_url: Annotated[str, Form(max_length=500)] = "",
    client_id: Annotated[str, Form(max_length=500)] = "",
    client_secret: Annotated[str, Form(max_length=4000)] = "",
    scope: Annotated[str, Form(max_length=500)] = "",
    time_limit: Annotated[str, Form(max_length=10)] = "",
    max_requests: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    submission, _ = own_submission(viewer, session, submission_id)
    request = contract_runs.RunRequest(
        base_url=base_url or submission.staging_url or "",
        auth=auth,
        header_name=header_name.strip(),
        token_url=token_url,
        scope=scope,
        time_limit_s=int_param(time_limit, 1, 3600),
        max_requests=int_param(max_requests, 1, 100_000),
    )
    secrets = {"token": token, "value": header_value, "client_id": client_id, "client_secret": client_secret}
    with refusal_explained(f"/pengajuan/{submission_id}"):
        job = contract_runs.start(session, actor_of(viewer), submission, request, secrets, settings, dispatcher)
    return see_other(f"/pengajuan/{submission_id}/tugas/{job.id}")


@router.get("/pengajuan/{submission_id}/tugas/{job_id}")
def job_page(submission_id: IdPath, job_id: IdPath, viewer: SignedIn, session: SessionDep) -> Response:
    submission, app = own_submission(viewer, session, submission_id)
    job = session.get(Job, job_id)
    if job is None or job.submission_id != submission.id:
        raise PageError(404, NOT_FOUND)
    view = submission_views.job_page(job, viewer.lang)
    title = f"{label(viewer, 'job')} {job.id} · {app.nama} #{submission.number}"
    return page(viewer, "job.html.j2", title, "home", j=view)
