"""Notifications by e-mail through a real SMTP server (aiosmtpd) started by the test: sent by a
job, once per message, in each recipient's language, retried after a temporary refusal, and never
to another OPD."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from gate.jobs.local import LocalPool
from gate.models import Job, JobKind, Notification, User
from gate.services import mail
from tests.helpers import free_port
from tests.service.conftest import DEV_DINKES, REVIEWER, World
from tests.service.test_jobs import wait_for
from tests.service.test_workflow import GOOD, submit


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refuse_next = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_next:
            self.refuse_next -= 1
            return "451 4.3.0 coba lagi nanti"
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def inbox(world: World) -> Iterator[Inbox]:
    box = Inbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    s = world.settings
    s.smtp_host, s.smtp_port, s.smtp_security = "127.0.0.1", port, "none"
    try:
        yield box
    finally:
        controller.stop()


def _decide(world: World) -> int:
    sid = submit(world.client(DEV_DINKES), "Layanan Perizinan", GOOD).json()["submission"]["id"]
    r = world.client(REVIEWER).post(
        f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Memenuhi aturan."}
    )
    assert r.status_code == 201, r.text
    return int(sid)


def test_a_decision_is_mailed_to_the_opd_once_in_its_language(world: World, inbox: Inbox) -> None:
    with world.session() as s:
        dev = s.exec(select(User).where(User.email == DEV_DINKES)).one()
        dev.lang = "en"
        s.add(dev)
        s.commit()
    with LocalPool(world.settings, workers=1, poll_s=0.2):
        sid = _decide(world)
        with world.session() as s:
            (job,) = s.exec(select(Job).where(Job.kind == JobKind.NOTIFY)).all()
        assert wait_for(world, job.id or 0)["state"] == "selesai"
    assert [m["To"] for m in inbox.messages] == [DEV_DINKES]  # the OPD's developer, nobody else
    message = inbox.messages[0]
    body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "approved" in message["Subject"] and "Letter" in body and f"/pengajuan/{sid}" in body
    with world.session() as s:
        assert mail.send_pending(s, world.settings) == (0, 0)  # sent is sent: nothing twice
        (row,) = s.exec(select(Notification)).all()
    assert row.email_state == "sent" and message["Message-ID"] == f"<notifikasi-{row.id}.spbe-gate@spbe-gate.local>"


def test_a_temporary_refusal_is_retried_and_sent_once(world: World, inbox: Inbox) -> None:
    inbox.refuse_next = 1
    _decide(world)
    with world.session() as s:
        assert mail.send_pending(s, world.settings) == (0, 0)  # 451: back to pending, not failed
        (row,) = s.exec(select(Notification)).all()
        assert row.email_state == "pending" and row.email_attempts == 1 and "451" in row.email_error
        assert mail.send_pending(s, world.settings) == (1, 0)
    assert len(inbox.messages) == 1
    subject = inbox.messages[0]["Subject"]
    assert "disetujui" in subject  # Indonesian: the user chose no other language


def test_a_sender_that_died_mid_send_does_not_send_again(world: World, inbox: Inbox) -> None:
    from datetime import timedelta

    from gate.models import utcnow
    from gate.services import notifications

    _decide(world)
    with world.session() as s:
        (row,) = s.exec(select(Notification)).all()
        claimed = notifications.claim_email(s, row.id or 0)  # claimed, then the process was killed
        assert claimed is not None
        claimed.email_at = utcnow() - timedelta(seconds=mail.STUCK_S + 1)
        s.add(claimed)
        s.commit()
        assert mail.send_pending(s, world.settings) == (0, 0)
        s.refresh(row)
    assert row.email_state == "unsure" and inbox.messages == []  # a doubt reported, not a second copy
