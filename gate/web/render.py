"""Rendering pages: one Jinja2 environment (autoescape on) over the site's and the report's templates."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote

from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from gate.models import Role
from gate.web.deps import FORM_COOKIE, Viewer
from gate.web.i18n import ROLES, labels
from gate.web.views.notifications import header_label


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    label: str
    current: bool = False


@dataclass(frozen=True, slots=True)
class Frame:
    """What every page shows around its content: navigation, who is signed in, the language switch."""

    lang: str
    title: str
    csrf: str
    nav: tuple[Link, ...]
    user_name: str
    user_role: str
    switch: Link
    switch_lang: str
    signed_in: bool
    #: The user's notifications, the unread count in its words ("Notifikasi (2 baru)"); None signed out.
    notes: Link | None = None


#: Pages show one user's data: never kept by a shared cache, never framed by another site, and no
#: script runs in them (a document's text that slipped through escaping still could not act).
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}


@cache
def environment() -> Environment:
    env = Environment(
        # The site's templates first; the report's body and style come from the reports package.
        loader=ChoiceLoader([PackageLoader("gate.web", "templates"), PackageLoader("reports", "templates")]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates are the installed package's: nothing changes them while the server runs,
        # so no page stats their files.
        auto_reload=False,
    )
    env.globals["fragment"] = fragment
    return env


#: Rendered pieces kept per process (a watched deployment's block is 5-15 KB).
FRAGMENTS = 2048


@lru_cache(maxsize=FRAGMENTS)
def fragment(name: str, **context: Hashable) -> Markup:
    """Template ``name`` rendered for ``context``: frozen view models, whose value is the key, so
    a kept piece is never stale. For the pieces a page repeats that change rarely: the OPD's home
    draws every deployment's chart and probe table, which change when a probe is added."""
    return Markup(environment().get_template(name).render(**context))


def _nav(viewer: Viewer, t: dict[str, str], section: str) -> tuple[Link, ...]:
    user = viewer.user
    if user is None:
        return ()
    items = [("home", "/", t["home"])]
    if user.role is Role.DEVELOPER:
        items += [("submit", "/ajukan", t["submit"]), ("tokens", "/token", t["tokens"])]
    else:
        items.append(("queue", "/antrean", t["queue"]))
    items.append(("catalogue", "/katalog", t["catalogue"]))
    # An administrator's menu is full: their dashboard (home) links the evaluations and reports.
    if user.role is not Role.ADMIN:
        items.append(("evaluation", "/evaluasi", t["nav_evaluation"]))
    if user.role is Role.REVIEWER:
        items.append(("reports", "/laporan", t["nav_reports"]))
    if user.role is Role.ADMIN:
        items += [("users", "/admin/pengguna", t["users"]), ("opds", "/admin/opd", t["opds"])]
        items.append(("audit", "/audit", t["audit"]))
    return tuple(Link(href, label, key == section) for key, href, label in items)


def page(
    viewer: Viewer, template: str, title: str, section: str = "", status: int = 200, **context: Any
) -> HTMLResponse:
    t = labels(viewer.lang)
    other = "en" if viewer.lang == "id" else "id"
    user = viewer.user
    frame = Frame(
        lang=viewer.lang,
        title=title,
        csrf=viewer.csrf,
        nav=_nav(viewer, t, section),
        user_name=user.nama if user else "",
        user_role=ROLES[user.role].get(viewer.lang) if user else "",
        switch=Link(f"/bahasa/{other}?next={quote(viewer.here, safe='/')}", t["switch_lang"]),
        switch_lang=other,
        signed_in=user is not None,
        notes=Link("/notifikasi", header_label(viewer.unread, viewer.lang), section == "notifications")
        if user
        else None,
    )
    html = environment().get_template(template).render(frame=frame, t=t, **context)
    response = HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)
    if viewer.new_form_nonce:
        response.set_cookie(
            FORM_COOKIE,
            viewer.new_form_nonce,
            httponly=True,
            samesite="strict",
            secure=viewer.secure_cookies,
            path="/",
        )
    return response


def see_other(url: str) -> RedirectResponse:
    """Where a form's post leads (post/redirect/get: a reload never repeats the action)."""
    return RedirectResponse(url, status_code=303)
