"""The append-only audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from gate.models import AuditEvent, User


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: a signed-in user, or a CI token acting for its OPD on behalf of its creator."""

    user: User
    ip: str = ""
    via_token: int | None = None

    @property
    def label(self) -> str:
        return f"{self.user.email} (token {self.via_token})" if self.via_token else self.user.email


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: int | None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add an event to the caller's transaction, so it commits (or not) with the change it records."""
    session.add(
        AuditEvent(
            actor_id=actor.user.id if actor else None,
            actor=actor.label if actor else "system",
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=detail,
            ip=actor.ip if actor else "",
        )
    )


def refused_csrf(session: Session, actor: Actor | None, request: Any) -> None:
    """A request refused for its missing or wrong CSRF token: recorded on its own (nothing else
    of the request is done), with where it was sent and from where."""
    session.rollback()
    record(session, actor, "csrf.refused", "request", None, {"method": request.method, "path": request.url.path[:500]})
    session.commit()
