"""Signing in and out, and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from gate.api.deps import SessionDep, SettingsDep
from gate.api.signin import SESSION_COOKIE, sign_in, sign_out
from gate.errors import ApiError
from gate.services import accounts
from gate.web.common import (
    actor_of,
    label,
)
from gate.web.deps import (
    LANG_COOKIE,
    AnyPost,
    AnyViewer,
    SignedInPost,
    safe_next,
)
from gate.web.render import page, see_other

router = APIRouter(include_in_schema=False)


# -- signing in, language ------------------------------------------------------------------


@router.get("/masuk")
def login_form(viewer: AnyViewer, next: Annotated[str, Query(max_length=2000)] = "/") -> Response:
    if viewer.actor is not None:
        return see_other(safe_next(next))
    return page(viewer, "login.html.j2", label(viewer, "login"), next=safe_next(next), email="", error="")


@router.post("/masuk")
def login(
    request: Request,
    viewer: AnyPost,
    session: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    response = see_other(safe_next(next))
    try:
        sign_in(request, response, session, settings, email, password, {"via": "web"})
    except ApiError as refused:
        title, error = label(viewer, "login"), refused.text.get(viewer.lang)
        return page(
            viewer, "login.html.j2", title, status=refused.status, next=safe_next(next), email=email, error=error
        )
    return response


@router.post("/keluar")
def logout(request: Request, viewer: SignedInPost, session: SessionDep) -> Response:
    sign_out(request, session, actor_of(viewer))
    response = see_other("/masuk")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/bahasa/{lang}")
def switch_language(
    lang: str,
    request: Request,
    viewer: AnyViewer,
    session: SessionDep,
    next: Annotated[str, Query(max_length=2000)] = "/",
) -> Response:
    if lang not in ("id", "en"):
        lang = "id"
    # Kept for e-mail, which has no cookie; a link from another site (a GET, no CSRF token) may
    # switch the page but not what the user's mail is written in.
    if viewer.user is not None and request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none"):
        accounts.set_language(session, viewer.user, lang)
    response = see_other(safe_next(next))
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", path="/")
    return response
