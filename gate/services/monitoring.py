"""Deployments watched between evaluations: rounds of probes, their record, and who is told.

Time is cut into slots of ``monitor_interval_s``. The scheduler (``gate/jobs/scheduler.py``, the
one process holding the lease) asks once per slot for a round: a job whose key is the slot, so it
exists once however many processes ask. The round probes every catalogued deployment that
declares ``url_produksi`` and records one ``Probe`` per application and slot (unique): a round run
again after its worker died probes only what is missing. After recording, the round tells people
what they must know: a deployment down N probes in a row, drift between the live document and the
approved one, a certificate ending within 14 days, a recommendation ending within 30 days.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from sqlalchemy import and_, case
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from gate.core.config import Settings
from gate.core.kept import Kept
from gate.models import (
    Application,
    Job,
    JobKind,
    Letter,
    LetterKind,
    Probe,
    Submission,
    SubmissionFile,
    User,
    utcnow,
)
from gate.services import jobs, letters, notifications
from gate.services.submissions import files_of
from rules.i18n import Text

#: How long before its end a recommendation's OPD is told, and a certificate's.
EXPIRY_NOTICE_DAYS = 30
CERT_NOTICE_DAYS = 14
#: Drift differences kept per probe (the rest are counted).
MAX_DRIFT = 200
#: Probes recorded per transaction.
COMMIT_EVERY = 25
#: How far back a live document's last digest is looked for (a bound for the query: one last read
#: longer ago is compared again, whatever its bytes).
DIGEST_LOOKBACK_S = 7 * 86400


def slot_of(at: datetime, interval_s: int) -> int:
    return int(at.timestamp()) // interval_s


# -- what is watched -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Watched:
    application: Application
    submission: Submission
    base_url: str
    document_url: str | None


def watched(session: Session) -> list[Watched]:
    """Catalogued applications whose approved version declares a production URL, and whose
    recommendation has not ended (an expired one is still watched: the evaluation reads it)."""
    rows = session.exec(
        select(Application, Submission).join(Submission, col(Submission.id) == Application.approved_submission_id)
    ).all()
    ended = set(
        session.exec(
            select(Letter.submission_id).where(
                Letter.kind == LetterKind.RECOMMENDATION, col(Letter.ended_at).is_not(None)
            )
        ).all()
    )
    out = []
    for app, sub in rows:
        meta = sub.x_spbe or {}
        url = meta.get("url_produksi")
        if isinstance(url, str) and url.startswith(("https://", "http://")) and sub.id not in ended:
            doc = meta.get("url_openapi")
            out.append(Watched(app, sub, url, doc if isinstance(doc, str) and doc.startswith("http") else None))
    return out


#: Approved documents' health paths by their files' content (root file, each file's path and
#: digest): an approved version's files never change, so each is read once per process, not once
#: per round. A 1-tuple, so that "no health path" is kept too.
_HEALTH_PATHS: Kept[tuple[Any, ...], tuple[str | None]] = Kept(20000)


def _health_urls(session: Session, items: Sequence[Watched]) -> dict[int, str]:
    """Each watched application's health URL: the approved document's health endpoint under the
    production base URL, else the base URL."""
    ids = [w.submission.id for w in items]
    files: dict[int, list[tuple[str, str]]] = {}
    for start in range(0, len(ids), 500):
        rows = session.exec(
            select(SubmissionFile.submission_id, SubmissionFile.path, SubmissionFile.sha256).where(
                col(SubmissionFile.submission_id).in_(ids[start : start + 500])
            )
        ).all()
        for submission_id, path, digest in rows:
            files.setdefault(submission_id, []).append((path, digest))
    out = {}
    for item in items:
        key = (item.submission.root_file, *sorted(files.get(item.submission.id or 0, [])))
        kept = _HEALTH_PATHS.get(key)
        if kept is None:
            kept = (_health_path(session, item.submission),)
            _HEALTH_PATHS.put(key, kept)
        health = kept[0]
        base = item.base_url.rstrip("/") + "/"
        out[item.application.id or 0] = urljoin(base, health.lstrip("/")) if health else item.base_url
    return out


def _health_path(session: Session, submission: Submission) -> str | None:
    """The first GET path of the approved version that is a health endpoint (its document's own
    ``paths`` are read: cheap, no engine)."""
    from rules.bundle import MemorySource, read_file
    from rules.document import is_health_path
    from rules.parsing import Limits, SourceError

    try:
        data = read_file(MemorySource(files_of(session, submission)), submission.root_file, Limits()).parsed.data
    except SourceError:
        return None
    paths = data.get("paths") if isinstance(data, dict) else None
    if not isinstance(paths, dict):
        return None
    gets = (str(p) for p, item in paths.items() if isinstance(item, dict) and "get" in item)
    return next((p for p in gets if is_health_path(p)), None)


# -- scheduling ---------------------------------------------------------------------------------


def schedule(
    session: Session, settings: Settings, dispatcher: jobs.Dispatcher, now: datetime | None = None
) -> Job | None:
    """The round of the current slot, created and dispatched once (None: it exists, or nothing
    is watched)."""
    now = now or utcnow()
    slot = slot_of(now, settings.monitor_interval_s)
    key = f"probe:{slot}"
    # Asked every tick (30 s) and true once per slot: the slot's round is looked up by its key
    # before the catalogue is read.
    if session.exec(select(Job.id).where(Job.key == key)).first() is not None or not watched(session):
        return None
    job = jobs.create_service_job(
        session, JobKind.PROBE, {"slot": slot}, key=key, max_attempts=settings.job_max_attempts
    )
    return jobs.dispatch(session, dispatcher, job, None, fail_unreachable=False) if job is not None else None


# -- a round, on a worker -------------------------------------------------------------------------


def execute_round(
    session: Session, job: Job, settings: Settings, worker: str, *, cancel: threading.Event | None = None
) -> bool:
    """Probe what the slot has not probed yet, record it, tell people; finishes the job."""
    from gate.contract.guard import AllowList
    from gate.monitoring.probe import Limits, Target, probe_all

    assert job.id is not None
    slot = int(job.params.get("slot", slot_of(utcnow(), settings.monitor_interval_s)))
    done = set(session.exec(select(Probe.application_id).where(Probe.slot == slot)).all())
    todo = [w for w in watched(session) if w.application.id not in done]
    health = _health_urls(session, todo)
    targets = [Target(w.application.id or 0, health[w.application.id or 0], w.document_url) for w in todo]
    limits = Limits(settings.monitor_timeout_s, settings.monitor_concurrency, settings.monitor_max_document_bytes)
    allow = AllowList.parse(settings.contract_allow)
    ca_file = str(settings.monitor_ca_file) if settings.monitor_ca_file else None
    observations = asyncio.run(probe_all(targets, allow, limits, ca_file=ca_file)) if targets else []
    by_app = {w.application.id: w for w in todo}
    previous = _previous_documents(session, slot, settings.monitor_interval_s) if targets else {}
    recorded, compared = 0, 0
    pending: list[dict[str, Any]] = []
    # The round commits as it goes: what it holds (applications, approved versions) stays loaded
    # rather than being read again after each commit.
    session.expire_on_commit = False
    for seen in observations:
        if cancel is not None and cancel.is_set():
            break
        item = by_app[seen.application_id]
        digest = document_digest(seen.document) if seen.document is not None else None
        drift = None
        # A deployment that did not answer at all serves no document to compare: nothing is drift.
        if item.document_url is not None and seen.status is not None:
            before = previous.get(seen.application_id)
            if digest is not None and before is not None and before[:2] == (item.submission.id, digest):
                drift = before[2]  # the same bytes against the same approved version: the same answer
            else:
                started = time.perf_counter()
                drift = _drift(session, item.submission, seen.document, seen.document_error)
                compared += 1
                if settings.monitor_pace:
                    time.sleep((time.perf_counter() - started) * settings.monitor_pace)
        pending.append(
            {
                "application_id": seen.application_id,
                "submission_id": item.submission.id or 0,
                "slot": slot,
                "url": seen.url[:500],
                "ok": seen.ok,
                "status": seen.status,
                "latency_ms": seen.latency_ms,
                "tls_days": seen.tls_days,
                "error": seen.error[:1000],
                "drift": drift,
                "document_digest": digest,
            }
        )
        if len(pending) == COMMIT_EVERY:
            # A few at a time: the write lock is held briefly, and pages see results as they come.
            recorded += _record(session, pending)
            session.commit()
            pending = []
    recorded += _record(session, pending)
    session.commit()
    session.expire_on_commit = True
    session.expire_all()  # telling reads the catalogue as it is now
    tell(session, settings, slot)
    summary = {
        "slot": slot,
        "targets": len(targets),
        "recorded": recorded,
        "compared": compared,
        "down": sum(not o.ok for o in observations),
    }
    finished = jobs.mark_done(session, job.id, worker, None, summary)
    session.commit()
    if finished and settings.email:
        from gate.services import mail

        mail.send_pending(session, settings)  # the round is a job already: it sends what it caused
    return finished


def document_digest(document: bytes) -> str:
    """What tells a live document's comparison can be reused: its bytes, and the version of the
    engine that compares it (a gate upgraded, its comparison perhaps changed, compares afresh)."""
    import rules

    return hashlib.sha256(rules.__version__.encode() + b"\0" + document).hexdigest()


def _record(session: Session, rows: list[dict[str, Any]]) -> int:
    """Add these probes; those an earlier attempt of the round recorded are left as they are."""
    if not rows:
        return 0
    try:
        with session.begin_nested():
            session.add_all([Probe(**row) for row in rows])
            session.flush()
        return len(rows)
    except IntegrityError:  # an earlier attempt recorded some of them: one at a time
        added = 0
        for row in rows:
            try:
                with session.begin_nested():
                    session.add(Probe(**row))
                    session.flush()
                added += 1
            except IntegrityError:
                continue
        return added


def _previous_documents(session: Session, slot: int, interval_s: int) -> dict[int, tuple[int, str, Any]]:
    """Per application, its newest earlier probe that read the live document: the approved
    version it was compared with, the document's digest, and the differences found."""
    since = slot - max(1, DIGEST_LOOKBACK_S // interval_s)
    newest = (
        select(Probe.application_id, func.max(Probe.slot).label("slot"))
        .where(Probe.slot >= since, Probe.slot < slot, col(Probe.document_digest).is_not(None))
        .group_by(col(Probe.application_id))
        .subquery()
    )
    rows = session.exec(
        select(Probe.application_id, Probe.submission_id, Probe.document_digest, Probe.drift).join(
            newest, and_(col(Probe.application_id) == newest.c.application_id, col(Probe.slot) == newest.c.slot)
        )
    ).all()
    return {app_id: (submission_id, digest or "", drift) for app_id, submission_id, digest, drift in rows}


def _drift(session: Session, submission: Submission, document: bytes | None, error: str) -> list[dict[str, Any]]:
    """Every difference between the live document and the approved version (any kind: an
    unreviewed compatible addition is drift too). A live document that cannot be read is one."""
    if document is None:
        return [
            {
                "kind": "unavailable",
                "severity": "breaking",
                "id": f"Dokumen langsung tidak dapat diambil: {error}",
                "en": f"The live document could not be fetched: {error}",
            }
        ]
    from rules.changes import UnreadableDocument, compare

    try:
        comparison = compare(files_of(session, submission), submission.root_file, {"live.json": document}, "live.json")
    except UnreadableDocument as exc:
        return [{"kind": "unreadable", "severity": "breaking", "id": exc.message.id, "en": exc.message.en}]
    out = [
        {
            "kind": c.kind,
            "severity": c.severity.value,
            "id": c.message.id,
            "en": c.message.en,
            "operations": list(c.operations[:10]),
            "pointer": c.old.document_pointer,
        }
        for c in comparison.changes[:MAX_DRIFT]
    ]
    if len(comparison.changes) > MAX_DRIFT:
        more = len(comparison.changes) - MAX_DRIFT
        out.append(
            {"kind": "more", "severity": "compatible", "id": f"{more} perbedaan lain", "en": f"{more} more differences"}
        )
    return out


#: What a probe's error (recorded in English, as the network said it) reads as in Indonesian:
#: the forms ``gate/monitoring/probe.py`` writes, then the system's most common words.
_ERRORS_ID: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^no answer in time$"), "tidak menjawab dalam batas waktu"),
    (re.compile(r"^timed out$"), "waktu habis"),
    (re.compile(r"^HTTP (\d+)$"), r"menjawab HTTP \1"),
    (re.compile(r"^(.+): cannot be resolved \((.*)\)$", re.S), r"nama \1 tidak dapat ditemukan di DNS (\2)"),
    (
        re.compile(r"^(.+) resolves to (.+), which the allow-list does not include$", re.S),
        r"\1 mengarah ke \2, yang tidak ada dalam daftar alamat yang diizinkan",
    ),
    (re.compile(r"^TLS: (.*)$", re.S), r"TLS: \1"),
    (re.compile(r"^larger than (\d+) bytes$"), r"lebih besar dari \1 bita"),
    (re.compile(r"^All connection attempts failed$"), "koneksi gagal: ditolak atau tidak terjangkau"),
    (re.compile(r"^.*(connection refused|connect call failed).*$", re.S | re.I), "koneksi ditolak"),
)


