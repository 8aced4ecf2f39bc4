"""The web pages: thin routes that authorise, call a service or a query, and render a view model.

Every form posts back with a CSRF token and answers with a redirect (post/redirect/get), so a
reload never repeats an action; nothing needs JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from gate.api.deps import DispatcherDep, IdPath, SessionDep, SettingsDep
from gate.api.signin import SESSION_COOKIE, sign_in, sign_out
from gate.errors import ApiError
from gate.models import ApiToken, Application, AssessmentRecord, Job, Opd, Outcome, Role, State, Submission, User
from gate.services import contract_runs, metadata, queries, uploads
from gate.services import submissions as flow
from gate.services.accounts import AccountError, create_token, revoke_token
from gate.services.audit import Actor
from gate.web import views
from gate.web.deps import (
    LANG_COOKIE,
    NOT_FOUND,
    Admin,
    AnyPost,
    AnyViewer,
    Developer,
    DeveloperPost,
    PageError,
    Reviewer,
    ReviewerPost,
    SignedIn,
    SignedInPost,
    Viewer,
    safe_next,
)
from gate.web.i18n import LABELS
from gate.web.render import PAGE_HEADERS, page, see_other
from reports import html as html_report
from reports import json_report
from reports.model import build
from rules.i18n import Text

router = APIRouter(include_in_schema=False)
PAGE = 50


@contextmanager
def _refusal_explained(back: str) -> Iterator[None]:
    """A workflow refusal becomes the error page, in the viewer's language, leading back."""
    try:
        yield
    except flow.WorkflowError as exc:
        raise PageError(exc.status, exc.text, back) from None


def _label(viewer: Viewer, key: str) -> str:
    return LABELS[key].get(viewer.lang)


# -- signing in, language ------------------------------------------------------------------


@router.get("/masuk")
def login_form(viewer: AnyViewer, next: Annotated[str, Query(max_length=2000)] = "/") -> Response:
    if viewer.actor is not None:
        return see_other(safe_next(next))
    return page(viewer, "login.html.j2", _label(viewer, "login"), next=safe_next(next), email="", error="")


