"""Administration: OPDs, users and the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlmodel import col, select

from gate.api.deps import AdminActor, CurrentActor, PageDep, SessionDep
from gate.api.schemas import AuditOut, OpdIn, OpdOut, UserIn, UserOut
from gate.errors import ApiError
from gate.models import AuditEvent, Opd, User
from gate.services import queries
from gate.services.accounts import AccountError, create_opd, create_user
from rules.i18n import Text

router = APIRouter(tags=["administrasi"])


@router.get("/opds", response_model=list[OpdOut], summary="Daftar OPD")
def list_opds(actor: CurrentActor, session: SessionDep, page: PageDep) -> list[Opd]:
    return list(session.exec(select(Opd).order_by(col(Opd.nama)).offset(page.offset).limit(page.limit)).all())


@router.post("/opds", status_code=201, response_model=OpdOut, summary="Tambah OPD")
def add_opd(body: OpdIn, actor: AdminActor, session: SessionDep) -> Opd:
    if session.exec(select(Opd).where(Opd.kode == body.kode.strip())).first():
        raise ApiError(409, Text("Kode OPD sudah dipakai.", "The OPD code is taken."))
    opd = create_opd(session, body.kode, body.nama, actor)
    session.commit()
    session.refresh(opd)
    return opd


@router.get("/users", response_model=list[UserOut], summary="Daftar pengguna")
def list_users(actor: AdminActor, session: SessionDep, page: PageDep) -> list[User]:
    return list(session.exec(select(User).order_by(col(User.email)).offset(page.offset).limit(page.limit)).all())


@router.post("/users", status_code=201, response_model=UserOut, summary="Tambah pengguna")
def add_user(body: UserIn, actor: AdminActor, session: SessionDep) -> User:
    if body.opd_id is not None and session.get(Opd, body.opd_id) is None:
        raise ApiError(422, Text("OPD tidak dikenal.", "Unknown OPD."))
    try:
        user = create_user(session, body.email, body.nama, body.password, body.role, body.opd_id, actor)
    except AccountError as exc:
        raise ApiError(
            422, Text(f"Pengguna tidak dapat dibuat: {exc}.", f"The user cannot be created: {exc}.")
        ) from None
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
