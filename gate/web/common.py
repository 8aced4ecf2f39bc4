"""What the page routes share: who acts, whose submission it is, refusals explained, reports."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from gate.models import Application, AssessmentRecord, Submission, User
from gate.services import submissions as flow
from gate.services.audit import Actor
from gate.web.deps import (
    NOT_FOUND,
    PageError,
    Viewer,
)
from gate.web.i18n import LABELS
from gate.web.render import PAGE_HEADERS
from gate.web.views import submission as submission_views
from reports import html as html_report
from reports import json_report
from reports.model import build


@contextmanager
def refusal_explained(back: str) -> Iterator[None]:
    """A workflow refusal becomes the error page, in the viewer's language, leading back."""
    try:
        yield
    except flow.WorkflowError as exc:
        raise PageError(exc.status, exc.text, back) from None


def label(viewer: Viewer, key: str) -> str:
    return LABELS[key].get(viewer.lang)


def user_of(viewer: Viewer) -> User:
    assert viewer.actor is not None  # the SignedIn dependencies guarantee it
    return viewer.actor.user


def actor_of(viewer: Viewer) -> Actor:
    assert viewer.actor is not None
    return viewer.actor


def own_submission(viewer: Viewer, session: Session, submission_id: int) -> tuple[Submission, Application]:
    submission = session.get(Submission, submission_id)
    app = session.get(Application, submission.application_id) if submission else None
    # Another OPD's submission is 'not found', not 'forbidden': its existence is not revealed.
    if (
        submission is None
        or app is None
        or not flow.may_view(session, actor_of(viewer), app, "submission", submission.id)
    ):
        raise PageError(404, NOT_FOUND)
    return submission, app


def report_cache(request: Request) -> submission_views.ReportCache:
    cache: submission_views.ReportCache = request.app.state.reports
    return cache


def chosen_assessment(assessments: list[AssessmentRecord], wanted: int | None) -> AssessmentRecord | None:
    """The assessment asked for (one of this submission's), else the newest."""
    if wanted is None:
        return assessments[-1] if assessments else None
    for candidate in assessments:
        if candidate.id == wanted:
            return candidate
    raise PageError(404, NOT_FOUND)


def full_report_page(record: AssessmentRecord, viewer: Viewer) -> Response:
    """The engine's standalone HTML report, every finding, printable."""
    view = build(json_report.from_dict(record.report), viewer.lang)
    return HTMLResponse(html_report.render(view), headers=PAGE_HEADERS)


PAGE = 50


def int_param(text: str | None, low: int, high: int) -> int | None:
    return int(text) if text and text.isdigit() and low <= int(text) <= high else None
