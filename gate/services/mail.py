"""E-mail of notifications over SMTP (``GATE_SMTP_*``; off until ``GATE_SMTP_HOST`` is set).

Sending happens in a job (``JobKind.NOTIFY``), never in a request: a slow or absent mail server
holds no web process, and a killed sender's job is run again by the pool. Each message is claimed
before it is sent (``notifications.claim_email``), so however many senders run, it goes out once.
Temporary SMTP failures are retried; a message's ``Message-ID`` is fixed by its row, so a mail
system that sees it twice can tell.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage

from sqlmodel import Session

from gate.core.config import Settings
from gate.models import Job, JobKind, Notification, User
from gate.services import jobs, notifications

log = logging.getLogger("spbe_gate.mail")

#: A claim older than this whose sender never finished is given up (``unsure``).
STUCK_S = 600.0


def queue(session: Session, dispatcher: jobs.Dispatcher, settings: Settings) -> Job | None:
    """Hand pending e-mail to a sender job, when the service sends e-mail and there is any."""
    if not settings.email or not notifications.pending_email(session, limit=1):
        return None
    job = jobs.create_service_job(session, JobKind.NOTIFY, {}, key=None, max_attempts=settings.job_max_attempts)
    return jobs.dispatch(session, dispatcher, job, None) if job is not None else None


def send_pending(session: Session, settings: Settings) -> tuple[int, int]:
    """Send every pending message once; (sent, failed)."""
    notifications.abandon_stuck(session, STUCK_S)
    sent = failed = 0
    for notification_id in notifications.pending_email(session):
        row = notifications.claim_email(session, notification_id)
        if row is None:
            continue  # another sender has it
        user = session.get(User, row.user_id)
        if user is None or not user.active:
            notifications.email_failed(session, row, "the recipient is no longer active", temporary=False)
            failed += 1
            continue
        try:
            _send(settings, _message(settings, row, user))
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            temporary = _temporary(exc)
            notifications.email_failed(session, row, f"SMTP: {exc}", temporary=temporary)
            failed += 0 if temporary else 1
        except (OSError, smtplib.SMTPException) as exc:  # the server away: try again later
            notifications.email_failed(session, row, f"SMTP: {exc}", temporary=True)
        else:
            notifications.email_sent(session, row.id or 0)
            sent += 1
    return sent, failed


def _temporary(exc: smtplib.SMTPException) -> bool:
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [c for c, _ in exc.recipients.values()]
        return bool(codes) and all(400 <= c < 500 for c in codes)
    return isinstance(code, int) and 400 <= code < 500


def _message(settings: Settings, row: Notification, user: User) -> EmailMessage:
    lang = "en" if user.lang == "en" else "id"
    text = row.text.get(lang) or row.text.get("id", "")
    link = settings.public_url.rstrip("/") + row.href if row.href else settings.public_url
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = user.email
    message["Subject"] = ("SPBE Gate: " + text)[:150]
    # Fixed by the row: a mail system that receives it twice can tell it is the same message.
    message["Message-ID"] = f"<notifikasi-{row.id}.{settings.job_queue}@spbe-gate.local>"
    footer = (
        "Pesan ini dikirim oleh SPBE Gate; Anda menerimanya sebagai pengguna layanan ini."
        if lang == "id"
        else "This message was sent by SPBE Gate; you receive it as a user of the service."
    )
    message.set_content(f"{text}\n\n{link}\n\n-- \n{footer}\n")
    return message


def _send(settings: Settings, message: EmailMessage) -> None:
    timeout = settings.smtp_timeout_s
    if settings.smtp_security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
    with client:
        if settings.smtp_security == "starttls":
            client.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            client.login(settings.smtp_user, settings.smtp_password)
        client.send_message(message)
