"""Contract runs of a submission's deployment: asked for in a request, run by a worker as a job.

The request side checks what the user typed (an http(s) base URL, the kind of authentication,
bounds within the administrator's ceilings) and queues a job whose row holds no credential. The
worker side runs schemathesis (``gate/contract``) within the allow-list and stores the result as a
new assessment of the submission: the whole rulebook with the contract rules judging the run, so it
joins the report and the history like any other assessment.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from sqlmodel import Session

from gate.core.config import Settings
from gate.models import Application, Job, JobKind, Submission
from gate.services import jobs
from gate.services.audit import Actor, record
from gate.services.submissions import (
    WorkflowError,
    can_view,
    engine_waivers,
    files_of,
    refresh_summary,
    store_assessment,
)
from rules.bundle import MemorySource, load
from rules.engine import assess
from rules.i18n import Text
from rules.parsing import SourceError
from rules.profile import Profile

AUTH_KINDS = ("none", "bearer", "header", "oauth2")
_HEADER_NAME = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}")


@dataclass(frozen=True, slots=True)
class RunRequest:
    """What a user asks for; credentials come separately and are never stored."""

    base_url: str
    auth: str = "none"
    header_name: str = ""
    token_url: str = ""
    scope: str = ""
    time_limit_s: float | None = None
    max_requests: int | None = None
    max_examples: int | None = None


def _invalid(id_: str, en: str) -> WorkflowError:
    return WorkflowError(Text(id_, en), 422)


def _http_url(url: str, what: Text) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 500:
        raise _invalid(f"{what.id} harus URL http(s).", f"The {what.en} must be an http(s) URL.")
    if parts.username or parts.password:
        raise _invalid(
            f"{what.id} tidak boleh memuat kredensial; isi kolom autentikasi.",
            f"The {what.en} must not carry credentials; fill in the authentication fields.",
        )
    return url


def _check_secrets(request: RunRequest, secrets: dict[str, str]) -> None:
    needed = {"none": (), "bearer": ("token",), "header": ("value",), "oauth2": ("client_id", "client_secret")}
    if request.auth not in needed:
        raise _invalid("Jenis autentikasi tidak dikenal.", "Unknown kind of authentication.")
    missing = [name for name in needed[request.auth] if not secrets.get(name, "").strip()]
    if missing:
        raise _invalid(
            "Kredensial belum diisi: " + ", ".join(missing) + ".", "Missing credentials: " + ", ".join(missing) + "."
        )
    if request.auth == "header" and not _HEADER_NAME.fullmatch(request.header_name):
        raise _invalid("Nama header kredensial tidak valid.", "The credential header name is not valid.")


def _check_allowed(url: str, settings: Settings) -> None:
    """A target the gate's own allow-list refuses is refused here, before anything is queued:
    it says nothing about the application, so it must not become an assessment (KON011 is for
    allowed targets that do not answer)."""
    from gate.contract.guard import AllowList, refused_addresses

    parts = urlsplit(url)
    host = parts.hostname or ""
    refused = refused_addresses(AllowList.parse(settings.contract_allow), host, parts.port or 443)
    if refused:
        where = f"{host} ({', '.join(refused)})" if refused != [host] else host
        raise WorkflowError(
            Text(
                f"Alamat {where} tidak termasuk daftar izin uji kontrak gerbang ini, jadi uji kontrak tidak "
                "dijalankan dan tidak ada penilaian yang dicatat. Minta administrator Diskominfo "
                "menambahkan alamat staging aplikasi ke daftar izin (GATE_CONTRACT_ALLOW).",
                f"{where} is not on this gate's contract-run allow-list, so no run was started and no "
                "assessment was recorded. Ask the Diskominfo administrator to add the application's staging "
                "address to the allow-list (GATE_CONTRACT_ALLOW).",
            ),
            422,
        )


def start(
    session: Session,
    actor: Actor,
    submission: Submission,
    request: RunRequest,
    secrets: dict[str, str],
    settings: Settings,
    dispatcher: jobs.Dispatcher,
) -> Job:
    """Queue a contract run of ``submission``'s deployment and hand it to the workers; commits."""
    app = session.get(Application, submission.application_id)
    if app is None or not can_view(actor.user, app):
        raise WorkflowError(Text("Tidak ditemukan.", "Not found."), 404)
    base_url = _http_url(request.base_url, Text("URL dasar", "base URL"))
    _check_secrets(request, secrets)
    _check_allowed(base_url, settings)
    params: dict[str, Any] = {
        "base_url": base_url,
        "auth": request.auth,
        "bounds": {
            "time_limit_s": min(request.time_limit_s or settings.contract_time_limit_s, settings.contract_time_limit_s),
            "max_requests": min(request.max_requests or settings.contract_max_requests, settings.contract_max_requests),
            "max_examples": min(request.max_examples or 20, 200),
            "request_timeout_s": settings.contract_request_timeout_s,
            "rate_limit": settings.contract_rate_limit,
        },
    }
    if request.auth == "header":
        params["header_name"] = request.header_name
    if request.auth == "oauth2":
        params["token_url"] = _http_url(request.token_url, Text("URL token", "token URL"))
        _check_allowed(params["token_url"], settings)
        params["scope"] = request.scope.strip()[:500]
    kept = {k: v for k, v in secrets.items() if v} if request.auth != "none" else None
    if jobs.active(session, submission.id or 0, JobKind.CONTRACT):
        raise WorkflowError(
            Text(
                "Uji kontrak pengajuan ini masih berjalan; tunggu sampai selesai.",
                "A contract run of this submission is still under way; wait until it finishes.",
            ),
            409,
        )
    job = jobs.create(
        session,
        actor,
        submission,
        JobKind.CONTRACT,
        params,
        needs_secrets=kept is not None,
        max_attempts=settings.job_max_attempts,
    )
    return jobs.dispatch(session, dispatcher, job, kept)


