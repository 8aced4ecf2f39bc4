"""View models of a submission's page, its files, jobs and stored reports."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from gate.models import (
    Application,
    AssessmentRecord,
    Decision,
    Job,
    JobKind,
    JobState,
    Letter,
    Opd,
    Outcome,
    State,
    Submission,
    SubmissionFile,
    Waiver,
)
from gate.services.submissions import UNDECIDED
from gate.web.i18n import COUNTED, JOB_STATES, LABELS, OUTCOMES, STATES, STOPPED
from gate.web.views.changes import ChangesPanel
from gate.web.views.common import Badge, Option, result_badges, state_badge, when
from gate.web.views.duplicates import DuplicatesPanel
from gate.web.views.letters import LetterLink, letter_link
from reports import html, json_report
from reports.i18n import counted
from reports.i18n import label as report_label
from reports.model import build, clean
from rules.contract import check_label
from rules.i18n import Lang, Text
from rules.profile import Profile


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
    #: The decision's numbered letter (none for decisions made before letters existed).
    letter: LetterLink | None = None


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
class DecisionDraft:
    """The decision form as the reviewer left it: empty on a fresh page; on a refusal, what was
    chosen and typed, and why it was refused. ``change``: the reviewer asked to change a decision."""

    outcome: str = ""
    reason: str = ""
    override: bool = False
    change: bool = False
    error: Text | None = None

    def refused(self, why: Text) -> DecisionDraft:
        return DecisionDraft(self.outcome, self.reason, self.override, self.change, why)


@dataclass(frozen=True, slots=True)
class DecisionForm:
    outcomes: tuple[Option, ...]
    reason: str
    override: bool
    error: str
    #: The decision it replaces (0: the submission is undecided).
    supersedes: int


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
    #: The decision form, shown while the submission is in review, or when a reviewer asks to
    #: change a decision (None otherwise).
    decision_form: DecisionForm | None
    #: Where a reviewer asks to change a decision already made ("" when there is none to change).
    change_href: str
    can_withdraw: bool
    can_reassess: bool
    can_waive: bool
    waivable: tuple[Option, ...]
    report: Markup | None
    full_report_href: str
    jobs: tuple[JobRow, ...]
    contract_form: ContractForm | None
    duplicates: DuplicatesPanel | None = None
    #: Integrations checked and changes from the approved version (``_changes.html.j2``).
    changes: ChangesPanel | None = None


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
    operation: str
    #: What went wrong (in words), or the reference an untested operation reaches.
    problem: str


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
        operations=counted(int(p.get("operations_total", 0)), "operations", lang, COUNTED),
        requests=counted(int(p.get("requests", 0)), "requests", lang, COUNTED),
        failures=counted(int(p.get("failures", 0)), "failures", lang, COUNTED),
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
            FailureRow(f"{f.get('method', '')} {f.get('path', '')}", check_label(str(f.get("check", ""))).get(lang))
            for f in p.get("failure_list", [])
            if isinstance(f, dict)
        ),
        untested=tuple(
            FailureRow(f"{u.get('method', '')} {u.get('path', '')}".strip(), str(u.get("ref", "")))
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
            html.render_body(
                build(json_report.from_dict(data), lang, max_per_category=PAGE_FINDINGS, snippets_open=False)
            ),
            _waivable(data, lang),
        )
        with self._lock:
            self._kept[key] = built
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return built


def _waivable(report: Mapping[str, Any], lang: Lang) -> tuple[Option, ...]:
    """Findings a reviewer may waive: (rule, document pointer) of each active one, at most 500,
    each said in the page's language (the archive keeps both)."""
    seen: dict[str, Option] = {}
    for f in report.get("findings", ()):
        if f.get("waived") or len(seen) >= 500:
            continue
        value = f"{f['rule']} {f.get('document_pointer') or f['pointer']}"
        message = (f.get("messages") or {}).get(lang) or f["message"]
        seen.setdefault(value, Option(value, clean(f"{f['rule']} · {f['pointer'] or '/'} · {message}")[:200]))
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
    draft: DecisionDraft | None = None,
    letters: Mapping[int, Letter] | None = None,
    changes: ChangesPanel | None = None,
) -> SubmissionPage:
    draft = draft or DecisionDraft()
    decided = sub.state in (State.APPROVED, State.REJECTED, State.CHANGES_REQUESTED)
    current = max((d.id or 0 for d in decisions), default=0)
    form = None
    if is_reviewer and (sub.state is State.IN_REVIEW or (decided and draft.change) or draft.error is not None):
        # No decision is preselected: the reviewer chooses one, deliberately.
        choices = [Option("", LABELS["choose_decision"].get(lang), not draft.outcome)]
        choices += [Option(o.value, OUTCOMES[o].get(lang), o.value == draft.outcome) for o in Outcome]
        form = DecisionForm(
            outcomes=tuple(choices),
            reason=draft.reason,
            override=draft.override,
            error=draft.error.get(lang) if draft.error else "",
            supersedes=current if decided else 0,
        )
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
                letter=letter_link(letters[d.id or 0], lang) if letters and (d.id or 0) in letters else None,
            )
            for d in decisions
        ),
        assessments=tuple(
            AssessmentRow(
                at=when(a.created_at, lang),
                engine=a.engine_version,
                # The built-in profile's name is a word ("bawaan"): said in the page's language.
                profile=report_label("default_profile", lang) if a.profile == Profile().name else a.profile,
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
        decision_form=form,
        change_href=f"/pengajuan/{sub.id}?ubah=1#keputusan" if is_reviewer and decided and form is None else "",
        can_withdraw=is_owner and sub.state in UNDECIDED,
        can_reassess=is_reviewer and sub.state is not State.SUBMITTED,
        can_waive=is_reviewer and shown is not None,
        waivable=report.waivable if report and is_reviewer else (),
        report=report.body if report else None,
        full_report_href=f"/pengajuan/{sub.id}/laporan?penilaian={shown.id}" if shown else "",
        jobs=job_rows(jobs, lang),
        contract_form=contract,
        changes=changes,
    )