def error_text(error: str) -> Text:
    """A probe's error in both languages (unknown ones as they were said)."""
    for pattern, indonesian in _ERRORS_ID:
        if pattern.match(error):
            return Text(pattern.sub(indonesian, error, count=1), error)
    return Text(error, error)


# -- telling -----------------------------------------------------------------------------------------


def tell(session: Session, settings: Settings, slot: int, today: date | None = None) -> None:
    """What this round's results and today's date mean for people, each told once."""
    today = today or datetime.now(UTC).date()
    email = settings.email
    staff = notifications.reviewers(session)
    developers_of: dict[int, list[User]] = {}
    for item in watched(session):
        app = item.application
        recent = list(
            session.exec(
                select(Probe)
                .where(Probe.application_id == app.id)
                .order_by(col(Probe.slot).desc())
                .limit(settings.monitor_failures_alert + 1)
            ).all()
        )
        if not recent or recent[0].slot != slot:
            continue
        if app.opd_id not in developers_of:  # once per OPD, not once per application
            developers_of[app.opd_id] = notifications.opd_developers(session, app.opd_id)
        developers = developers_of[app.opd_id]
        href = f"/katalog/{app.id}"
        latest = recent[0]
        failures = recent[: settings.monitor_failures_alert]
        if len(failures) == settings.monitor_failures_alert and not any(p.ok for p in failures):
            first = failures[-1]
            notifications.notify(
                session,
                [*developers, *staff],
                "deployment_down",
                f"down:{app.id}:{first.slot}",
                Text(
                    f"Deployment {app.nama} gagal dijangkau {len(failures)} kali berturut-turut "
                    f"({error_text(latest.error).id}).",
                    f"{app.nama}'s deployment failed {len(failures)} probes in a row ({latest.error}).",
                ),
                href,
                email=email,
            )
        if latest.drift:
            signature = "|".join(sorted(f"{d.get('kind')}:{d.get('pointer', '')}" for d in latest.drift))[:150]
            notifications.notify(
                session,
                [*developers, *staff],
                "drift",
                f"drift:{app.id}:{hashlib.sha1(signature.encode()).hexdigest()[:12]}",
                Text(
                    f"API produksi {app.nama} berbeda dari versi yang disetujui ({len(latest.drift)} perbedaan); "
                    "ajukan versi baru untuk ditinjau.",
                    f"{app.nama}'s production API differs from the approved version ({len(latest.drift)} "
                    "differences); submit a new version for review.",
                ),
                href,
                email=email,
            )
        if latest.tls_days is not None and latest.tls_days <= CERT_NOTICE_DAYS:
            ends = today + timedelta(days=latest.tls_days)
            notifications.notify(
                session,
                developers,
                "certificate",
                f"cert:{app.id}:{ends.isoformat()}",
                Text(
                    f"Sertifikat TLS {app.nama} berakhir dalam {latest.tls_days} hari ({ends.isoformat()}).",
                    f"{app.nama}'s TLS certificate ends in {latest.tls_days} days ({ends.isoformat()}).",
                ),
                href,
                email=email,
            )
    _tell_expiring(session, today, email)
    session.commit()