# -- on the worker ---------------------------------------------------------------------------


def _bounds(params: dict[str, Any]) -> Any:
    from gate.contract.runner import Bounds

    b = params.get("bounds") or {}
    return Bounds(
        time_limit_s=float(b.get("time_limit_s", 60)),
        max_requests=int(b.get("max_requests", 1000)),
        request_timeout_s=float(b.get("request_timeout_s", 5)),
        rate_limit=str(b.get("rate_limit", "100/s")),
        max_examples=int(b.get("max_examples", 20)),
    )


def progress_of(p: Any) -> dict[str, Any]:
    """A runner's progress as the job row keeps it (the page shows the first failures)."""
    return {
        "operations_done": p.operations_done,
        "operations_total": p.operations_total,
        "requests": p.requests,
        "failures": p.failures,
        "failure_list": _failure_rows(p.failure_list),
    }


def _failure_rows(failures: Iterable[tuple[str, str, str, str]]) -> list[dict[str, str]]:
    """(check, method, path, title) of the first failures, as the job page lists them."""
    return [{"check": c, "method": m, "path": path, "title": t} for c, m, path, t in islice(failures, 50)]


UNREADABLE = Text(
    "Dokumen pengajuan tidak dapat dibaca, jadi tidak ada yang dapat diuji; lihat laporan penilaiannya.",
    "The submission's document cannot be read, so there is nothing to test against; see its assessment report.",
)


def execute(
    session: Session,
    job: Job,
    secrets: dict[str, str] | None,
    settings: Settings,
    worker: str,
    *,
    on_progress: Callable[[dict[str, Any]], None],
    cancel: threading.Event,
) -> bool:
    """Run a claimed contract job and store its assessment with the job's completion, in one
    transaction. False: the document could not be read, or the job was taken over meanwhile."""
    from gate.contract.guard import AllowList
    from gate.contract.runner import ClientCredentials, Progress, run_contract

    submission = session.get(Submission, job.submission_id)
    assert submission is not None and job.id is not None
    files = files_of(session, submission)
    profile = Profile()
    try:
        document = load(MemorySource(files), submission.root_file, profile.limits).data
    except SourceError:
        jobs.fail(session, job.id, UNREADABLE, worker=worker)
        return False
    params = job.params
    secrets = secrets or {}
    headers: dict[str, str] = {}
    oauth2 = None
    if params.get("auth") == "bearer":
        headers["Authorization"] = f"Bearer {secrets.get('token', '')}"
    elif params.get("auth") == "header":
        headers[str(params.get("header_name"))] = secrets.get("value", "")
    elif params.get("auth") == "oauth2":
        oauth2 = ClientCredentials(
            str(params.get("token_url")),
            secrets.get("client_id", ""),
            secrets.get("client_secret", ""),
            str(params.get("scope", "")),
        )

    def progress(p: Progress) -> None:
        on_progress(progress_of(p))

    run = run_contract(
        document,
        str(params["base_url"]),
        headers=headers,
        bounds=_bounds(params),
        allow=AllowList.parse(settings.contract_allow),
        on_progress=progress,
        oauth2=oauth2,
        cancel=cancel,
    )
    waivers = engine_waivers(session, submission.application_id, date.today())
    assessment = assess(
        MemorySource(files), submission.root_file, profile, waivers=waivers, metadata=submission.x_spbe, contract=run
    )
    row = store_assessment(session, submission, assessment)
    summary = {
        "operations_done": run.operations_tested,
        "operations_total": run.operations_total,
        "requests": run.requests,
        "failures": len(run.failures),
        "failure_list": _failure_rows((f.check, f.method, f.path, f.title) for f in run.failures),
        "duration_s": run.duration_s,
        "stopped": run.stopped,
        "error": run.error[:1000],
        #: Operations left out: they reach a reference the gate did not resolve.
        "untested": [{"method": m, "path": path, "ref": ref[:300]} for m, path, ref in run.untested[:100]],
    }
    if not jobs.mark_done(session, job.id, worker, row.id, summary):
        session.rollback()  # another worker took the job over: its result is the one kept
        return False
    record(
        session,
        None,
        "submission.contract",
        "submission",
        submission.id,
        {"job": job.id, "assessment": row.id, "verdict": row.verdict, "requests": run.requests, "stopped": run.stopped},
    )
    session.commit()
    refresh_summary(session, row)
    return True