@router.post("/masuk")
def login(
    request: Request,
    viewer: AnyPost,
    session: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    response = see_other(safe_next(next))
    try:
        sign_in(request, response, session, settings, email, password, {"via": "web"})
    except ApiError as refused:
        title, error = _label(viewer, "login"), refused.text.get(viewer.lang)
        return page(
            viewer, "login.html.j2", title, status=refused.status, next=safe_next(next), email=email, error=error
        )
    return response


@router.post("/keluar")
def logout(request: Request, viewer: SignedInPost, session: SessionDep) -> Response:
    sign_out(request, session, _actor(viewer))
    response = see_other("/masuk")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/bahasa/{lang}")
def switch_language(lang: str, next: Annotated[str, Query(max_length=2000)] = "/") -> Response:
    if lang not in ("id", "en"):
        lang = "id"
    response = see_other(safe_next(next))
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", path="/")
    return response


# -- home ----------------------------------------------------------------------------------


@router.get("/")
def home(viewer: SignedIn, session: SessionDep) -> Response:
    user = _user(viewer)
    if user.role is Role.DEVELOPER:
        apps = queries.applications(session, user, queries.Window(0, 500))
        latest = queries.latest_submissions(session, (a.id or 0 for a in apps))
        opd = session.get(Opd, user.opd_id) if user.opd_id else None
        rows = [(latest[a.id or 0], a, opd) for a in apps if (a.id or 0) in latest and opd is not None]
        results = queries.latest_assessments(session, (s.id or 0 for s, _, _ in rows))
        view_rows = views.submission_rows(rows, results, viewer.lang)
        title = opd.nama if opd else _label(viewer, "home")
        return page(viewer, "dashboard.html.j2", title, "home", developer=True, rows=view_rows, counts=())
    counts = views.state_counts(queries.state_counts(session), viewer.lang)
    return page(viewer, "dashboard.html.j2", _label(viewer, "home"), "home", developer=False, rows=(), counts=counts)


def _user(viewer: Viewer) -> User:
    assert viewer.actor is not None  # the SignedIn dependencies guarantee it
    return viewer.actor.user


def _actor(viewer: Viewer) -> Actor:
    assert viewer.actor is not None
    return viewer.actor


# -- submitting ----------------------------------------------------------------------------


def _submit_page(viewer: Viewer, session: Session, status: int = 200, error: str = "", **values: str) -> HTMLResponse:
    names = [a.nama for a in queries.applications(session, _user(viewer), queries.Window(0, 500))]
    filled = {"application": "", "root": "", "document": "", "staging_url": "", **values}
    title = _label(viewer, "submit")
    return page(viewer, "submit.html.j2", title, "submit", status, values=filled, applications=names, error=error)


@router.get("/ajukan")
def submit_form(viewer: Developer, session: SessionDep) -> Response:
    return _submit_page(viewer, session)


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
        submission = flow.store(session, _actor(viewer), name, upload, staging_url=staging_url.strip() or None)
    except (uploads.UploadError, flow.WorkflowError) as exc:
        return _submit_page(viewer, session, exc.status, exc.text.get(viewer.lang), **kept)
    return see_other(f"/pengajuan/{submission.id}/metadata")


def _own_submission(viewer: Viewer, session: Session, submission_id: int) -> tuple[Submission, Application]:
    submission = session.get(Submission, submission_id)
    app = session.get(Application, submission.application_id) if submission else None
    # Another OPD's submission is 'not found', not 'forbidden': its existence is not revealed.
    if (
        submission is None
        or app is None
        or not flow.may_view(session, _actor(viewer), app, "submission", submission.id)
    ):
        raise PageError(404, NOT_FOUND)
    return submission, app


@router.get("/pengajuan/{submission_id}/metadata")
def metadata_form(submission_id: IdPath, viewer: Developer, session: SessionDep) -> Response:
    submission, app = _own_submission(viewer, session, submission_id)
    if submission.state is not State.SUBMITTED:
        return see_other(f"/pengajuan/{submission.id}")
    fields = views.metadata_fields(metadata.form_values(submission.x_spbe), viewer.lang)
    return page(
        viewer,
        "metadata.html.j2",
        _label(viewer, "metadata"),
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
    submission, _ = _own_submission(viewer, session, submission_id)
    form = await request.form()
    submitted = {f.name: str(form.get(f.name) or "") for f in metadata.FIELDS}
    merged = metadata.merge(submission.x_spbe, submitted)
    size = sum(f.size for f in queries.files(session, submission_id))
    with _refusal_explained(f"/pengajuan/{submission_id}"):
        if size > settings.inline_assess_max_bytes:  # a large document: assessed by a worker
            job = flow.queue_assessment(
                session, _actor(viewer), submission, dispatcher, metadata=merged, max_attempts=settings.job_max_attempts
            )
            return see_other(f"/pengajuan/{submission_id}/tugas/{job.id}")
        flow.assess_submission(session, _actor(viewer), submission, metadata=merged)
    return see_other(f"/pengajuan/{submission_id}")


# -- one submission ------------------------------------------------------------------------


@router.get("/pengajuan/{submission_id}")
def submission_page(
    submission_id: IdPath,
    request: Request,
    viewer: SignedIn,
    session: SessionDep,
    settings: SettingsDep,
    penilaian: Annotated[int | None, Query(ge=1, le=2**31)] = None,
) -> Response:
    submission, app = _own_submission(viewer, session, submission_id)
    user = _user(viewer)
    assessments = queries.assessments(session, submission.id or 0)  # reports deferred
    shown = _chosen(assessments, penilaian)
    decisions = queries.decisions(session, submission.id or 0)
    people = queries.names(session, [submission.submitted_by, *(d.reviewer_id for d in decisions)])
    opd = session.get(Opd, app.opd_id)
    assert opd is not None
    view = views.submission_page(
        sub=submission,
        app=app,
        opd=opd,
        submitter=people.get(submission.submitted_by, "?"),
        files=queries.files(session, submission.id or 0),
        decisions=decisions,
        reviewers=people,
        assessments=assessments,
        shown=shown,
        report=_reports(request).get(shown, viewer.lang) if shown else None,
        waivers=queries.waivers(session, app.id or 0),
        is_reviewer=user.role in (Role.REVIEWER, Role.ADMIN),
        is_owner=user.role is Role.DEVELOPER and user.opd_id == app.opd_id,
        lang=viewer.lang,
        jobs=queries.jobs(session, submission.id or 0, queries.Window(0, 20)),
        contract=views.contract_form(
            submission, settings.contract_time_limit_s, settings.contract_max_requests, viewer.lang
        ),
    )
    section = "queue" if user.role is not Role.DEVELOPER else "home"
    return page(viewer, "submission.html.j2", f"{app.nama} #{submission.number}", section, s=view)


def _reports(request: Request) -> views.ReportCache:
    cache: views.ReportCache = request.app.state.reports
    return cache


def _chosen(assessments: list[AssessmentRecord], wanted: int | None) -> AssessmentRecord | None:
    """The assessment asked for (one of this submission's), else the newest."""
    if wanted is None:
        return assessments[-1] if assessments else None
    for candidate in assessments:
        if candidate.id == wanted:
            return candidate
    raise PageError(404, NOT_FOUND)


def _full_report(record: AssessmentRecord, viewer: Viewer) -> Response:
    """The engine's standalone HTML report, every finding, printable."""
    view = build(json_report.from_dict(record.report), viewer.lang)
    return HTMLResponse(html_report.render(view), headers=PAGE_HEADERS)


@router.get("/pengajuan/{submission_id}/laporan")
def full_report(
    submission_id: IdPath,
    viewer: SignedIn,
    session: SessionDep,
    penilaian: Annotated[int | None, Query(ge=1, le=2**31)] = None,
) -> Response:
    submission, _ = _own_submission(viewer, session, submission_id)
    chosen = _chosen(queries.assessments(session, submission.id or 0), penilaian)
    if chosen is None:
        raise PageError(404, NOT_FOUND)
    return _full_report(chosen, viewer)


@router.post("/pengajuan/{submission_id}/tinjau")
def start_review(submission_id: IdPath, viewer: ReviewerPost, session: SessionDep) -> Response:
    submission, _ = _own_submission(viewer, session, submission_id)
    with _refusal_explained(f"/pengajuan/{submission_id}"):
        flow.start_review(session, _actor(viewer), submission)
    return see_other(f"/pengajuan/{submission_id}")


@router.post("/pengajuan/{submission_id}/keputusan")
def decide(
    submission_id: IdPath,
    viewer: ReviewerPost,
    session: SessionDep,
    outcome: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=5000)] = "",
    override: Annotated[str, Form(max_length=10)] = "",
    supersedes: Annotated[int, Form(ge=0, le=2**31)] = 0,
) -> Response:
    submission, _ = _own_submission(viewer, session, submission_id)
    back = f"/pengajuan/{submission_id}"
    try:
        chosen = Outcome(outcome)
    except ValueError:
        raise PageError(422, Text("Pilih keputusan.", "Choose a decision."), back) from None
    with _refusal_explained(back):
        flow.decide(
            session, _actor(viewer), submission, chosen, reason, override=bool(override), supersedes=supersedes or None
        )
    return see_other(back)


