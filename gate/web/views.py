"""View models of the pages: every text chosen, translated and formatted here, so templates only iterate.

Builders take rows the services and queries return; they never query or change anything.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

import orjson
from markupsafe import Markup

from gate.models import (
    ApiToken,
    Application,
    AssessmentRecord,
    AuditEvent,
    Decision,
    Job,
    JobKind,
    JobState,
    Opd,
    Outcome,
    State,
    Submission,
    SubmissionFile,
    User,
    Waiver,
)
from gate.services.metadata import FIELDS, form_values
from gate.web.i18n import JOB_STATES, LABELS, OUTCOMES, ROLES, STATES, STOPPED
from reports import html, json_report
from reports.model import build, clean
from rules.i18n import Lang
from rules.result import LEVELS


def when(at: datetime | None, lang: Lang) -> str:
    if at is None:
        return LABELS["never"].get(lang)
    return at.strftime("%Y-%m-%d %H:%M") + " UTC"


@dataclass(frozen=True, slots=True)
class Badge:
    """A coloured word: a state, a verdict, a level."""

    text: str
    tone: str  # ok | bad | wait | plain


def state_badge(state: State, lang: Lang) -> Badge:
    tone = {State.APPROVED: "ok", State.REJECTED: "bad", State.CHANGES_REQUESTED: "bad"}.get(state, "wait")
    return Badge(STATES[state].get(lang), tone)


def result_badges(record: AssessmentRecord | None, lang: Lang) -> tuple[Badge, Badge]:
    """(verdict, level) of an assessment, or 'not assessed'."""
    if record is None:
        return Badge(LABELS["not_assessed"].get(lang), "plain"), Badge("—", "plain")
    passed = record.verdict == "pass"
    verdict = Badge(LABELS["pass" if passed else "fail"].get(lang), "ok" if passed else "bad")
    level = Badge(f"{record.level} · {LEVELS[record.level].get(lang)}", "ok" if record.level >= 3 else "bad")
    return verdict, level


# -- dashboard and queue -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubmissionRow:
    application: str
    opd: str
    href: str
    number: int
    title: str
    state: Badge
    verdict: Badge
    level: Badge
    submitted_at: str
    #: The metadata step is still to do (state ``diajukan``).
    complete_href: str


def submission_rows(
    rows: Sequence[tuple[Submission, Application, Opd]], latest: Mapping[int, AssessmentRecord], lang: Lang
) -> tuple[SubmissionRow, ...]:
    out = []
    for sub, app, opd in rows:
        verdict, level = result_badges(latest.get(sub.id or 0), lang)
        out.append(
            SubmissionRow(
                application=app.nama,
                opd=opd.nama,
                href=f"/pengajuan/{sub.id}",
                number=sub.number,
                title=clean(sub.title),
                state=state_badge(sub.state, lang),
                verdict=verdict,
                level=level,
                submitted_at=when(sub.submitted_at, lang),
                complete_href=f"/pengajuan/{sub.id}/metadata" if sub.state is State.SUBMITTED else "",
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str
    selected: bool = False


@dataclass(frozen=True, slots=True)
class StateCount:
    state: Badge
    count: int
    href: str


def state_counts(counts: Mapping[State, int], lang: Lang) -> tuple[StateCount, ...]:
    return tuple(
        StateCount(state_badge(s, lang), counts.get(s, 0), f"/antrean?status={s.value}")
        for s in (State.ASSESSED, State.IN_REVIEW, State.CHANGES_REQUESTED, State.REJECTED, State.APPROVED)
    )


@dataclass(frozen=True, slots=True)
class QueueFilters:
    opds: tuple[Option, ...]
    states: tuple[Option, ...]
    levels: tuple[Option, ...]


def queue_filters(opds: Sequence[Opd], opd_id: int | None, state: str, level: int | None, lang: Lang) -> QueueFilters:
    every = LABELS["all"].get(lang)
    return QueueFilters(
        opds=(Option("", every, opd_id is None), *(Option(str(o.id), o.nama, o.id == opd_id) for o in opds)),
        states=(
            Option("menunggu", LABELS["awaiting"].get(lang), state == "menunggu"),
            Option("", every, not state),
            *(Option(s.value, STATES[s].get(lang), state == s.value) for s in State),
        ),
        levels=(
            Option("", every, level is None),
            *(Option(str(n), f"{n} · {LEVELS[n].get(lang)}", n == level) for n in LEVELS),
        ),
    )


def page_link(base: str, params: Mapping[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{base}?{urlencode(kept)}" if kept else base


# -- one submission ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileLink:
    path: str
    href: str
    size: str


@dataclass(frozen=True, slots=True)
class DecisionRow:
    at: str
    reviewer: str
    outcome: Badge
    reason: str
    override: bool


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    at: str
    engine: str
    profile: str
    verdict: Badge
    level: Badge
    href: str
    shown: bool


@dataclass(frozen=True, slots=True)
class WaiverRow:
    rule: str
    pointer: str
    reason: str
    until: str
    revoked: bool


@dataclass(frozen=True, slots=True)
class SubmissionPage:
    id: int
    application: str
    application_id: int
    opd: str
    number: int
    title: str
    api_version: str
    openapi: str
    state: Badge
    submitted_at: str
    submitted_by: str
    staging_url: str
    previous_href: str
    previous_number: int
    files: tuple[FileLink, ...]
    decisions: tuple[DecisionRow, ...]
    assessments: tuple[AssessmentRow, ...]
    waivers: tuple[WaiverRow, ...]
    complete_href: str
    can_start_review: bool
    can_decide: bool
    #: The decision the reviewer sees as current (0: none): a new decision replaces exactly it.
    current_decision: int
    can_reassess: bool
    can_waive: bool
    outcomes: tuple[Option, ...]
    waivable: tuple[Option, ...]
    report: Markup | None
    full_report_href: str
    jobs: tuple[JobRow, ...]
    contract_form: ContractForm | None


@dataclass(frozen=True, slots=True)
class JobRow:
    href: str
    kind: str
    state: Badge
    at: str
    progress: str


@dataclass(frozen=True, slots=True)
class ContractForm:
    action: str
    base_url: str
    auth_options: tuple[Option, ...]
    time_limit: int
    max_requests: int


@dataclass(frozen=True, slots=True)
class FailureRow:
    check: str
    operation: str
    title: str


@dataclass(frozen=True, slots=True)
class JobPage:
    id: int
    back_href: str
    kind: str
    state: Badge
    base_url: str
    created_at: str
    started_at: str
    finished_at: str
    attempt: str
    progress: str
    stopped: str
    problem: str
    failures: tuple[FailureRow, ...]
    #: Operations left out of the run, each with the reference the gate did not resolve.
    untested: tuple[FailureRow, ...]
    result_href: str
    refresh: bool


def job_badge(state: JobState, lang: Lang) -> Badge:
    tone = {JobState.DONE: "ok", JobState.FAILED: "bad"}.get(state, "wait")
    return Badge(JOB_STATES[state].get(lang), tone)


def _progress(job: Job, lang: Lang) -> str:
    p = job.progress or {}
    if not p:
        return "—"
    return LABELS["progress_line"].format(
        lang,
        done=p.get("operations_done", 0),
        total=p.get("operations_total", 0),
        requests=p.get("requests", 0),
        failures=p.get("failures", 0),
    )


def job_rows(jobs: Sequence[Job], lang: Lang) -> tuple[JobRow, ...]:
    return tuple(
        JobRow(
            href=f"/pengajuan/{j.submission_id}/tugas/{j.id}",
            kind=LABELS["job_contract" if j.kind is JobKind.CONTRACT else "job_assess"].get(lang),
            state=job_badge(j.state, lang),
            at=when(j.created_at, lang),
            progress=_progress(j, lang),
        )
        for j in jobs
    )


def contract_form(sub: Submission, time_limit: float, max_requests: int, lang: Lang) -> ContractForm:
    return ContractForm(
        action=f"/pengajuan/{sub.id}/uji-kontrak",
        base_url=sub.staging_url or "",
        auth_options=tuple(Option(k, LABELS[f"auth_{k}"].get(lang)) for k in ("none", "bearer", "header", "oauth2")),
        time_limit=int(time_limit),
        max_requests=max_requests,
    )


def job_page(job: Job, lang: Lang) -> JobPage:
    p = job.progress or {}
    stopped = STOPPED.get(str(p.get("stopped", "")))
    error = job.error or {}
    problem = error.get("en" if lang == "en" else "id", "") or str(p.get("error", ""))
    return JobPage(
        id=job.id or 0,
        back_href=f"/pengajuan/{job.submission_id}",
        kind=LABELS["job_contract" if job.kind is JobKind.CONTRACT else "job_assess"].get(lang),
        state=job_badge(job.state, lang),
        base_url=str(job.params.get("base_url", "")),
        created_at=when(job.created_at, lang),
        started_at=when(job.started_at, lang),
        finished_at=when(job.finished_at, lang) if job.finished_at else "—",
        attempt=f"{job.attempts} / {job.max_attempts}",
        progress=_progress(job, lang),
        stopped=stopped.get(lang) if stopped else "",
        problem=problem,
        failures=tuple(
            FailureRow(str(f.get("check", "")), f"{f.get('method', '')} {f.get('path', '')}", str(f.get("title", "")))
            for f in p.get("failure_list", [])
            if isinstance(f, dict)
        ),
        untested=tuple(
            FailureRow("", f"{u.get('method', '')} {u.get('path', '')}".strip(), str(u.get("ref", "")))
            for u in p.get("untested", [])
            if isinstance(u, dict)
        ),
        result_href=f"/pengajuan/{job.submission_id}?penilaian={job.assessment_id}" if job.assessment_id else "",
        refresh=job.state in (JobState.QUEUED, JobState.RUNNING),
    )


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def file_links(submission_id: int, files: Sequence[SubmissionFile]) -> tuple[FileLink, ...]:
    return tuple(
        FileLink(f.path, f"/api/v1/submissions/{submission_id}/files/{quote(f.path)}", _size(f.size)) for f in files
    )


#: Findings per category shown inside a page; the full report is one link away.
PAGE_FINDINGS = 20


@dataclass(frozen=True, slots=True)
class StoredReport:
    #: The report body, rendered once: the most expensive part of a page, and it never changes.
    body: Markup
    waivable: tuple[Option, ...]


class ReportCache:
    """Page reports of stored assessments, kept in memory (one per app): an assessment never changes."""

    def __init__(self, size: int = 64):
        self._kept: OrderedDict[tuple[int, Lang], StoredReport] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, record: AssessmentRecord, lang: Lang) -> StoredReport:
        """``record`` may come with its report column deferred: it is read only when not kept here."""
        key = (record.id or 0, lang)
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                return kept
        data = record.report
        built = StoredReport(
            html.render_body(build(json_report.from_dict(data), lang, max_per_category=PAGE_FINDINGS)), _waivable(data)
        )
        with self._lock:
            self._kept[key] = built
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return built


def _waivable(report: Mapping[str, Any]) -> tuple[Option, ...]:
    """Findings a reviewer may waive: (rule, document pointer) of each active one, at most 500."""
    seen: dict[str, Option] = {}
    for f in report.get("findings", ()):
        if f.get("waived") or len(seen) >= 500:
            continue
        value = f"{f['rule']} {f.get('document_pointer') or f['pointer']}"
        seen.setdefault(value, Option(value, clean(f"{f['rule']} · {f['pointer'] or '/'} · {f['message']}")[:200]))
    return tuple(seen.values())


def submission_page(
    *,
    sub: Submission,
    app: Application,
    opd: Opd,
    submitter: str,
    files: Sequence[SubmissionFile],
    decisions: Sequence[Decision],
    reviewers: Mapping[int, str],
    assessments: Sequence[AssessmentRecord],
    shown: AssessmentRecord | None,
    report: StoredReport | None,
    waivers: Sequence[Waiver],
    is_reviewer: bool,
    is_owner: bool,
    lang: Lang,
    jobs: Sequence[Job] = (),
    contract: ContractForm | None = None,
) -> SubmissionPage:
    decided = sub.state in (State.APPROVED, State.REJECTED, State.CHANGES_REQUESTED)
    return SubmissionPage(
        id=sub.id or 0,
        application=app.nama,
        application_id=app.id or 0,
        opd=opd.nama,
        number=sub.number,
        title=clean(sub.title),
        api_version=clean(sub.api_version or "—"),
        openapi=sub.openapi or "—",
        state=state_badge(sub.state, lang),
        submitted_at=when(sub.submitted_at, lang),
        submitted_by=submitter,
        staging_url=sub.staging_url or "",
        previous_href=f"/pengajuan/{sub.previous_id}" if sub.previous_id else "",
        previous_number=sub.number - 1,
        files=file_links(sub.id or 0, files),
        decisions=tuple(
            DecisionRow(
                at=when(d.created_at, lang),
                reviewer=reviewers.get(d.reviewer_id, "?"),
                outcome=Badge(
                    STATES[State(d.outcome.value)].get(lang), "ok" if d.outcome is Outcome.APPROVE else "bad"
                ),
                reason=d.reason,
                override=d.override,
            )
            for d in decisions
        ),
        assessments=tuple(
            AssessmentRow(
                at=when(a.created_at, lang),
                engine=a.engine_version,
                profile=a.profile,
                verdict=result_badges(a, lang)[0],
                level=result_badges(a, lang)[1],
                href=f"/pengajuan/{sub.id}?penilaian={a.id}",
                shown=shown is not None and a.id == shown.id,
            )
            for a in assessments
        ),
        waivers=tuple(
            WaiverRow(w.rule, w.pointer or "/", w.reason, w.expires_on.isoformat(), w.revoked_at is not None)
            for w in waivers
        ),
        complete_href=f"/pengajuan/{sub.id}/metadata" if sub.state is State.SUBMITTED and is_owner else "",
        can_start_review=is_reviewer and sub.state is State.ASSESSED,
        can_decide=is_reviewer and (sub.state in (State.ASSESSED, State.IN_REVIEW) or decided),
        current_decision=max((d.id or 0 for d in decisions), default=0),
        can_reassess=is_reviewer and sub.state is not State.SUBMITTED,
        can_waive=is_reviewer and shown is not None,
        outcomes=tuple(Option(o.value, OUTCOMES[o].get(lang)) for o in Outcome),
        waivable=report.waivable if report and is_reviewer else (),
        report=report.body if report else None,
        full_report_href=f"/pengajuan/{sub.id}/laporan?penilaian={shown.id}" if shown else "",
        jobs=job_rows(jobs, lang),
        contract_form=contract,
    )


# -- metadata form -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldView:
    name: str
    label: str
    value: str
    choices: tuple[Option, ...]


def metadata_fields(values: Mapping[str, str], lang: Lang) -> tuple[FieldView, ...]:
    out = []
    for field in FIELDS:
        value = values.get(field.name, "")
        choices: tuple[Option, ...] = ()
        if field.choices:
            choices = (
                Option("", LABELS["choose"].get(lang), not value),
                *(Option(c, c, c == value) for c in field.choices),
            )
            if value and value not in field.choices:  # what the document says, even if invalid
                choices += (Option(value, value, True),)
        label_key = {"pj_nama": "m_pj_nama", "pj_email": "m_pj_email", "jenis_aplikasi": "m_jenis"}.get(
            field.name, "m_" + field.name
        )
        out.append(FieldView(field.name, LABELS[label_key].get(lang), value, choices))
    return tuple(out)


# -- catalogue -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    name: str
    href: str
    opd: str
    title: str
    version: str
    lifecycle: str
    contact: str
    level: Badge


def catalogue_rows(
    rows: Sequence[tuple[Application, Opd, Submission]], latest: Mapping[int, AssessmentRecord], lang: Lang
) -> tuple[CatalogueRow, ...]:
    out = []
    for app, opd, sub in rows:
        meta = form_values(sub.x_spbe)
        name, email = meta["pj_nama"], meta["pj_email"]
        out.append(
            CatalogueRow(
                name=app.nama,
                href=f"/katalog/{app.id}",
                opd=opd.nama,
                title=clean(sub.title),
                version=clean(sub.api_version or "—"),
                lifecycle=meta["lifecycle"] or "—",
                contact=" ".join(filter(None, (name, f"<{email}>" if email else ""))) or "—",
                level=result_badges(latest.get(sub.id or 0), lang)[1],
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class CatalogueEntryPage:
    name: str
    opd: str
    number: int
    title: str
    version: str
    openapi: str
    approved_at: str
    owner: str
    contact_name: str
    contact_email: str
    lifecycle: str
    hosting: str
    files: tuple[FileLink, ...]
    report: Markup | None
    full_report_href: str


def catalogue_entry(
    app: Application,
    opd: Opd,
    sub: Submission,
    files: Sequence[SubmissionFile],
    report: StoredReport | None,
    approved_at: datetime | None,
    lang: Lang,
) -> CatalogueEntryPage:
    meta = form_values(sub.x_spbe)
    return CatalogueEntryPage(
        name=app.nama,
        opd=opd.nama,
        number=sub.number,
        title=clean(sub.title),
        version=clean(sub.api_version or "—"),
        openapi=sub.openapi or "—",
        approved_at=when(approved_at, lang),
        owner=meta["opd"] or opd.nama,
        contact_name=meta["pj_nama"] or "—",
        contact_email=meta["pj_email"],
        lifecycle=meta["lifecycle"] or "—",
        hosting=meta["hosting"] or "—",
        files=file_links(sub.id or 0, files),
        report=report.body if report else None,
        full_report_href=f"/katalog/{app.id}/laporan" if report else "",
    )


# -- tokens and audit ----------------------------------------------------------------------


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
class AuditRow:
    at: str
    actor: str
    action: str
    object: str
    detail: str
    ip: str


def audit_rows(events: Sequence[AuditEvent], lang: Lang) -> tuple[AuditRow, ...]:
    return tuple(
        AuditRow(
            at=when(e.at, lang),
            actor=e.actor,
            action=e.action,
            object=f"{e.object_type} {e.object_id}" if e.object_id is not None else e.object_type,
            detail=clean(orjson.dumps(e.detail).decode()) if e.detail else "",
            ip=e.ip,
        )
        for e in events
    )


# -- administration ------------------------------------------------------------------------


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
