"""View models of CI tokens and the administration pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gate.models import (
    ApiToken,
    Opd,
    User,
)
from gate.web.i18n import LABELS, ROLES
from gate.web.views.common import Badge, Option, when
from rules.i18n import Lang


@dataclass(frozen=True, slots=True)
class TokenRow:
    id: int
    name: str
    prefix: str
    created_at: str
    last_used: str
    revoked: bool


def token_rows(tokens: Sequence[ApiToken], lang: Lang) -> tuple[TokenRow, ...]:
    return tuple(
        TokenRow(
            t.id or 0, t.nama, t.prefix + "…", when(t.created_at, lang), when(t.last_used_at, lang), bool(t.revoked_at)
        )
        for t in tokens
    )


@dataclass(frozen=True, slots=True)
class UserRow:
    href: str
    email: str
    name: str
    role: str
    opd: str
    status: Badge


def _status(active: bool, lang: Lang) -> Badge:
    return Badge(LABELS["active" if active else "inactive"].get(lang), "ok" if active else "bad")


def user_rows(users: Sequence[User], opds: Mapping[int, Opd], lang: Lang) -> tuple[UserRow, ...]:
    return tuple(
        UserRow(
            href=f"/admin/pengguna/{u.id}",
            email=u.email,
            name=u.nama,
            role=ROLES[u.role].get(lang),
            opd=opds[u.opd_id].nama if u.opd_id is not None and u.opd_id in opds else "—",
            status=_status(u.active, lang),
        )
        for u in users
    )


@dataclass(frozen=True, slots=True)
class UserForm:
    """The values of the user form: what was typed (after a refusal) or what is stored."""

    email: str
    name: str
    roles: tuple[Option, ...]
    opds: tuple[Option, ...]
    active: bool


def user_form(
    opds: Sequence[Opd],
    lang: Lang,
    *,
    email: str = "",
    name: str = "",
    role: str = "",
    opd: str = "",
    active: bool = True,
) -> UserForm:
    none = Option("", LABELS["no_opd"].get(lang), not opd)
    return UserForm(
        email=email,
        name=name,
        roles=tuple(Option(r.value, label.get(lang), r.value == role) for r, label in ROLES.items()),
        opds=(none, *(Option(str(o.id), f"{o.kode} · {o.nama}", str(o.id) == opd) for o in opds)),
        active=active,
    )


def user_form_of(user: User, opds: Sequence[Opd], lang: Lang) -> UserForm:
    opd = str(user.opd_id) if user.opd_id else ""
    return user_form(opds, lang, email=user.email, name=user.nama, role=user.role.value, opd=opd, active=user.active)


@dataclass(frozen=True, slots=True)
class OpdRow:
    id: int
    code: str
    name: str
    users: int
    applications: int


def opd_rows(opds: Sequence[Opd], counts: Mapping[int, tuple[int, int]]) -> tuple[OpdRow, ...]:
    return tuple(OpdRow(o.id or 0, o.kode, o.nama, *counts.get(o.id or 0, (0, 0))) for o in opds)