def _tell_expiring(session: Session, today: date, email: bool) -> None:
    soon = today + timedelta(days=EXPIRY_NOTICE_DAYS)
    rows = session.exec(
        select(Letter, Application)
        .join(Application, col(Application.id) == Letter.application_id)
        .where(
            Letter.kind == LetterKind.RECOMMENDATION,
            col(Letter.ended_at).is_(None),
            col(Letter.valid_until) <= soon,
            col(Letter.valid_until) >= today,
        )
    ).all()
    for letter, app in rows:
        notifications.notify(
            session,
            notifications.opd_developers(session, app.opd_id),
            "recommendation_expiring",
            f"expiry30:{letter.id}",
            Text(
                f"Rekomendasi {letter.nomor} untuk {app.nama} berakhir pada {letter.valid_until}; ajukan "
                "pembaruan sebelum tanggal itu.",
                f"Recommendation {letter.nomor} for {app.nama} ends on {letter.valid_until}; apply for renewal "
                "before then.",
            ),
            f"/katalog/{app.id}",
            email=email,
        )


# -- reading: the record of a deployment ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Availability:
    days: int
    probes: int
    up: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.up / self.probes, 1) if self.probes else None


def availability(session: Session, application_id: int, days: Sequence[int] = (7, 30, 365)) -> list[Availability]:
    now = utcnow()
    out = []
    for window in days:
        since = now - timedelta(days=window)
        total, up = session.exec(
            select(func.count(), func.coalesce(func.sum(case((col(Probe.ok), 1), else_=0)), 0)).where(
                Probe.application_id == application_id, col(Probe.at) >= since
            )
        ).one()
        out.append(Availability(window, int(total), int(up)))
    return out


def recent_probes(session: Session, application_id: int, limit: int = 120) -> list[Probe]:
    return list(
        session.exec(
            select(Probe).where(Probe.application_id == application_id).order_by(col(Probe.slot).desc()).limit(limit)
        ).all()
    )


def current_letter(session: Session, application: Application) -> Letter | None:
    if application.approved_submission_id is None:
        return None
    return letters.recommendation_of(session, application.approved_submission_id)
