"""An OPD's CI tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from gate.api.deps import IdPath, SessionDep
from gate.models import ApiToken
from gate.services import queries
from gate.services.accounts import AccountError, create_token, revoke_token
from gate.web.common import (
    actor_of,
    label,
    user_of,
)
from gate.web.deps import (
    NOT_FOUND,
    Developer,
    DeveloperPost,
    PageError,
    Viewer,
)
from gate.web.render import page, see_other
from gate.web.views import accounts as accounts_views
from rules.i18n import Text

router = APIRouter(include_in_schema=False)


# -- CI tokens and the audit log -----------------------------------------------------------


def _tokens_page(viewer: Viewer, session: Session, new_token: str = "", status: int = 200) -> HTMLResponse:
    rows = accounts_views.token_rows(queries.tokens(session, user_of(viewer).opd_id or 0), viewer.lang)
    title = label(viewer, "tokens")
    return page(viewer, "tokens.html.j2", title, "tokens", status, rows=rows, new_token=new_token, error="")


@router.get("/token")
def tokens(viewer: Developer, session: SessionDep) -> Response:
    return _tokens_page(viewer, session)


@router.post("/token")
def new_token(viewer: DeveloperPost, session: SessionDep, nama: Annotated[str, Form(max_length=120)] = "") -> Response:
    if not nama.strip():
        raise PageError(422, Text("Beri nama token.", "Name the token."), "/token")
    try:
        _, plain = create_token(session, actor_of(viewer), nama)
    except AccountError:
        raise PageError(403, Text("Hanya pengembang OPD.", "OPD developers only."), "/token") from None
    session.commit()
    # Shown once, in this answer only: never stored, never in a URL.
    return _tokens_page(viewer, session, plain, 201)


@router.post("/token/{token_id}/cabut")
def revoke(token_id: IdPath, viewer: DeveloperPost, session: SessionDep) -> Response:
    token = session.get(ApiToken, token_id)
    if token is None or token.opd_id != user_of(viewer).opd_id:
        raise PageError(404, NOT_FOUND, "/token")
    revoke_token(session, actor_of(viewer), token)
    session.commit()
    return see_other("/token")
