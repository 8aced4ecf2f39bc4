"""FastAPI dependencies: settings, database session, the acting user (cookie session or CI token)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Path, Query, Request
from sqlmodel import Session

from gate.api.signin import client_ip, session_user
from gate.core.config import Settings
from gate.core.security import Sessions
from gate.errors import ApiError
from gate.models import Role
from gate.services.accounts import user_for_token
from gate.services.audit import Actor, refused_csrf
from gate.services.jobs import Dispatcher
from gate.services.queries import Window
from rules.i18n import Text

_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


def get_dispatcher(request: Request) -> Dispatcher:
    dispatcher: Dispatcher = request.app.state.dispatcher
    return dispatcher


SettingsDep = Annotated[Settings, Depends(get_settings)]
DispatcherDep = Annotated[Dispatcher, Depends(get_dispatcher)]
SessionDep = Annotated[Session, Depends(get_db)]

NOT_SIGNED_IN = Text("Anda belum masuk.", "You are not signed in.")


def optional_actor(
    request: Request, session: SessionDep, authorization: Annotated[str | None, Header(include_in_schema=False)] = None
) -> Actor | None:
    """The user behind a CI token (``Authorization: Bearer``) or a session cookie, else None."""
    ip = client_ip(request)
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(401, Text("Header Authorization tidak dikenali.", "Unrecognised Authorization header."))
        found = user_for_token(session, value.strip())
        if found is None:
            raise ApiError(401, Text("Token tidak berlaku.", "The token is not valid."))
        user, token = found
        session.commit()  # last_used_at
        return Actor(user, ip, via_token=token.id)
    found_session = session_user(request, session)
    if found_session is None:
        return None
    signed_in, nonce = found_session
    sessions: Sessions = request.app.state.sessions
    actor = Actor(signed_in, ip)
    if request.method in _UNSAFE and not sessions.csrf_ok(nonce, request.headers.get("x-csrf-token")):
        refused_csrf(session, actor, request)
        raise ApiError(403, Text("Token CSRF tidak sah.", "Invalid CSRF token."))
    return actor


def current_actor(actor: Annotated[Actor | None, Depends(optional_actor)]) -> Actor:
    if actor is None:
        raise ApiError(401, NOT_SIGNED_IN)
    return actor


def reviewer_actor(actor: Annotated[Actor, Depends(current_actor)]) -> Actor:
    if actor.user.role not in (Role.REVIEWER, Role.ADMIN) or actor.via_token:
        raise ApiError(403, Text("Khusus peninjau Diskominfo.", "For Diskominfo reviewers only."))
    return actor


def admin_actor(actor: Annotated[Actor, Depends(current_actor)]) -> Actor:
    if actor.user.role is not Role.ADMIN or actor.via_token:
        raise ApiError(403, Text("Khusus administrator.", "For administrators only."))
    return actor


class Page:
    """``limit`` and ``offset`` query parameters, for every list."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=200, description="Jumlah butir per halaman.")] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000, description="Lewati sekian butir pertama.")] = 0,
    ):
        self.limit = limit
        self.offset = offset

    @property
    def window(self) -> Window:
        return Window(self.offset, self.limit)


PageDep = Annotated[Page, Depends()]
#: Row ids in paths: bounded, so a huge number is a 422, not a database overflow.
IdPath = Annotated[int, Path(ge=1, le=2_147_483_647, description="Nomor identitas.")]
CurrentActor = Annotated[Actor, Depends(current_actor)]
ReviewerActor = Annotated[Actor, Depends(reviewer_actor)]
AdminActor = Annotated[Actor, Depends(admin_actor)]
