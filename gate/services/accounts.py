"""OPDs, users, log-in and CI tokens."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from gate.core.security import dummy_hash, hash_password, new_api_token, token_hash, verify_password
from gate.models import ApiToken, Opd, Role, User
from gate.services.audit import Actor, record


class AccountError(ValueError):
    pass


def create_opd(session: Session, kode: str, nama: str, actor: Actor | None = None) -> Opd:
    opd = Opd(kode=kode.strip(), nama=nama.strip())
    session.add(opd)
    session.flush()
    record(session, actor, "opd.create", "opd", opd.id, {"kode": opd.kode})
    return opd


def create_user(
    session: Session,
    email: str,
    nama: str,
    password: str,
    role: Role,
    opd_id: int | None = None,
    actor: Actor | None = None,
) -> User:
    email = email.strip().lower()
    if role is Role.DEVELOPER and opd_id is None:
        raise AccountError("an OPD developer belongs to one OPD")
    if role is not Role.DEVELOPER:
        opd_id = None
    if len(password) < 10:
        raise AccountError("password must be at least 10 characters")
    if session.exec(select(User).where(User.email == email)).first():
        raise AccountError(f"user {email} exists")
    user = User(email=email, nama=nama.strip(), password_hash=hash_password(password), role=role, opd_id=opd_id)
    session.add(user)
    session.flush()
    record(session, actor, "user.create", "user", user.id, {"email": email, "role": role.value, "opd_id": opd_id})
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        verify_password(dummy_hash(), password)
        return None
    if not user.active or not verify_password(user.password_hash, password):
        return None
    return user


def create_token(session: Session, actor: Actor, nama: str) -> tuple[ApiToken, str]:
    """A CI token for the actor's OPD; the plain token is returned once and never stored."""
    if actor.user.opd_id is None:
        raise AccountError("only OPD developers create CI tokens for their OPD")
    plain, digest = new_api_token()
    token = ApiToken(
        opd_id=actor.user.opd_id,
        nama=nama.strip()[:120],
        token_hash=digest,
        prefix=plain[:12],
        created_by=actor.user.id or 0,
    )
    session.add(token)
    session.flush()
    record(session, actor, "token.create", "token", token.id, {"nama": token.nama, "prefix": token.prefix})
    return token, plain


def revoke_token(session: Session, actor: Actor, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
        session.add(token)
        record(session, actor, "token.revoke", "token", token.id, {"prefix": token.prefix})


def user_for_token(session: Session, plain: str) -> tuple[User, ApiToken] | None:
    """The token's creator acting for the token's OPD, if the token is live and its creator active."""
    token = session.exec(select(ApiToken).where(ApiToken.token_hash == token_hash(plain))).first()
    if token is None or token.revoked_at is not None:
        return None
    user = session.get(User, token.created_by)
    if user is None or not user.active or user.opd_id != token.opd_id:
        return None
    token.last_used_at = datetime.now(UTC)
    session.add(token)
    return user, token
