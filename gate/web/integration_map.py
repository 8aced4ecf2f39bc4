"""The integration map: the catalogue's applications by OPD and what they call, for every
signed-in user (the catalogue is shared across OPDs); exported as JSON and GraphML."""

from __future__ import annotations

import orjson
from fastapi import APIRouter
from fastapi.responses import Response

from gate.api.deps import SessionDep
from gate.services import integration
from gate.web.deps import SignedIn
from gate.web.render import PAGE_HEADERS, page
from gate.web.views import integration_map as map_views

router = APIRouter(include_in_schema=False)


@router.get("/peta-integrasi")
def integration_map(viewer: SignedIn, session: SessionDep) -> Response:
    view = map_views.map_page(integration.graph(session), viewer.lang)
    return page(viewer, "integration_map.html.j2", map_views.title(viewer.lang), "catalogue", m=view)


def _download(body: bytes, media_type: str, filename: str) -> Response:
    headers = {**PAGE_HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, media_type=media_type, headers=headers)


@router.get("/peta-integrasi.json")
def integration_map_json(viewer: SignedIn, session: SessionDep) -> Response:
    body = orjson.dumps(integration.graph(session).as_dict(), option=orjson.OPT_INDENT_2)
    return _download(body, "application/json", "peta-integrasi.json")


@router.get("/peta-integrasi.graphml")
def integration_map_graphml(viewer: SignedIn, session: SessionDep) -> Response:
    return _download(map_views.graphml(integration.graph(session)), "application/graphml+xml", "peta-integrasi.graphml")
