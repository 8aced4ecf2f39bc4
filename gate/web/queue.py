"""The reviewers' queue."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from gate.api.deps import SessionDep
from gate.models import State
from gate.services import queries
from gate.web.common import (
    PAGE,
    int_param,
    label,
    user_of,
)
from gate.web.deps import (
    Reviewer,
)
from gate.web.render import page
from gate.web.views import common as common_views
from gate.web.views import queue as queue_views

router = APIRouter(include_in_schema=False)


# -- the queue and the catalogue -----------------------------------------------------------

_AWAITING = (State.ASSESSED, State.IN_REVIEW)


@router.get("/antrean")
def queue(
    viewer: Reviewer,
    session: SessionDep,
    opd: Annotated[str | None, Query(max_length=12)] = None,
    status: Annotated[str, Query(max_length=30)] = "menunggu",
    tingkat: Annotated[str | None, Query(max_length=2)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    opd_id, level = int_param(opd, 1, 2**31), int_param(tingkat, 1, 5)
    states: tuple[State, ...] = _AWAITING if status == "menunggu" else ()
    if status in {s.value for s in State}:
        states = (State(status),)
    elif status != "menunggu":
        status = ""
    rows = queries.submissions(
        session, user_of(viewer), queries.Window(offset, PAGE), states=states, opd_id=opd_id, level=level
    )
    results = queries.latest_assessments(session, (s.id or 0 for s, _, _ in rows))
    params = {"opd": opd_id, "status": status, "tingkat": level}
    return page(
        viewer,
        "queue.html.j2",
        label(viewer, "queue"),
        "queue",
        rows=queue_views.submission_rows(rows, results, viewer.lang),
        filters=queue_views.queue_filters(queries.opds(session), opd_id, status, level, viewer.lang),
        prev_href=common_views.page_link("/antrean", {**params, "offset": offset - PAGE}) if offset else "",
        next_href=common_views.page_link("/antrean", {**params, "offset": offset + PAGE}) if len(rows) == PAGE else "",
    )
