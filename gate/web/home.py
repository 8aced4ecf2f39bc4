"""The home page: an OPD developer's applications, a reviewer's counts."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from gate.api.deps import SessionDep
from gate.models import Opd, Role
from gate.services import queries
from gate.web import evaluation, notifications, oversight
from gate.web.common import (
    label,
    user_of,
)
from gate.web.deps import (
    SignedIn,
)
from gate.web.render import page
from gate.web.views import monitoring as monitoring_views
from gate.web.views import queue as queue_views

router = APIRouter(include_in_schema=False)


# -- home ----------------------------------------------------------------------------------


@router.get("/")
def home(viewer: SignedIn, session: SessionDep) -> Response:
    user = user_of(viewer)
    if user.role is Role.DEVELOPER:
        apps = queries.applications(session, user, queries.Window(0, 500))
        latest = queries.latest_submissions(session, (a.id or 0 for a in apps))
        opd = session.get(Opd, user.opd_id) if user.opd_id else None
        rows = [(latest[a.id or 0], a, opd) for a in apps if (a.id or 0) in latest and opd is not None]
        results = queries.latest_assessments(session, (s.id or 0 for s, _, _ in rows))
        view_rows = queue_views.submission_rows(rows, results, viewer.lang)
        title = opd.nama if opd else label(viewer, "home")
        return page(
            viewer,
            "dashboard.html.j2",
            title,
            "home",
            developer=True,
            rows=view_rows,
            counts=(),
            evaluation=evaluation.home_panel(session, viewer),
            notes=notifications.home_notes(session, viewer),
            deployments=monitoring_views.for_opd(session, user, viewer.lang),
        )
    # Reviewers and administrators start from the oversight dashboard, with their notifications.
    return oversight.dashboard_page(
        viewer,
        session,
        "home",
        notes=notifications.home_notes(session, viewer),
        evaluation=evaluation.home_panel(session, viewer),
    )
