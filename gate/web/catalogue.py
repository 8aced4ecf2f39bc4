"""The catalogue of approved APIs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlmodel import Session

from gate.api.deps import IdPath, SessionDep
from gate.models import Application, Opd, Submission
from gate.services import queries
from gate.services import submissions as flow
from gate.web.common import (
    PAGE,
    full_report_page,
    int_param,
    label,
    report_cache,
    user_of,
)
from gate.web.deps import (
    NOT_FOUND,
    PageError,
    SignedIn,
)
from gate.web.render import page
from gate.web.views import catalogue as catalogue_views
from gate.web.views import common as common_views
from gate.web.views import letters as letter_views
from gate.web.views import monitoring as monitoring_views
from rules.i18n import Text
from rules.sustainability.xspbe import LIFECYCLES

router = APIRouter(include_in_schema=False)


@router.get("/katalog")
def catalogue(
    viewer: SignedIn,
    session: SessionDep,
    q: Annotated[str, Query(max_length=200)] = "",
    opd: Annotated[str | None, Query(max_length=12)] = None,
    level: Annotated[str | None, Query(max_length=2)] = None,
    lifecycle: Annotated[str | None, Query(max_length=20)] = None,
    validity: Annotated[str | None, Query(max_length=20)] = None,
    include_expired: Annotated[str | None, Query(max_length=2)] = None,
    sort: Annotated[str | None, Query(max_length=20)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    # A GET form sends every field, empty ones too: anything unknown means 'no filter'.
    opd_id = int_param(opd, 1, 2**31)
    wanted_level = int_param(level, 1, 5)
    cycle = lifecycle if lifecycle in LIFECYCLES else None
    valid = validity if validity in queries.VALIDITIES else None
    expired = include_expired == "1"
    order = sort if sort in queries.CATALOGUE_SORTS else "nama"
    rows = queries.catalogue(
        session,
        queries.Window(offset, PAGE),
        q=q,
        opd_id=opd_id,
        level=wanted_level,
        lifecycle=cycle,
        validity=valid,
        include_expired=expired,
        sort=order,
    )
    ids = [s.id or 0 for _, _, s in rows]
    params = {
        "q": q,
        "opd": opd_id,
        "level": wanted_level,
        "lifecycle": cycle,
        "validity": valid,
        "include_expired": "1" if expired else None,
        "sort": None if order == "nama" else order,
    }
    return page(
        viewer,
        "catalogue.html.j2",
        label(viewer, "catalogue"),
        "catalogue",
        q=q,
        search=catalogue_views.catalogue_search(
            queries.opds(session),
            opd_id=opd_id,
            level=wanted_level,
            lifecycle=cycle,
            validity=valid,
            include_expired=expired,
            sort=order,
            lang=viewer.lang,
        ),
        rows=catalogue_views.catalogue_rows(
            rows, queries.latest_assessments(session, ids), queries.recommendations(session, ids), viewer.lang
        ),
        prev_href=common_views.page_link("/katalog", {**params, "offset": offset - PAGE}) if offset else "",
        next_href=common_views.page_link("/katalog", {**params, "offset": offset + PAGE}) if len(rows) == PAGE else "",
    )


@router.get("/katalog/{application_id}")
def catalogue_entry(application_id: IdPath, request: Request, viewer: SignedIn, session: SessionDep) -> Response:
    """Reachable directly whatever its validity: an expired entry leaves the search, not the record."""
    app, opd, sub = _catalogued(session, application_id)
    sid = sub.id or 0
    record = queries.latest_assessments(session, [sid]).get(sid)
    history = queries.recommendation_history(session, app.id or 0, queries.Window(0, 50))
    versions = queries.submission_numbers(session, (h.submission_id for h in history))
    recommendation = letter_views.recommendation(
        queries.recommendations(session, [sid]).get(sid),
        history,
        versions,
        flow.can_view(user_of(viewer), app),
        viewer.lang,
    )
    entry = catalogue_views.catalogue_entry(
        app,
        opd,
        sub,
        queries.files(session, sid),
        report_cache(request).get(record, viewer.lang) if record else None,
        queries.approved_at(session, sid),
        recommendation,
        viewer.lang,
    )
    deployments = monitoring_views.for_entry(session, app, sub, viewer.lang)
    return page(viewer, "catalogue_entry.html.j2", app.nama, "catalogue", e=entry, deployments=deployments)


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
    return full_report_page(latest, viewer)
