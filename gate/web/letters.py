"""Decision letters: the printable letter (HTML and PDF, one template) for those who may read it,
and the public page that tells anyone whether a letter is genuine and still valid."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from gate.api.deps import SessionDep, SettingsDep
from gate.api.signin import client_ip
from gate.core.config import Settings
from gate.core.security import DatabaseRateLimiter, RateLimiter, RedisRateLimiter
from gate.errors import attachment
from gate.models import Application, AssessmentRecord, Decision, Letter, Opd, Submission, User
from gate.services import letters
from gate.services import submissions as flow
from gate.web.common import actor_of
from gate.web.deps import NOT_FOUND, AnyViewer, PageError, SignedIn, Viewer
from gate.web.render import PAGE_HEADERS, environment, page
from gate.web.views import letters as letter_views
from rules.i18n import Lang, Text

router = APIRouter(include_in_schema=False)

#: Codes are ``secrets.token_urlsafe(12)``: anything longer is not one.
Code = Annotated[str, Path(min_length=1, max_length=40)]

_LIMITED = Text(
    "Terlalu banyak pemeriksaan dari alamat ini; tunggu satu menit.",
    "Too many checks from this address; wait a minute.",
)


def _readable(viewer: Viewer, session: Session, code: str) -> Letter:
    """The letter, for reviewers and administrators, and for its own OPD's developers only: to
    anyone else it is 'not found' (its existence is not revealed; the refusal is audited)."""
    letter = letters.by_code(session, code)
    app = session.get(Application, letter.application_id) if letter else None
    if letter is None or app is None or not flow.may_view(session, actor_of(viewer), app, "letter", letter.id):
        raise PageError(404, NOT_FOUND)
    return letter


def letter_html(
    session: Session, settings: Settings, letter: Letter, lang: Lang, *, toolbar: bool, switch_href: str = ""
) -> str:
    """The letter as one HTML document: the page, its print, and the PDF (the API's too)."""
    app = session.get(Application, letter.application_id)
    sub = session.get(Submission, letter.submission_id)
    opd = session.get(Opd, app.opd_id) if app else None
    decision = session.get(Decision, letter.decision_id)
    assert app is not None and sub is not None and opd is not None and decision is not None
    view = letter_views.letter_page(
        letter=letter,
        app=app,
        opd=opd,
        sub=sub,
        reviewer=session.get(User, letter.reviewer_id),
        # The assessment the decision was made on: what the letter's opening cites.
        assessment=session.get(AssessmentRecord, decision.assessment_id) if decision.assessment_id else None,
        settings=settings,
        lang=lang,
        toolbar=toolbar,
        switch_href=switch_href,
    )
    return environment().get_template("letter.html.j2").render(l=view)


def pdf_response(session: Session, settings: Settings, letter: Letter, lang: Lang) -> Response:
    from gate.web.printing import html_to_pdf  # WeasyPrint loads Pango: only when a PDF is asked for

    pdf = html_to_pdf(letter_html(session, settings, letter, lang, toolbar=False))
    headers = {"Content-Disposition": attachment(letter_views.pdf_name(letter)), "Cache-Control": "no-store"}
    return Response(pdf, media_type="application/pdf", headers=headers)


# The PDF's route first: ``{code}`` alone would also match ``abc.pdf``.
@router.get("/surat/{code}.pdf")
def letter_pdf(code: Code, viewer: SignedIn, session: SessionDep, settings: SettingsDep) -> Response:
    return pdf_response(session, settings, _readable(viewer, session, code), viewer.lang)


@router.get("/surat/{code}")
def letter_page(code: Code, viewer: SignedIn, session: SessionDep, settings: SettingsDep) -> Response:
    letter = _readable(viewer, session, code)
    other = "en" if viewer.lang == "id" else "id"
    switch = f"/bahasa/{other}?next=/surat/{letter.code}"
    html = letter_html(session, settings, letter, viewer.lang, toolbar=True, switch_href=switch)
    return HTMLResponse(html, headers=PAGE_HEADERS)


def _limiter(request: Request) -> RateLimiter:
    """Counted where every web process sees it, as sign-in attempts are (made on first use)."""
    state = request.app.state
    limiter: RateLimiter | None = getattr(state, "verification_limiter", None)
    if limiter is None:
        settings: Settings = state.settings
        limit = settings.verification_per_minute
        if settings.jobs == "celery":
            limiter = RedisRateLimiter(settings.broker_url, f"spbe-gate:{settings.job_queue}:verify", limit)
        else:
            limiter = DatabaseRateLimiter(state.engine, limit)
        state.verification_limiter = limiter
    return limiter


@router.get("/verifikasi/{code}")
def verification(
    code: Code, request: Request, viewer: AnyViewer, session: SessionDep, settings: SettingsDep
) -> Response:
    """Public: whether the letter is genuine and still valid, and for what; nothing more."""
    if not _limiter(request).hit(f"verify:{client_ip(request)}"):
        raise PageError(429, _LIMITED)
    letter = letters.by_code(session, code)
    app = session.get(Application, letter.application_id) if letter else None
    view = letter_views.verification_page(
        letter=letter,
        app=app,
        opd=session.get(Opd, app.opd_id) if app else None,
        sub=session.get(Submission, letter.submission_id) if letter else None,
        settings=settings,
        lang=viewer.lang,
    )
    return page(viewer, "verification.html.j2", view.heading, status=200 if view.genuine else 404, v=view)