@router.post("/pengajuan/{submission_id}/nilai-ulang")
def reassess(submission_id: IdPath, viewer: ReviewerPost, session: SessionDep) -> Response:
    submission, _ = _own_submission(viewer, session, submission_id)
    if submission.state is State.SUBMITTED:
        raise PageError(409, Text("Pengajuan belum dinilai.", "The submission is not assessed yet."))
    flow.reassess(session, _actor(viewer), submission)
    return see_other(f"/pengajuan/{submission_id}")


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
    submission, _ = _own_submission(viewer, session, submission_id)
    request = contract_runs.RunRequest(
        base_url=base_url or submission.staging_url or "",
        auth=auth,
        header_name=header_name.strip(),
        token_url=token_url,
        scope=scope,
        time_limit_s=_int(time_limit, 1, 3600),
        max_requests=_int(max_requests, 1, 100_000),
    )
    secrets = {"token": token, "value": header_value, "client_id": client_id, "client_secret": client_secret}
    with _refusal_explained(f"/pengajuan/{submission_id}"):
        job = contract_runs.start(session, _actor(viewer), submission, request, secrets, settings, dispatcher)
    return see_other(f"/pengajuan/{submission_id}/tugas/{job.id}")


@router.get("/pengajuan/{submission_id}/tugas/{job_id}")
def job_page(submission_id: IdPath, job_id: IdPath, viewer: SignedIn, session: SessionDep) -> Response:
    submission, app = _own_submission(viewer, session, submission_id)
    job = session.get(Job, job_id)
    if job is None or job.submission_id != submission.id:
        raise PageError(404, NOT_FOUND)
    view = views.job_page(job, viewer.lang)
    title = f"{_label(viewer, 'job')} {job.id} · {app.nama} #{submission.number}"
    return page(viewer, "job.html.j2", title, "home", j=view)


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
    with _refusal_explained(back):
        flow.grant_waiver(session, _actor(viewer), app, rule, pointer, reason, until)
    return see_other(back)


