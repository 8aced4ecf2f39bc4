"""One submission: its page and report, review, decisions, reassessment and waivers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from sqlmodel import Session

from gate.api.deps import DispatcherDep, IdPath, SessionDep, SettingsDep
from gate.core.config import Settings
from gate.models import Application, Opd, Outcome, Role, State, Submission
from gate.services import changes, duplicates, integration, letters, mail, queries
from gate.services import submissions as flow
from gate.web.common import (
    actor_of,
    chosen_assessment,
    full_report_page,
    own_submission,
    refusal_explained,
    report_cache,
    user_of,
)
from gate.web.deps import NOT_FOUND, DeveloperPost, PageError, ReviewerPost, SignedIn, Viewer
from gate.web.render import page, see_other
from gate.web.views import changes as changes_views
from gate.web.views import duplicates as duplicate_views
from gate.web.views import submission as submission_views
from rules.i18n import Text

router = APIRouter(include_in_schema=False)


# -- one submission ------------------------------------------------------------------------


@router.get("/pengajuan/{submission_id}")
def submission_page(
    submission_id: IdPath,
    request: Request,
    viewer: SignedIn,
    session: SessionDep,
    settings: SettingsDep,
    penilaian: Annotated[int | None, Query(ge=1, le=2**31)] = None,
    ubah: Annotated[int, Query(ge=0, le=1)] = 0,
) -> Response:
    submission, app = own_submission(viewer, session, submission_id)
    draft = submission_views.DecisionDraft(change=bool(ubah))
    return _page(request, viewer, session, settings, submission, app, draft, penilaian)


def _page(
    request: Request,
    viewer: Viewer,
    session: Session,
    settings: Settings,
    submission: Submission,
    app: Application,
    draft: submission_views.DecisionDraft,
    penilaian: int | None = None,
    status: int = 200,
) -> Response:
    """The submission's page; ``draft`` is the decision form as the reviewer left it (a refused
    decision comes back with what was chosen and typed, and why it was refused)."""
    user = user_of(viewer)
    assessments = queries.assessments(session, submission.id or 0)  # reports deferred
    shown = chosen_assessment(assessments, penilaian)
    decisions = queries.decisions(session, submission.id or 0)
    people = queries.names(session, [submission.submitted_by, *(d.reviewer_id for d in decisions)])
    opd = session.get(Opd, app.opd_id)
    assert opd is not None
    view = submission_views.submission_page(
        sub=submission,
        app=app,
        opd=opd,
        submitter=people.get(submission.submitted_by, "?"),
        files=queries.files(session, submission.id or 0),
        decisions=decisions,
        reviewers=people,
        assessments=assessments,
        shown=shown,
        report=report_cache(request).get(shown, viewer.lang) if shown else None,
        waivers=queries.waivers(session, app.id or 0),
        is_reviewer=user.role in (Role.REVIEWER, Role.ADMIN),
        is_owner=user.role is Role.DEVELOPER and user.opd_id == app.opd_id,
        lang=viewer.lang,
        jobs=queries.jobs(session, submission.id or 0, queries.Window(0, 20)),
        contract=submission_views.contract_form(
            submission, settings.contract_time_limit_s, settings.contract_max_requests, viewer.lang
        ),
        draft=draft,
        letters=queries.letters_of(session, submission.id or 0),
        changes=changes_views.changes_panel(
            changes.review(session, submission), integration.check(session, submission), viewer.lang
        ),
    )
    view = replace(
        view,
        duplicates=duplicate_views.panel(
            duplicates.find(session, submission), is_reviewer=user.role is not Role.DEVELOPER, lang=viewer.lang
        ),
    )
    section = "queue" if user.role is not Role.DEVELOPER else "home"
    title = f"{app.nama} #{submission.number}"
    return page(viewer, "submission.html.j2", title, section, status, s=view)


@router.get("/pengajuan/{submission_id}/laporan")
def full_report(
    submission_id: IdPath,
    viewer: SignedIn,
    session: SessionDep,
    penilaian: Annotated[int | None, Query(ge=1, le=2**31)] = None,
) -> Response:
    submission, _ = own_submission(viewer, session, submission_id)
    chosen = chosen_assessment(queries.assessments(session, submission.id or 0), penilaian)
    if chosen is None:
        raise PageError(404, NOT_FOUND)
    return full_report_page(chosen, viewer)


@router.post("/pengajuan/{submission_id}/tinjau")
def start_review(submission_id: IdPath, viewer: ReviewerPost, session: SessionDep) -> Response:
    submission, _ = own_submission(viewer, session, submission_id)
    with refusal_explained(f"/pengajuan/{submission_id}"):
        flow.start_review(session, actor_of(viewer), submission)
    return see_other(f"/pengajuan/{submission_id}")


@router.post("/pengajuan/{submission_id}/keputusan")
def decide(
    submission_id: IdPath,
    request: Request,
    viewer: ReviewerPost,
    session: SessionDep,
    settings: SettingsDep,
    dispatcher: DispatcherDep,
    outcome: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=5000)] = "",
    override: Annotated[str, Form(max_length=10)] = "",
    supersedes: Annotated[int, Form(ge=0, le=2**31)] = 0,
) -> Response:
    submission, app = own_submission(viewer, session, submission_id)
    draft = submission_views.DecisionDraft(
        outcome=outcome, reason=reason, override=bool(override), change=bool(supersedes)
    )
    try:
        chosen = Outcome(outcome)
    except ValueError:
        error = Text(
            "Pilih keputusan: setujui, minta perbaikan, atau tolak.",
            "Choose a decision: approve, request changes, or reject.",
        )
        return _page(request, viewer, session, settings, submission, app, draft.refused(error), status=422)
    try:
        flow.decide(
            session,
            actor_of(viewer),
            submission,
            chosen,
            reason,
            override=bool(override),
            supersedes=supersedes or None,
            policy=letters.policy(settings),
            email=settings.email,
        )
    except flow.WorkflowError as exc:
        # The form comes back as it was sent, with why it was refused: nothing typed is lost.
        session.refresh(submission)
        return _page(request, viewer, session, settings, submission, app, draft.refused(exc.text), status=exc.status)
    mail.queue(session, dispatcher, settings)
    return see_other(f"/pengajuan/{submission_id}")


@router.post("/pengajuan/{submission_id}/tarik")
def withdraw(
    submission_id: IdPath,
    viewer: DeveloperPost,
    session: SessionDep,
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    submission, _ = own_submission(viewer, session, submission_id)
    back = f"/pengajuan/{submission_id}"
    with refusal_explained(back):
        flow.withdraw(session, actor_of(viewer), submission, reason)
    return see_other(back)


@router.post("/pengajuan/{submission_id}/nilai-ulang")
def reassess(submission_id: IdPath, viewer: ReviewerPost, session: SessionDep) -> Response:
    submission, _ = own_submission(viewer, session, submission_id)
    if submission.state is State.SUBMITTED:
        raise PageError(409, Text("Pengajuan belum dinilai.", "The submission is not assessed yet."))
    flow.reassess(session, actor_of(viewer), submission)
    return see_other(f"/pengajuan/{submission_id}")


@router.post("/aplikasi/{application_id}/pengecualian")
def grant_waiver(
    application_id: IdPath,
    viewer: ReviewerPost,
    session: SessionDep,
    finding: Annotated[str, Form(max_length=1100)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
    expires_on: Annotated[str, Form(max_length=20)] = "",
    kembali: Annotated[int, Form(ge=1, le=2**31)] = 1,
) -> Response:
    app = session.get(Application, application_id)
    if app is None:
        raise PageError(404, NOT_FOUND)
    back = f"/pengajuan/{kembali}"
    rule, _, pointer = finding.partition(" ")
    try:
        until = date.fromisoformat(expires_on)
    except ValueError:
        raise PageError(422, Text("Tanggal berakhir tidak sah.", "The expiry date is not valid."), back) from None
    with refusal_explained(back):
        flow.grant_waiver(session, actor_of(viewer), app, rule, pointer, reason, until)
    return see_other(back)
