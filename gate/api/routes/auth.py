"""Signing in and out (cookie session + CSRF token) and who am I."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from gate.api.deps import SESSION_COOKIE, CurrentActor, SessionDep, SettingsDep, client_ip
from gate.api.schemas import LoginIn, SessionOut, UserOut
from gate.core.security import RateLimiter, Sessions
from gate.errors import ApiError
from gate.services.accounts import authenticate
from gate.services.audit import Actor, record
from rules.i18n import Text

router = APIRouter(prefix="/auth", tags=["akun"])


@router.post("/login", response_model=SessionOut, summary="Masuk")
def login(
    body: LoginIn, request: Request, response: Response, session: SessionDep, settings: SettingsDep
) -> SessionOut:
    limiter: RateLimiter = request.app.state.login_limiter
    ip = client_ip(request)
    if not limiter.hit(f"ip:{ip}") or not limiter.hit(f"email:{body.email.strip().lower()}"):
        raise ApiError(
            429, Text("Terlalu banyak percobaan masuk; tunggu satu menit.", "Too many sign-in attempts; wait a minute.")
        )
    user = authenticate(session, body.email, body.password)
    if user is None:
        record(session, None, "auth.failed", "user", None, {"email": body.email[:320], "ip": ip})
        session.commit()
        raise ApiError(401, Text("Surel atau kata sandi salah.", "Wrong e-mail or password."))
    sessions: Sessions = request.app.state.sessions
    cookie = sessions.issue(user.id or 0)
    _, nonce = sessions.read(cookie) or (0, "")
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=settings.session_max_age_s,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
    )
    record(session, Actor(user, ip), "auth.login", "user", user.id)
    session.commit()
    return SessionOut(csrf_token=sessions.csrf_token(nonce), user=UserOut.model_validate(user))


@router.post("/logout", status_code=204, summary="Keluar")
def logout(response: Response) -> Response:
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.status_code = 204
    return response


@router.get("/me", response_model=UserOut, summary="Pengguna saat ini")
def me(actor: CurrentActor) -> UserOut:
    return UserOut.model_validate(actor.user)
