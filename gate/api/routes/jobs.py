"""Contract runs and the jobs that carry them: start one, follow its progress."""

from __future__ import annotations

from fastapi import APIRouter
from sqlmodel import Session

from gate.api.deps import CurrentActor, DispatcherDep, IdPath, PageDep, SessionDep, SettingsDep
from gate.api.routes.submissions import NOT_FOUND, _submission
from gate.api.schemas import ContractRunIn, JobOut
from gate.errors import ApiError
from gate.models import Application, Job, Role, Submission
from gate.services import contract_runs, queries
from gate.services import submissions as flow
from gate.services.audit import Actor
from rules.i18n import Text

router = APIRouter(tags=["uji kontrak"])


def visible_job(session: Session, actor: Actor, job_id: int) -> Job:
    """A submission's job to whoever may see the submission; the service's own jobs (probe rounds,
    e-mail) to Diskominfo's reviewers and administrators."""
    job = session.get(Job, job_id)
    if job is not None and job.submission_id is None:
        if actor.user.role in (Role.REVIEWER, Role.ADMIN):
            return job
        raise ApiError(404, NOT_FOUND)
    submission = session.get(Submission, job.submission_id) if job else None
    app = session.get(Application, submission.application_id) if submission else None
    if job is None or app is None or not flow.may_view(session, actor, app, "job", job.id):
        raise ApiError(404, NOT_FOUND)
    return job


@router.post(
    "/submissions/{submission_id}/contract-runs", status_code=202, response_model=JobOut, summary="Mulai uji kontrak"
)
def start_contract_run(
    submission_id: IdPath,
    body: ContractRunIn,
    actor: CurrentActor,
    session: SessionDep,
    settings: SettingsDep,
    dispatcher: DispatcherDep,
) -> Job:
    """Queue a contract run of the deployment at ``base_url`` (default: the submission's staging
    URL). Its result becomes a new assessment of the submission; follow it at ``/jobs/{id}``."""
    submission, _ = _submission(session, actor, submission_id)
    base_url = body.base_url or submission.staging_url
    if not base_url:
        raise ApiError(
            422, Text("Pengajuan ini tidak punya URL staging; isi base_url.", "No staging URL; give base_url.")
        )
    secrets = {
        name: value.get_secret_value()
        for name, value in (
            ("token", body.token),
            ("value", body.header_value),
            ("client_id", body.client_id),
            ("client_secret", body.client_secret),
        )
        if value is not None
    }
    request = contract_runs.RunRequest(
        base_url=base_url,
        auth=body.auth,
        header_name=body.header_name,
        token_url=body.token_url,
        scope=body.scope,
        time_limit_s=body.time_limit_s,
        max_requests=body.max_requests,
        max_examples=body.max_examples,
    )
    try:
        return contract_runs.start(session, actor, submission, request, secrets, settings, dispatcher)
    except flow.WorkflowError as exc:
        raise ApiError(exc.status, exc.text) from None


@router.get("/jobs/{job_id}", response_model=JobOut, summary="Satu tugas dan kemajuannya")
def get_job(job_id: IdPath, actor: CurrentActor, session: SessionDep) -> Job:
    return visible_job(session, actor, job_id)


@router.get("/submissions/{submission_id}/jobs", response_model=list[JobOut], summary="Tugas sebuah pengajuan")
def list_jobs(submission_id: IdPath, actor: CurrentActor, session: SessionDep, page: PageDep) -> list[Job]:
    """Newest first."""
    submission, _ = _submission(session, actor, submission_id)
    return queries.jobs(session, submission.id or 0, page.window)
