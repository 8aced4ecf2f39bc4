"""Signing in and out (cookie session + CSRF token) and who am I."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from gate.api.deps import CurrentActor, SessionDep, SettingsDep
from gate.api.schemas import LoginIn, SessionOut, UserOut
from gate.api.signin import SESSION_COOKIE, sign_in, sign_out
from gate.core.security import Sessions

router = APIRouter(prefix="/auth", tags=["akun"])


@router.post("/login", response_model=SessionOut, summary="Masuk")
def login(
    body: LoginIn, request: Request, response: Response, session: SessionDep, settings: SettingsDep
) -> SessionOut:
    user, nonce = sign_in(request, response, session, settings, body.email, body.password)
    sessions: Sessions = request.app.state.sessions
    return SessionOut(csrf_token=sessions.csrf_token(nonce), user=UserOut.model_validate(user))


@router.post("/logout", status_code=204, summary="Keluar")
def logout(request: Request, response: Response, actor: CurrentActor, session: SessionDep) -> Response:
    """Ends the session on the server: its cookie, replayed, no longer works. Needs the CSRF token."""
    if actor.via_token is None:
        sign_out(request, session, actor)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.status_code = 204
    return response


@router.get("/me", response_model=UserOut, summary="Pengguna saat ini")
def me(actor: CurrentActor) -> UserOut:
    return UserOut.model_validate(actor.user)
