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
)
from gate.web.deps import (
    NOT_FOUND,
    PageError,
    SignedIn,
)
from gate.web.render import page
from gate.web.views import catalogue as catalogue_views
from gate.web.views import common as common_views
from gate.web.views import monitoring as monitoring_views
from rules.i18n import Text

router = APIRouter(include_in_schema=False)


@router.get("/katalog")
def catalogue(
    viewer: SignedIn,
    session: SessionDep,
    q: Annotated[str, Query(max_length=200)] = "",
    opd: Annotated[str | None, Query(max_length=12)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    opd_id = int_param(opd, 1, 2**31)
    rows = queries.catalogue(session, queries.Window(offset, PAGE), q=q, opd_id=opd_id)
    results = queries.latest_assessments(session, (s.id or 0 for _, _, s in rows))
    params = {"q": q, "opd": opd_id}
    every = common_views.Option("", label(viewer, "all"), opd_id is None)
    return page(
        viewer,
        "catalogue.html.j2",
        label(viewer, "catalogue"),
        "catalogue",
        q=q,
        opds=(every, *(common_views.Option(str(o.id), o.nama, o.id == opd_id) for o in queries.opds(session))),
        rows=catalogue_views.catalogue_rows(rows, results, viewer.lang),
        prev_href=common_views.page_link("/katalog", {**params, "offset": offset - PAGE}) if offset else "",
        next_href=common_views.page_link("/katalog", {**params, "offset": offset + PAGE}) if len(rows) == PAGE else "",
    )


@router.get("/katalog/{application_id}")
def catalogue_entry(application_id: IdPath, request: Request, viewer: SignedIn, session: SessionDep) -> Response:
    app, opd, sub = _catalogued(session, application_id)
    record = queries.latest_assessments(session, [sub.id or 0]).get(sub.id or 0)
    entry = catalogue_views.catalogue_entry(
        app,
        opd,
        sub,
        queries.files(session, sub.id or 0),
        report_cache(request).get(record, viewer.lang) if record else None,
        queries.approved_at(session, sub.id or 0),
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
