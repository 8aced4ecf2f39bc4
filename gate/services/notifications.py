"""Telling people: an in-app message per user (a list on the home page, an unread count in the
header) and, when the service has SMTP, the same message by e-mail in the user's language.

An event notifies once: each message has a key unique per user (``decision:12``,
``expiry30:7``), so seeing the event again adds nothing. Recipients are the OPD's own developers
(and, for what Diskominfo watches, its reviewers): never another OPD's people. E-mail is sent by a
job (``JobKind.NOTIFY``): each message is claimed (pending -> sending) before it is sent and marked
sent after, so two senders never send it twice; a sender that died between the two leaves it
``unsure`` and it is not sent again (a second copy is worse than a reported doubt).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from gate.models import Notification, Role, User, utcnow
from rules.i18n import Text

#: Attempts at an e-mail before it is marked failed (temporary SMTP errors are retried).
MAX_EMAIL_ATTEMPTS = 5


def opd_developers(session: Session, opd_id: int) -> list[User]:
    return list(session.exec(select(User).where(User.opd_id == opd_id, User.role == Role.DEVELOPER, User.active)).all())


def reviewers(session: Session) -> list[User]:
    roles = [Role.REVIEWER.value, Role.ADMIN.value]
    return list(session.exec(select(User).where(col(User.role).in_(roles), User.active)).all())


def notify(
    session: Session,
    users: Iterable[User],
    kind: str,
    key: str,
    text: Text,
    href: str,
    *,
    email: bool,
) -> list[Notification]:
    """Add the message for each user who has not had it (``key``), in the caller's transaction."""
    made: list[Notification] = []
    for user in {u.id: u for u in users if u.id is not None}.values():
        row = Notification(
            user_id=user.id or 0,
            kind=kind,
            key=key[:200],
            text=text.as_dict(),
            href=href,
            email_state="pending" if email and user.email else "none",
        )
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:  # told already
            continue
        made.append(row)
    return made


# -- reading ---------------------------------------------------------------------------------------


@cache
def _unread() -> Any:
    # Every page's header asks it: built once.
    return (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == bindparam("user"), col(Notification.read_at).is_(None))
    )


def unread(session: Session, user_id: int) -> int:
    return int(session.exec(_unread(), params={"user": user_id}).one())


def of_user(session: Session, user_id: int, limit: int = 50) -> Sequence[Notification]:
    return session.exec(
        select(Notification).where(Notification.user_id == user_id).order_by(col(Notification.id).desc()).limit(limit)
    ).all()


def mark_read(session: Session, user_id: int, ids: Iterable[int] | None = None) -> None:
    """The user's messages read (``ids``: those only); nobody else's."""
    where = [col(Notification.user_id) == user_id, col(Notification.read_at).is_(None)]
    if ids is not None:
        where.append(col(Notification.id).in_(list(ids)))
    session.execute(update(Notification).where(*where).values(read_at=utcnow()))
    session.commit()


# -- e-mail ----------------------------------------------------------------------------------------


def pending_email(session: Session, limit: int = 200) -> list[int]:
    rows = session.exec(
        select(Notification.id).where(Notification.email_state == "pending").order_by(col(Notification.id)).limit(limit)
    ).all()
    return [i for i in rows if i is not None]


def claim_email(session: Session, notification_id: int) -> Notification | None:
    """pending -> sending: this sender, and no other, sends it now."""
    result = session.execute(
        update(Notification)
        .where(col(Notification.id) == notification_id, col(Notification.email_state) == "pending")
        .values(email_state="sending", email_at=utcnow(), email_attempts=Notification.email_attempts + 1)
    )
    session.commit()
    if getattr(result, "rowcount", 0) != 1:
        return None
    return session.get(Notification, notification_id, populate_existing=True)


def email_sent(session: Session, notification_id: int) -> None:
    _email_state(session, notification_id, "sent", "")


def email_failed(session: Session, row: Notification, error: str, *, temporary: bool) -> None:
    """A temporary failure goes back to pending while attempts remain; otherwise failed, with why."""
    again = temporary and row.email_attempts < MAX_EMAIL_ATTEMPTS
    _email_state(session, row.id or 0, "pending" if again else "failed", error[:500])


def _email_state(session: Session, notification_id: int, state: str, error: str) -> None:
    values: dict[str, Any] = {"email_state": state, "email_error": error}
    if state == "sent":
        values["email_at"] = utcnow()
    session.execute(
        update(Notification)
        .where(col(Notification.id) == notification_id, col(Notification.email_state) == "sending")
        .values(**values)
    )
    session.commit()


def abandon_stuck(session: Session, older_than_s: float) -> int:
    """Messages a sender claimed and never finished (it died mid-send): ``unsure``, not resent."""
    limit = utcnow() - timedelta(seconds=older_than_s)
    result = session.execute(
        update(Notification)
        .where(col(Notification.email_state) == "sending", col(Notification.email_at) < limit)
        .values(email_state="unsure", email_error="the sender stopped while sending; not sent again")
    )
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
