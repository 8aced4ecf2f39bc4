"""The signed-in user's own notifications: read them, mark them read. Nobody else's, ever."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, Field

from gate.api.deps import CurrentActor, PageDep, SessionDep
from gate.api.schemas import Out
from gate.services import notifications, watching

router = APIRouter(prefix="/notifications", tags=["notifikasi"])


class NotificationOut(Out):
    id: int
    kind: str = Field(description="Jenis: decision, deployment_down, drift, certificate, recommendation_expiring.")
    text: dict[str, str] = Field(description='Pesan dalam dua bahasa: {"id": ..., "en": ...}.')
    href: str = Field(description="Halaman yang dituju pesan ini (path situs).")
    created_at: datetime
    read_at: datetime | None


class NotificationsOut(BaseModel):
    unread: int = Field(description="Jumlah pesan pengguna yang belum dibaca.")
    items: list[NotificationOut] = Field(description="Pesan pengguna, terbaru dahulu.")


class ReadIn(BaseModel):
    ids: list[Annotated[int, Field(ge=1, le=2_147_483_647)]] | None = Field(
        default=None,
        max_length=500,
        description="Pesan yang ditandai sudah dibaca; kosong (null) untuk semua pesan pengguna.",
        examples=[[12, 13]],
    )


class UnreadOut(BaseModel):
    unread: int = Field(description="Jumlah pesan yang masih belum dibaca.")


@router.get("", response_model=NotificationsOut, summary="Notifikasi saya")
def list_notifications(actor: CurrentActor, session: SessionDep, page: PageDep) -> NotificationsOut:
    user_id = actor.user.id or 0
    rows = watching.notifications_of(session, user_id, page.offset, page.limit)
    return NotificationsOut(
        unread=notifications.unread(session, user_id), items=[NotificationOut.model_validate(n) for n in rows]
    )


@router.post("/read", response_model=UnreadOut, summary="Tandai notifikasi sudah dibaca")
def mark_read(body: ReadIn, actor: CurrentActor, session: SessionDep) -> UnreadOut:
    """Marks the given messages (or all) read; ids of another user's messages change nothing."""
    user_id = actor.user.id or 0
    notifications.mark_read(session, user_id, body.ids)
    return UnreadOut(unread=notifications.unread(session, user_id))
