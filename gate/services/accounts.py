"""OPDs, users, log-in and CI tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from gate.core.security import dummy_hash, hash_password, new_api_token, token_hash, verify_password
from gate.models import ApiToken, Opd, Role, User
from gate.services.audit import Actor, record
from rules.i18n import Text

MIN_PASSWORD = 10


class AccountError(ValueError):
    """A refused account change, explained in both languages; ``status`` is the HTTP answer."""

    def __init__(self, text: Text, status: int = 422):
        super().__init__(text.en)
        self.text = text
        self.status = status


# Texts, not exception instances: a module-level exception raised again keeps its last traceback
# (and the frames and sessions it holds) alive, and is shared between threads.
NEEDS_OPD = Text("Pengembang OPD wajib terikat pada satu OPD.", "An OPD developer belongs to one OPD.")
_SHORT_PASSWORD = Text(
    f"Kata sandi sedikitnya {MIN_PASSWORD} karakter.", f"The password must be at least {MIN_PASSWORD} characters."
)
_UNKNOWN_OPD = Text("OPD tidak dikenal.", "Unknown OPD.")
_LAST_ADMIN = Text(
    "Administrator aktif terakhir tidak dapat dinonaktifkan atau diturunkan perannya.",
    "The last active administrator cannot be deactivated or given another role.",
)


def create_opd(session: Session, kode: str, nama: str, actor: Actor | None = None) -> Opd:
    kode, nama = kode.strip(), nama.strip()
    if not kode or not nama:
        raise AccountError(Text("Kode dan nama OPD wajib diisi.", "The OPD's code and name are required."))
    if session.exec(select(Opd).where(Opd.kode == kode)).first():
        raise AccountError(Text(f"Kode OPD {kode} sudah dipakai.", f"The OPD code {kode} is taken."), 409)
    opd = Opd(kode=kode, nama=nama)
    session.add(opd)
    session.flush()
    record(session, actor, "opd.create", "opd", opd.id, {"kode": opd.kode})
    return opd


def rename_opd(session: Session, actor: Actor, opd: Opd, nama: str) -> None:
    nama = nama.strip()
    if not nama:
        raise AccountError(Text("Nama OPD wajib diisi.", "The OPD's name is required."))
    if nama != opd.nama:
        record(session, actor, "opd.update", "opd", opd.id, {"nama": [opd.nama, nama]})
        opd.nama = nama
        session.add(opd)


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
    if "@" not in email or len(email) > 320:
        raise AccountError(Text("Alamat surel tidak sah.", "Not a valid e-mail address."))
    if not nama.strip():
        raise AccountError(Text("Nama wajib diisi.", "The name is required."))
    opd_id = _opd_for(session, role, opd_id)
    if len(password) < MIN_PASSWORD:
        raise AccountError(_SHORT_PASSWORD)
    if session.exec(select(User).where(User.email == email)).first():
        raise AccountError(Text(f"Pengguna {email} sudah ada.", f"The user {email} exists."), 409)
    user = User(email=email, nama=nama.strip(), password_hash=hash_password(password), role=role, opd_id=opd_id)
    session.add(user)
    session.flush()
    record(session, actor, "user.create", "user", user.id, {"email": email, "role": role.value, "opd_id": opd_id})
    return user


def _opd_for(session: Session, role: Role, opd_id: int | None) -> int | None:
    """A developer's OPD must exist; reviewers and administrators belong to none."""
    if role is not Role.DEVELOPER:
        return None
    if opd_id is None:
        raise AccountError(NEEDS_OPD)
    if session.get(Opd, opd_id) is None:
        raise AccountError(_UNKNOWN_OPD)
    return opd_id


@dataclass(frozen=True, slots=True)
class UserChange:
    """What an administrator changes of a user; ``None`` leaves a field as it is."""

    nama: str | None = None
    role: Role | None = None
    opd_id: int | None = None
    active: bool | None = None
    password: str | None = None


def update_user(session: Session, actor: Actor, user: User, change: UserChange) -> list[str]:
    """Apply an administrator's change; returns the fields that changed. A new password, a new
    role or OPD, or deactivation ends the user's open sessions (``session_generation``)."""
    role = change.role or user.role
    opd_id = change.opd_id if change.opd_id is not None else user.opd_id
    opd_id = _opd_for(session, role, opd_id)
    active = user.active if change.active is None else change.active
    losing_admin = user.role is Role.ADMIN and user.active and (role is not Role.ADMIN or not active)
    if losing_admin and _active_admins(session) <= 1:
        raise AccountError(_LAST_ADMIN, 409)
    changed: dict[str, Any] = {}
    if change.nama is not None and change.nama.strip() and change.nama.strip() != user.nama:
        changed["nama"] = [user.nama, change.nama.strip()]
        user.nama = change.nama.strip()
    if role is not user.role:
        changed["role"] = [user.role.value, role.value]
        user.role = role
    if opd_id != user.opd_id:
        changed["opd_id"] = [user.opd_id, opd_id]
        user.opd_id = opd_id
    if active != user.active:
        changed["active"] = [user.active, active]
        user.active = active
    if change.password is not None:
        if len(change.password) < MIN_PASSWORD:
            raise AccountError(_SHORT_PASSWORD)
        user.password_hash = hash_password(change.password)
        changed["password"] = "baru / new"  # that it changed, never the value
    if changed.keys() & {"role", "opd_id", "active", "password"}:
        user.session_generation += 1
    if changed:
        session.add(user)
        record(session, actor, "user.update", "user", user.id, changed)
    return list(changed)


def _active_admins(session: Session) -> int:
    query = select(func.count()).select_from(User).where(User.role == Role.ADMIN, col(User.active).is_(True))
    return int(session.exec(query).one())


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
        raise AccountError(
            Text("Hanya pengembang OPD yang membuat token CI.", "Only OPD developers create CI tokens."), 403
        )
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


def set_language(session: Session, user: User, lang: str) -> None:
    """The language the user chose on the pages: what their e-mail is written in from now on."""
    if lang in ("id", "en") and user.lang != lang:
        user.lang = lang
        session.add(user)
        session.commit()
