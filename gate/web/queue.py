"""The reviewers' queue: searched, filtered and sorted, each item with the time it has waited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from gate.api.deps import SessionDep
from gate.models import State
from gate.services import oversight, queries
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
from rules.sustainability.xspbe import LIFECYCLES

router = APIRouter(include_in_schema=False)


# -- the queue and the catalogue -----------------------------------------------------------

_AWAITING = queue_views.AWAITING


@router.get("/antrean")
def queue(
    viewer: Reviewer,
    session: SessionDep,
    opd: Annotated[str | None, Query(max_length=12)] = None,
    status: Annotated[str, Query(max_length=30)] = "menunggu",
    tingkat: Annotated[str | None, Query(max_length=2)] = None,
    q: Annotated[str, Query(max_length=200)] = "",
    siklus: Annotated[str, Query(max_length=20)] = "",
    urut: Annotated[str, Query(max_length=20)] = "lama",
    umur: Annotated[str, Query(max_length=10)] = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    opd_id, level = int_param(opd, 1, 2**31), int_param(tingkat, 1, 5)
    states: tuple[State, ...] = _AWAITING if status == "menunggu" else ()
    if status in {s.value for s in State}:
        states = (State(status),)
    elif status not in ("menunggu", "katalog"):
        status = ""
    siklus = siklus if siklus in LIFECYCLES else ""
    urut = urut if urut in queue_views.SORT_PARAMS else "lama"
    now = datetime.now(UTC)
    band = oversight.age_range(umur)
    umur = umur if band else ""
    # Waited at least ``low`` days and less than ``high``: submitted in (now - high, now - low], as the
    # dashboard counts its bands.
    since = until = None
    if band is not None:
        tick = timedelta(microseconds=1)
        until = now - timedelta(days=band[0]) + tick
        since = now - timedelta(days=band[1]) + tick if band[1] is not None else None
    rows = queries.submissions(
        session,
        user_of(viewer),
        queries.Window(offset, PAGE),
        states=states,
        opd_id=opd_id,
        level=level,
        q=q,
        lifecycle=siklus or None,
        catalogued=status == "katalog",
        submitted_between=(since, until),
        sort=queue_views.SORT_PARAMS[urut],
    )
    results = queries.latest_assessments(session, (s.id or 0 for s, _, _ in rows))
    params = {"q": q, "opd": opd_id, "status": status, "tingkat": level, "siklus": siklus, "umur": umur}
    params["urut"] = urut if urut != "lama" else ""
    return page(
        viewer,
        "queue.html.j2",
        label(viewer, "queue"),
        "queue",
        rows=queue_views.submission_rows(rows, results, viewer.lang, now),
        filters=queue_views.queue_filters(
            queries.opds(session), opd_id, status, level, viewer.lang, lifecycle=siklus, sort=urut, age=umur, q=q
        ),
        ql=queue_views.queue_labels(viewer.lang),
        prev_href=common_views.page_link("/antrean", {**params, "offset": offset - PAGE}) if offset else "",
        next_href=common_views.page_link("/antrean", {**params, "offset": offset + PAGE}) if len(rows) == PAGE else "",
    )
