"""Administration: OPDs, users and the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlmodel import Session

from gate.api.deps import AdminActor, CurrentActor, IdPath, PageDep, SessionDep
from gate.api.schemas import AuditOut, OpdIn, OpdOut, OpdPatch, UserIn, UserOut, UserPatch
from gate.errors import ApiError
from gate.models import AuditEvent, Opd, User
from gate.services import queries
from gate.services.accounts import AccountError, UserChange, create_opd, create_user, rename_opd, update_user
from rules.i18n import Text

router = APIRouter(tags=["administrasi"])

NOT_FOUND = Text("Tidak ditemukan.", "Not found.")


def _refused(exc: AccountError) -> ApiError:
    return ApiError(exc.status, exc.text)


@router.get("/opds", response_model=list[OpdOut], summary="Daftar OPD")
def list_opds(actor: CurrentActor, session: SessionDep, page: PageDep) -> list[Opd]:
    return queries.opds(session, page.window)


@router.post("/opds", status_code=201, response_model=OpdOut, summary="Tambah OPD")
def add_opd(body: OpdIn, actor: AdminActor, session: SessionDep) -> Opd:
    try:
        opd = create_opd(session, body.kode, body.nama, actor)
    except AccountError as exc:
        raise _refused(exc) from None
    session.commit()
    session.refresh(opd)
    return opd


@router.patch("/opds/{opd_id}", response_model=OpdOut, summary="Ubah nama OPD")
def change_opd(opd_id: IdPath, body: OpdPatch, actor: AdminActor, session: SessionDep) -> Opd:
    opd = session.get(Opd, opd_id)
    if opd is None:
        raise ApiError(404, NOT_FOUND)
    try:
        rename_opd(session, actor, opd, body.nama)
    except AccountError as exc:
        raise _refused(exc) from None
    session.commit()
    session.refresh(opd)
    return opd


@router.get("/users", response_model=list[UserOut], summary="Daftar pengguna")
def list_users(actor: AdminActor, session: SessionDep, page: PageDep) -> list[User]:
    return queries.users(session, page.window)


@router.post("/users", status_code=201, response_model=UserOut, summary="Tambah pengguna")
def add_user(body: UserIn, actor: AdminActor, session: SessionDep) -> User:
    try:
        user = create_user(session, body.email, body.nama, body.password, body.role, body.opd_id, actor)
    except AccountError as exc:
        raise _refused(exc) from None
    session.commit()
    session.refresh(user)
    return user


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise ApiError(404, NOT_FOUND)
    return user


@router.get("/users/{user_id}", response_model=UserOut, summary="Satu pengguna")
def get_user(user_id: IdPath, actor: AdminActor, session: SessionDep) -> User:
    return _user(session, user_id)


@router.patch("/users/{user_id}", response_model=UserOut, summary="Ubah pengguna")
def change_user(user_id: IdPath, body: UserPatch, actor: AdminActor, session: SessionDep) -> User:
    """Change the name, role, OPD, active flag or password; a change of access ends the user's sessions."""
    user = _user(session, user_id)
    change = UserChange(body.nama, body.role, body.opd_id, body.active, body.password)
    try:
        update_user(session, actor, user, change)
    except AccountError as exc:
        raise _refused(exc) from None
    session.commit()
    session.refresh(user)
    return user


@router.get("/audit", response_model=list[AuditOut], summary="Log audit")
def audit(
    actor: AdminActor,
    session: SessionDep,
    page: PageDep,
    before_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
) -> list[AuditEvent]:
    return queries.audit(session, page.window, before_id=before_id)
