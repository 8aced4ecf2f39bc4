"""The audit log (administrators)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from gate.api.deps import SessionDep
from gate.services import queries
from gate.web.common import (
    PAGE,
    label,
)
from gate.web.deps import (
    Admin,
)
from gate.web.render import page
from gate.web.views import audit as audit_views

router = APIRouter(include_in_schema=False)


@router.get("/audit")
def audit(viewer: Admin, session: SessionDep, sebelum: Annotated[int | None, Query(ge=1, le=2**62)] = None) -> Response:
    events = queries.audit(session, queries.Window(0, PAGE), before_id=sebelum)
    older = f"/audit?sebelum={events[-1].id}" if len(events) == PAGE else ""
    title = label(viewer, "audit")
    opds = {o.id or 0: o.nama for o in queries.opds(session)}
    rows = audit_views.audit_rows(events, viewer.lang, opds)
    return page(viewer, "audit.html.j2", title, "audit", rows=rows, next_href=older)
