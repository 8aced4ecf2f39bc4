"""A lease in the database: the one process that holds it does a periodic task (scheduling), and
another takes over once it stops renewing (killed, restarted, machine gone). Taking and renewing
are each one compare-and-set, so two processes never both hold it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from gate.models import Lease, utcnow


def hold(session: Session, name: str, holder: str, ttl_s: float, now: datetime | None = None) -> bool:
    """Take the lease, or renew it if ``holder`` has it; False when another live holder has it."""
    now = now or utcnow()
    until = now + timedelta(seconds=ttl_s)
    result = session.execute(
        update(Lease)
        .where(col(Lease.name) == name, or_(col(Lease.holder) == holder, col(Lease.expires_at) < now))
        .values(holder=holder, expires_at=until)
    )
    if getattr(result, "rowcount", 0) == 1:
        session.commit()
        return True
    session.rollback()
    try:
        with session.begin_nested():
            session.add(Lease(name=name, holder=holder, expires_at=until))
            session.flush()
    except IntegrityError:  # it exists and someone else holds it
        session.rollback()
        return False
    session.commit()
    return True


def release(session: Session, name: str, holder: str) -> None:
    """Give the lease up (a clean stop): the next process need not wait for it to expire."""
    session.execute(
        update(Lease).where(col(Lease.name) == name, col(Lease.holder) == holder).values(expires_at=utcnow())
    )
    session.commit()
