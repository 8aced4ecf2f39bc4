"""Administration pages: users and OPDs (administrators only; every form posts a CSRF token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query
from fastapi.responses import Response
from sqlmodel import Session

from gate.api.deps import IdPath, SessionDep
from gate.models import Opd, Role, User
from gate.services import queries
from gate.services.accounts import (
    NEEDS_OPD,
    AccountError,
    UserChange,
    create_opd,
    create_user,
    rename_opd,
    update_user,
)
from gate.web.deps import NOT_FOUND, Admin, AdminPost, PageError, Viewer
from gate.web.i18n import LABELS
from gate.web.render import page, see_other
from gate.web.views import accounts as accounts_views
from rules.i18n import Text

router = APIRouter(include_in_schema=False)
PAGE = 100
UNKNOWN_ROLE = Text("Peran tidak dikenal.", "Unknown role.")

Field = Annotated[str, Form(max_length=320)]
Password = Annotated[str, Form(max_length=200)]


def _role(value: str) -> Role | None:
    return Role(value) if value in Role._value2member_map_ else None


def _opd_id(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 10 else None


# -- users ---------------------------------------------------------------------------------


def _users_page(
    viewer: Viewer,
    session: Session,
    offset: int = 0,
    status: int = 200,
    error: str = "",
    typed: dict[str, str] | None = None,
) -> Response:
    """The list and the add form: empty, or (after a refusal) with what was typed."""
    opds = queries.opds(session)
    typed = typed or {}
    users = queries.users(session, queries.Window(offset, PAGE))
    return page(
        viewer,
        "admin_users.html.j2",
        LABELS["users"].get(viewer.lang),
        "users",
        status,
        rows=accounts_views.user_rows(users, {o.id or 0: o for o in opds}, viewer.lang),
        form=accounts_views.user_form(
            opds,
            viewer.lang,
            email=typed.get("email", ""),
            name=typed.get("name", ""),
            role=typed.get("role", ""),
            opd=typed.get("opd", ""),
        ),
        error=error,
        prev_href=f"/admin/pengguna?offset={max(0, offset - PAGE)}" if offset else "",
        next_href=f"/admin/pengguna?offset={offset + PAGE}" if len(users) == PAGE else "",
    )


@router.get("/admin/pengguna")
def users(viewer: Admin, session: SessionDep, offset: Annotated[int, Query(ge=0, le=10**6)] = 0) -> Response:
    return _users_page(viewer, session, offset)


@router.post("/admin/pengguna")
def add_user(
    viewer: AdminPost,
    session: SessionDep,
    email: Field = "",
    nama: Field = "",
    peran: Field = "",
    opd: Field = "",
    sandi: Password = "",
) -> Response:
    assert viewer.actor is not None
    role = _role(peran)
    try:
        if role is None:
            raise AccountError(UNKNOWN_ROLE)
        user = create_user(session, email, nama, sandi, role, _opd_id(opd), viewer.actor)
    except AccountError as exc:
        # The form comes back with what was typed (never the password) and the reason.
        session.rollback()
        typed = {"email": email, "name": nama, "role": peran, "opd": opd}
        return _users_page(viewer, session, status=exc.status, error=exc.text.get(viewer.lang), typed=typed)
    session.commit()
    return see_other(f"/admin/pengguna/{user.id}?tersimpan=1")


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise PageError(404, NOT_FOUND, "/admin/pengguna")
    return user


@router.get("/admin/pengguna/{user_id}")
def user_page(
    user_id: IdPath, viewer: Admin, session: SessionDep, tersimpan: Annotated[str, Query(max_length=1)] = ""
) -> Response:
    user = _user(session, user_id)
    form = accounts_views.user_form_of(user, queries.opds(session), viewer.lang)
    action = f"/admin/pengguna/{user.id}"
    return page(viewer, "admin_user.html.j2", user.nama, "users", form=form, action=action, saved=bool(tersimpan))


def _change(viewer: Viewer, session: Session, user: User, change: UserChange) -> Response:
    assert viewer.actor is not None
    back = f"/admin/pengguna/{user.id}"
    try:
        update_user(session, viewer.actor, user, change)
    except AccountError as exc:
        raise PageError(exc.status, exc.text, back) from None
    session.commit()
    return see_other(back + "?tersimpan=1")


@router.post("/admin/pengguna/{user_id}")
def change_user(
    user_id: IdPath,
    viewer: AdminPost,
    session: SessionDep,
    nama: Field = "",
    peran: Field = "",
    opd: Field = "",
    aktif: Field = "",
) -> Response:
    user = _user(session, user_id)
    role, opd_id = _role(peran), _opd_id(opd)
    if role is None:
        raise PageError(422, UNKNOWN_ROLE, f"/admin/pengguna/{user.id}")
    if role is Role.DEVELOPER and opd_id is None:  # the form sends the whole state: no OPD is a choice
        raise PageError(422, NEEDS_OPD, f"/admin/pengguna/{user.id}")
    # An unticked checkbox is absent from the form: absent means inactive.
    return _change(viewer, session, user, UserChange(nama=nama, role=role, opd_id=opd_id, active=aktif == "1"))


@router.post("/admin/pengguna/{user_id}/sandi")
def set_password(user_id: IdPath, viewer: AdminPost, session: SessionDep, sandi: Password = "") -> Response:
    user = _user(session, user_id)
    return _change(viewer, session, user, UserChange(password=sandi))


# -- OPDs ----------------------------------------------------------------------------------


def _opds_page(
    viewer: Viewer, session: Session, status: int = 200, error: str = "", code: str = "", name: str = ""
) -> Response:
    rows = accounts_views.opd_rows(queries.opds(session), queries.opd_counts(session))
    title = LABELS["opds"].get(viewer.lang)
    return page(viewer, "admin_opds.html.j2", title, "opds", status, rows=rows, error=error, code=code, name=name)


@router.get("/admin/opd")
def opds(viewer: Admin, session: SessionDep) -> Response:
    return _opds_page(viewer, session)


@router.post("/admin/opd")
def add_opd(viewer: AdminPost, session: SessionDep, kode: Field = "", nama: Field = "") -> Response:
    try:
        create_opd(session, kode, nama, viewer.actor)
    except AccountError as exc:
        session.rollback()
        return _opds_page(viewer, session, exc.status, exc.text.get(viewer.lang), kode, nama)
    session.commit()
    return see_other("/admin/opd")


@router.post("/admin/opd/{opd_id}")
def change_opd(opd_id: IdPath, viewer: AdminPost, session: SessionDep, nama: Field = "") -> Response:
    assert viewer.actor is not None
    opd = session.get(Opd, opd_id)
    if opd is None:
        raise PageError(404, NOT_FOUND, "/admin/opd")
    try:
        rename_opd(session, viewer.actor, opd, nama)
    except AccountError as exc:
        raise PageError(exc.status, exc.text, "/admin/opd") from None
    session.commit()
    return see_other("/admin/opd")
