"""The cookie session, shared by the API and the web pages: who the cookie names, and signing in."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from functools import cache
from typing import Any

from fastapi import Request, Response
from sqlalchemy import bindparam, delete, or_, update
from sqlmodel import Session, col, select

from gate.core.config import Settings
from gate.core.security import RateLimiter, Sessions
from gate.errors import ApiError
from gate.models import User, UserSession, utcnow
from gate.services.accounts import authenticate
from gate.services.audit import Actor, record
from rules.i18n import Text

SESSION_COOKIE = "spbe_gate_session"


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def _session_id(nonce: str) -> str:
    """The row of a session is found by its nonce's hash: the table holds nothing a cookie is made of."""
    return hashlib.sha256(nonce.encode()).hexdigest()


@cache
def _open_session() -> Any:
    """Every request asks it: built once (a statement's construction and cache key cost more than
    SQLite's answer)."""
    return (
        select(User)
        .join(UserSession, col(UserSession.user_id) == User.id)
        .where(
            UserSession.id == bindparam("session"),
            UserSession.user_id == bindparam("user"),
            col(UserSession.ended_at).is_(None),
            col(UserSession.expires_at) > bindparam("now"),
        )
    )


def session_user(request: Request, session: Session) -> tuple[User, str] | None:
    """The active user the session cookie names, and the session's nonce (what CSRF tokens bind to).

    The cookie's signature is not enough: its session must still be open on the server (signing
    out ends it), and issued in the user's current generation (an administrator's change of the
    password, role or OPD ends the sessions issued before)."""
    sessions: Sessions = request.app.state.sessions
    read = sessions.read(request.cookies.get(SESSION_COOKIE))
    if read is None:
        return None
    user_id, nonce, generation = read
    user = session.exec(
        _open_session(), params={"session": _session_id(nonce), "user": user_id, "now": utcnow()}
    ).first()
    if user is None or not user.active or generation != user.session_generation:
        return None
    return user, nonce


def sign_out(request: Request, session: Session, actor: Actor) -> None:
    """End the session the request's cookie names, on the server; recorded in the audit log."""
    sessions: Sessions = request.app.state.sessions
    read = sessions.read(request.cookies.get(SESSION_COOKIE))
    if read is not None:
        session.execute(
            update(UserSession)
            .where(col(UserSession.id) == _session_id(read[1]), col(UserSession.ended_at).is_(None))
            .values(ended_at=utcnow())
        )
    record(session, actor, "auth.logout", "user", actor.user.id)
    session.commit()


def sign_in(
    request: Request,
    response: Response,
    session: Session,
    settings: Settings,
    email: str,
    password: str,
    detail: dict[str, str] | None = None,
) -> tuple[User, str]:
    """Check the password (rate limited per address and per e-mail), set the session cookie and
    record the attempt; returns the user and the new session's nonce. ApiError 429 or 401 otherwise.
    """
    limiter: RateLimiter = request.app.state.login_limiter
    ip = client_ip(request)
    if not limiter.hit(f"ip:{ip}") or not limiter.hit(f"email:{email.strip().lower()}"):
        record(session, None, "auth.limited", "user", None, {"email": email[:320], "ip": ip, **(detail or {})})
        session.commit()
        raise ApiError(
            429, Text("Terlalu banyak percobaan masuk; tunggu satu menit.", "Too many sign-in attempts; wait a minute.")
        )
    user = authenticate(session, email, password)
    if user is None:
        record(session, None, "auth.failed", "user", None, {"email": email[:320], "ip": ip, **(detail or {})})
        session.commit()
        raise ApiError(401, Text("Surel atau kata sandi salah.", "Wrong e-mail or password."))
    sessions: Sessions = request.app.state.sessions
    cookie = sessions.issue(user.id or 0, user.session_generation)
    _, nonce, _ = sessions.read(cookie) or (0, "", 0)
    now = utcnow()
    # The user's ended and expired sessions are of no further use: cleared at each sign-in.
    session.execute(
        delete(UserSession).where(
            col(UserSession.user_id) == user.id,
            or_(col(UserSession.ended_at).is_not(None), col(UserSession.expires_at) <= now),
        )
    )
    session.add(
        UserSession(
            id=_session_id(nonce),
            user_id=user.id or 0,
            created_at=now,
            expires_at=now + timedelta(seconds=settings.session_max_age_s),
            ip=ip[:64],
        )
    )
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=settings.session_max_age_s,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
    )
    record(session, Actor(user, ip), "auth.login", "user", user.id, detail)
    session.commit()
    return user, nonce