# -- the queue and the catalogue -----------------------------------------------------------

_AWAITING = (State.ASSESSED, State.IN_REVIEW)


def _int(text: str | None, low: int, high: int) -> int | None:
    return int(text) if text and text.isdigit() and low <= int(text) <= high else None


@router.get("/antrean")
def queue(
    viewer: Reviewer,
    session: SessionDep,
    opd: Annotated[str | None, Query(max_length=12)] = None,
    status: Annotated[str, Query(max_length=30)] = "menunggu",
    tingkat: Annotated[str | None, Query(max_length=2)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    opd_id, level = _int(opd, 1, 2**31), _int(tingkat, 1, 5)
    states: tuple[State, ...] = _AWAITING if status == "menunggu" else ()
    if status in {s.value for s in State}:
        states = (State(status),)
    elif status != "menunggu":
        status = ""
    rows = queries.submissions(
        session, _user(viewer), queries.Window(offset, PAGE), states=states, opd_id=opd_id, level=level
    )
    results = queries.latest_assessments(session, (s.id or 0 for s, _, _ in rows))
    params = {"opd": opd_id, "status": status, "tingkat": level}
    return page(
        viewer,
        "queue.html.j2",
        _label(viewer, "queue"),
        "queue",
        rows=views.submission_rows(rows, results, viewer.lang),
        filters=views.queue_filters(queries.opds(session), opd_id, status, level, viewer.lang),
        prev_href=views.page_link("/antrean", {**params, "offset": offset - PAGE}) if offset else "",
        next_href=views.page_link("/antrean", {**params, "offset": offset + PAGE}) if len(rows) == PAGE else "",
    )


@router.get("/katalog")
def catalogue(
    viewer: SignedIn,
    session: SessionDep,
    q: Annotated[str, Query(max_length=200)] = "",
    opd: Annotated[str | None, Query(max_length=12)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    opd_id = _int(opd, 1, 2**31)
    rows = queries.catalogue(session, queries.Window(offset, PAGE), q=q, opd_id=opd_id)
    results = queries.latest_assessments(session, (s.id or 0 for _, _, s in rows))
    params = {"q": q, "opd": opd_id}
    every = views.Option("", _label(viewer, "all"), opd_id is None)
    return page(
        viewer,
        "catalogue.html.j2",
        _label(viewer, "catalogue"),
        "catalogue",
        q=q,
        opds=(every, *(views.Option(str(o.id), o.nama, o.id == opd_id) for o in queries.opds(session))),
        rows=views.catalogue_rows(rows, results, viewer.lang),
        prev_href=views.page_link("/katalog", {**params, "offset": offset - PAGE}) if offset else "",
        next_href=views.page_link("/katalog", {**params, "offset": offset + PAGE}) if len(rows) == PAGE else "",
    )


@router.get("/katalog/{application_id}")
def catalogue_entry(application_id: IdPath, request: Request, viewer: SignedIn, session: SessionDep) -> Response:
    app, opd, sub = _catalogued(session, application_id)
    record = queries.latest_assessments(session, [sub.id or 0]).get(sub.id or 0)
    entry = views.catalogue_entry(
        app,
        opd,
        sub,
        queries.files(session, sub.id or 0),
        _reports(request).get(record, viewer.lang) if record else None,
        queries.approved_at(session, sub.id or 0),
        viewer.lang,
    )
    return page(viewer, "catalogue_entry.html.j2", app.nama, "catalogue", e=entry)


def _catalogued(session: Session, application_id: int) -> tuple[Application, Opd, Submission]:
    found = queries.catalogued(session, application_id)
    if found is None:
        raise PageError(404, Text("Tidak ada di katalog.", "Not in the catalogue."), "/katalog")
    return found


@router.get("/katalog/{application_id}/laporan")
def catalogue_report(application_id: IdPath, viewer: SignedIn, session: SessionDep) -> Response:
    _, _, sub = _catalogued(session, application_id)
    latest = flow.latest_assessment(session, sub)
    if latest is None:
        raise PageError(404, NOT_FOUND, "/katalog")
    return _full_report(latest, viewer)


# -- CI tokens and the audit log -----------------------------------------------------------


def _tokens_page(viewer: Viewer, session: Session, new_token: str = "", status: int = 200) -> HTMLResponse:
    rows = views.token_rows(queries.tokens(session, _user(viewer).opd_id or 0), viewer.lang)
    title = _label(viewer, "tokens")
    return page(viewer, "tokens.html.j2", title, "tokens", status, rows=rows, new_token=new_token, error="")


@router.get("/token")
def tokens(viewer: Developer, session: SessionDep) -> Response:
    return _tokens_page(viewer, session)


@router.post("/token")
def new_token(viewer: DeveloperPost, session: SessionDep, nama: Annotated[str, Form(max_length=120)] = "") -> Response:
    if not nama.strip():
        raise PageError(422, Text("Beri nama token.", "Name the token."), "/token")
    try:
        _, plain = create_token(session, _actor(viewer), nama)
    except AccountError:
        raise PageError(403, Text("Hanya pengembang OPD.", "OPD developers only."), "/token") from None
    session.commit()
    # Shown once, in this answer only: never stored, never in a URL.
    return _tokens_page(viewer, session, plain, 201)


@router.post("/token/{token_id}/cabut")
def revoke(token_id: IdPath, viewer: DeveloperPost, session: SessionDep) -> Response:
    token = session.get(ApiToken, token_id)
    if token is None or token.opd_id != _user(viewer).opd_id:
        raise PageError(404, NOT_FOUND, "/token")
    revoke_token(session, _actor(viewer), token)
    session.commit()
    return see_other("/token")


@router.get("/audit")
def audit(viewer: Admin, session: SessionDep, sebelum: Annotated[int | None, Query(ge=1, le=2**62)] = None) -> Response:
    events = queries.audit(session, queries.Window(0, PAGE), before_id=sebelum)
    older = f"/audit?sebelum={events[-1].id}" if len(events) == PAGE else ""
    title = _label(viewer, "audit")
    return page(viewer, "audit.html.j2", title, "audit", rows=views.audit_rows(events, viewer.lang), next_href=older)
