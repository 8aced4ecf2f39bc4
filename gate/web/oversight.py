"""The oversight dashboard of reviewers and administrators, and the lists behind its numbers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlmodel import Session

from gate.api.deps import SessionDep
from gate.services import evaluation as cycle
from gate.services import oversight, queries, reporting
from gate.web.common import user_of
from gate.web.deps import Reviewer, Viewer
from gate.web.render import page
from gate.web.views import oversight as views
from gate.web.views import queue as queue_views

router = APIRouter(include_in_schema=False)

#: How many of the longest-waiting submissions the dashboard lists.
OLDEST = 10


@router.get("/dasbor")
def dashboard(viewer: Reviewer, session: SessionDep) -> Response:
    return dashboard_page(viewer, session, "dashboard")


def dashboard_page(viewer: Viewer, session: Session, section: str, **panels: Any) -> Response:
    """The dashboard (also a reviewer's home page, where ``section`` is ``home`` and ``panels``
    adds the user's notifications and the evaluation's panel)."""
    now = datetime.now(UTC)
    today = now.date()
    oldest = queries.submissions(session, user_of(viewer), queries.Window(0, OLDEST), states=queue_views.AWAITING)
    results = queries.latest_assessments(session, (s.id or 0 for s, _, _ in oldest))
    down, probed = oversight.down_count(session)
    evaluation = reporting.open_evaluation(session)
    progress = (
        views.progress(
            evaluation.year,
            cycle.progress(session, evaluation.id or 0),
            reporting.closed_on(evaluation),
            evaluation.deadline,
            viewer.lang,
        )
        if evaluation is not None
        else None
    )
    board = views.Dashboard(
        queue=views.queue_lines(oversight.queue_ages(session, now), viewer.lang, now),
        band_headers=views.band_headers(viewer.lang),
        oldest=queue_views.submission_rows(oldest, results, viewer.lang, now),
        expiring=views.expiries(oversight.expiring_counts(session, today), viewer.lang),
        down=views.Figure(str(down), "/dasbor/deployment"),
        down_of=views.LABELS["down_of"].get(viewer.lang).format(n=probed),
        evaluation=progress,
        levels=views.level_table(oversight.levels_per_opd(session), viewer.lang),
    )
    lb = views.labels(viewer.lang)
    return page(viewer, "oversight.html.j2", lb["title"], section, d=board, lb=lb, **panels)


@router.get("/dasbor/rekomendasi")
def expiring(viewer: Reviewer, session: SessionDep, hari: Annotated[int, Query(ge=1, le=366)] = 30) -> Response:
    today = datetime.now(UTC).date()
    rows = views.expiring_rows(oversight.expiring(session, today, hari), today)
    lb = views.labels(viewer.lang)
    title = lb["expiring_list"].format(n=hari)
    return page(viewer, "oversight_list.html.j2", title, "dashboard", lb=lb, expiring=rows, down=None)


@router.get("/dasbor/deployment")
def down(viewer: Reviewer, session: SessionDep) -> Response:
    rows = views.down_rows(oversight.down(session), viewer.lang)
    lb = views.labels(viewer.lang)
    return page(viewer, "oversight_list.html.j2", lb["down_list"], "dashboard", lb=lb, expiring=None, down=rows)
