"""A user's notifications: the page of all of them, and marking them read (one, or all)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query
from fastapi.responses import Response
from sqlmodel import Session

from gate.api.deps import SessionDep
from gate.services import notifications, watching
from gate.web.common import int_param, user_of
from gate.web.deps import SignedIn, SignedInPost, Viewer, safe_next
from gate.web.render import page, see_other
from gate.web.views import common as common_views
from gate.web.views import notifications as notification_views

router = APIRouter(include_in_schema=False)


@router.get("/notifikasi")
def notification_list(
    viewer: SignedIn, session: SessionDep, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0
) -> Response:
    user_id = user_of(viewer).id or 0
    size = notification_views.PAGE
    rows = watching.notifications_of(session, user_id, offset, size)
    view = notification_views.notes(
        rows,
        viewer.unread,
        viewer.csrf,
        viewer.here,
        viewer.lang,
        newer_href=common_views.page_link("/notifikasi", {"offset": max(0, offset - size) or None}) if offset else "",
        older_href=common_views.page_link("/notifikasi", {"offset": offset + size}) if len(rows) == size else "",
    )
    title = notification_views.LABELS["heading"].get(viewer.lang)
    return page(viewer, "notifications.html.j2", title, "notifications", notes=view)


@router.post("/notifikasi/dibaca")
def mark_read(
    viewer: SignedInPost,
    session: SessionDep,
    id: Annotated[str | None, Form(max_length=12)] = None,
    next: Annotated[str, Form(max_length=2000)] = "/notifikasi",
) -> Response:
    """One message (``id``) or, without one, all of the user's; another user's id changes nothing."""
    one = int_param(id, 1, 2**31)
    if id is None or one is not None:  # a malformed id marks nothing rather than everything
        notifications.mark_read(session, user_of(viewer).id or 0, [one] if one is not None else None)
    return see_other(safe_next(next))


def home_notes(session: Session, viewer: Viewer) -> notification_views.Notes:
    """The latest few of the signed-in user's messages, for the home page."""
    rows = watching.notifications_of(session, user_of(viewer).id or 0, 0, notification_views.HOME)
    return notification_views.notes(rows, viewer.unread, viewer.csrf, viewer.here, viewer.lang, all_href="/notifikasi")
