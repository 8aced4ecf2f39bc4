"""Who is looking at a page, in which language, and the CSRF token their forms carry.

Pages use the same signed session cookie as the API. Every form posts a CSRF token bound to the
session (or, before signing in, to a random nonce kept in its own cookie); a POST without the
right one is refused before anything changes.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Form, Request
from sqlmodel import Session

from gate.api.deps import SessionDep
from gate.api.signin import client_ip, session_user
from gate.core.security import Sessions
from gate.models import Role, User
from gate.services.audit import Actor, refused_csrf
from gate.services.notifications import unread
from rules.i18n import Lang, Text

LANG_COOKIE = "lang"
FORM_COOKIE = "spbe_gate_form"


class PageError(Exception):
    """Rendered as the error page, in the viewer's language."""

    def __init__(self, status: int, text: Text, back: str = "/"):
        super().__init__(text.en)
        self.status = status
        self.text = text
        self.back = back


class SignInRequired(Exception):
    def __init__(self, next_url: str):
        super().__init__(next_url)
        self.next_url = next_url


NOT_FOUND = Text("Halaman atau data tidak ditemukan.", "Page or data not found.")
FORBIDDEN = Text("Anda tidak berhak membuka halaman ini.", "You may not open this page.")
BAD_CSRF = Text(
    "Formulir kedaluwarsa atau tidak sah; muat ulang halaman dan coba lagi.",
    "The form expired or is not valid; reload the page and try again.",
)


@dataclass(frozen=True, slots=True)
class Viewer:
    actor: Actor | None
    lang: Lang
    csrf: str
    #: The current page (path and query), where the language switch returns to.
    here: str
    #: A fresh pre-sign-in nonce that the response must set as a cookie.
    new_form_nonce: str | None = None
    #: Cookies set for this viewer go over HTTPS only (the deployment's ``secure_cookies``).
    secure_cookies: bool = False
    #: The user's unread notifications (the header's count): one indexed count per page.
    unread: int = 0

    @property
    def user(self) -> User | None:
        return self.actor.user if self.actor else None


def page_lang(request: Request) -> Lang:
    # Pages speak Bahasa Indonesia unless the user chose English (the switch sets the cookie).
    return "en" if request.cookies.get(LANG_COOKIE) == "en" else "id"


def safe_next(url: str | None) -> str:
    """A local path to return to; anything else (another site, a scheme) becomes the home page."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url or "\n" in url or "\r" in url:
        return "/"
    return url


def read_viewer(request: Request, session: Session) -> Viewer:
    sessions: Sessions = request.app.state.sessions
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    lang = page_lang(request)
    secure = bool(request.app.state.settings.secure_cookies)
    signed_in = session_user(request, session)
    if signed_in is not None:
        user, session_nonce = signed_in
        csrf = sessions.csrf_token(session_nonce)
        return Viewer(Actor(user, client_ip(request)), lang, csrf, here, None, secure, unread(session, user.id or 0))
    nonce = request.cookies.get(FORM_COOKIE)
    fresh = None
    if not nonce or len(nonce) > 64:
        nonce = fresh = secrets.token_urlsafe(16)
    return Viewer(None, lang, sessions.csrf_token("form:" + nonce), here, fresh, secure)


def viewer(request: Request, session: SessionDep) -> Viewer:
    return read_viewer(request, session)


def signed_in(request: Request, found: Annotated[Viewer, Depends(viewer)]) -> Viewer:
    if found.actor is None:
        raise SignInRequired(found.here if request.method == "GET" else "/")
    return found


def developer(found: Annotated[Viewer, Depends(signed_in)]) -> Viewer:
    if found.actor is None or found.actor.user.role is not Role.DEVELOPER:
        raise PageError(403, FORBIDDEN)
    return found


def reviewer(found: Annotated[Viewer, Depends(signed_in)]) -> Viewer:
    if found.actor is None or found.actor.user.role not in (Role.REVIEWER, Role.ADMIN):
        raise PageError(403, FORBIDDEN)
    return found


def admin(found: Annotated[Viewer, Depends(signed_in)]) -> Viewer:
    if found.actor is None or found.actor.user.role is not Role.ADMIN:
        raise PageError(403, FORBIDDEN)
    return found


class CsrfChecked:
    """The CSRF token a form posts, checked against the viewer's; a refusal is recorded."""

    def __init__(
        self, request: Request, session: SessionDep, csrf_token: Annotated[str | None, Form(max_length=200)] = None
    ):
        self.request, self.session, self.token = request, session, csrf_token

    def check(self, found: Viewer) -> Viewer:
        if not self.token or not hmac.compare_digest(found.csrf, self.token):
            refused_csrf(self.session, found.actor, self.request)
            raise PageError(403, BAD_CSRF)
        return found


Csrf = Annotated[CsrfChecked, Depends()]


# One function per role rather than a factory: FastAPI reads these signatures, and a closure's
# ``Depends(role)`` would not resolve from a string annotation.
def any_post(found: Annotated[Viewer, Depends(viewer)], csrf: Csrf) -> Viewer:
    return csrf.check(found)


def signed_in_post(found: Annotated[Viewer, Depends(signed_in)], csrf: Csrf) -> Viewer:
    return csrf.check(found)


def developer_post(found: Annotated[Viewer, Depends(developer)], csrf: Csrf) -> Viewer:
    return csrf.check(found)


def reviewer_post(found: Annotated[Viewer, Depends(reviewer)], csrf: Csrf) -> Viewer:
    return csrf.check(found)


def admin_post(found: Annotated[Viewer, Depends(admin)], csrf: Csrf) -> Viewer:
    return csrf.check(found)


def sign_in_url(next_url: str) -> str:
    return "/masuk" if next_url == "/" else f"/masuk?next={quote(next_url, safe='/')}"


AnyViewer = Annotated[Viewer, Depends(viewer)]
SignedIn = Annotated[Viewer, Depends(signed_in)]
Developer = Annotated[Viewer, Depends(developer)]
Reviewer = Annotated[Viewer, Depends(reviewer)]
Admin = Annotated[Viewer, Depends(admin)]
AnyPost = Annotated[Viewer, Depends(any_post)]
SignedInPost = Annotated[Viewer, Depends(signed_in_post)]
DeveloperPost = Annotated[Viewer, Depends(developer_post)]
ReviewerPost = Annotated[Viewer, Depends(reviewer_post)]
AdminPost = Annotated[Viewer, Depends(admin_post)]
