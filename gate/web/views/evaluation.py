"""View models of the yearly evaluation's pages: the years, an evaluation's progress and items,
one item (reassessment, deployment record, the OPD's answer, the outcome), the OPD's own items,
and bulk reassessments. Every word is chosen here, in the page's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from gate.models import (
    Application,
    AssessmentRecord,
    Evaluation,
    EvaluationItem,
    EvaluationOutcome,
    Letter,
    Opd,
    ReassessBatch,
    ReassessItem,
)
from gate.services.metadata import form_values
from gate.web.views.common import Badge, Option, choice_words, page_link, when
from rules.i18n import Lang, Text
from rules.registry import rules_by_id
from rules.result import LEVELS
from rules.sustainability.sus006_budget_committed import budget_years
from rules.sustainability.xspbe import LIFECYCLES

#: The area's words (kept here, not in the shared labels).
WORDS: dict[str, Text] = {
    "evaluations": Text("Evaluasi tahunan", "Yearly evaluation"),
    "evaluations_intro": Text(
        "Setiap tahun setiap aplikasi di katalog dinilai ulang dengan aturan hari ini, digabung dengan catatan "
        "deployment-nya, dan OPD pemiliknya mengonfirmasi metadata. Hasilnya: berkelanjutan (rekomendasi "
        "diperpanjang), perlu tindakan (daftar tindakan dengan batas waktu) atau tidak berkelanjutan "
        "(rekomendasi berakhir).",
        "Every year each catalogued application is reassessed under today's rules, joined with its "
        "deployment's record, and its OPD confirms the metadata. It ends sustained (the recommendation is "
        "renewed), action needed (a to-do list with a deadline) or not sustained (the recommendation lapses).",
    ),
    "no_evaluations": Text("Belum ada evaluasi.", "No evaluation yet."),
    "open_evaluation": Text("Buka evaluasi", "Open an evaluation"),
    "open_hint": Text(
        "Membuka lagi tahun yang sama hanya menambahkan aplikasi yang baru masuk katalog.",
        "Opening the same year again only adds applications new to the catalogue.",
    ),
    "year": Text("Tahun", "Year"),
    "deadline": Text("Batas jawaban OPD", "The OPDs' answer deadline"),
    "closed": Text("Ditutup", "Closed"),
    "still_open": Text("Berjalan", "Open"),
    "progress": Text("Kemajuan", "Progress"),
    "assessed": Text("Dinilai ulang", "Reassessed"),
    "of": Text("dari", "of"),
    "jobs_waiting": Text("Tugas antre atau berjalan", "Jobs queued or running"),
    "jobs_failed": Text("Tugas gagal", "Jobs failed"),
    "answered": Text("Dijawab OPD", "Answered by the OPD"),
    "unanswered": Text("Belum dijawab", "Not answered"),
    "answered_yes": Text("Sudah", "Yes"),
    "answered_no": Text("Belum", "No"),
    "outcome": Text("Hasil evaluasi", "Outcome"),
    "count": Text("Jumlah", "Count"),
    # Not "items": a template would find the dict's method of that name first.
    "evaluated": Text("Aplikasi yang dievaluasi", "Applications evaluated"),
    "no_items": Text("Tidak ada butir yang cocok.", "No matching items."),
    "reload": Text("Muat ulang", "Reload"),
    "auto_refresh": Text(
        "Halaman ini dimuat ulang sendiri selama penilaian berjalan.",
        "This page reloads itself while reassessments run.",
    ),
    "close": Text("Tutup evaluasi", "Close the evaluation"),
    "close_hint": Text(
        "Menutup memutuskan setiap butir: yang berkelanjutan mendapat rekomendasi baru, yang perlu tindakan "
        "mendapat daftar tindakan dengan batas waktu, yang tidak berkelanjutan rekomendasinya berakhir dan "
        "keluar dari katalog bawaan. Butir yang belum dijawab diputuskan sesuai profil.",
        "Closing decides every item: sustained ones get a new recommendation, those needing action a to-do "
        "list with a deadline, and the recommendation of those not sustained lapses and they leave the "
        "default catalogue. Unanswered items are decided as the profile says.",
    ),
    "rules": Text("Aturan profil", "The profile's rules"),
    "min_level": Text("Tingkat paling rendah", "Lowest level"),
    "min_availability": Text("Ketersediaan paling rendah", "Lowest availability"),
    "budget_required": Text("Anggaran tahun depan wajib", "Next year's budget required"),
    "unanswered_rule": Text("Tidak dijawab sampai batas", "Unanswered by the deadline"),
    "action_days": Text("Hari untuk daftar tindakan", "Days for a to-do list"),
    "yes": Text("Ya", "Yes"),
    "no": Text("Tidak", "No"),
    "reassessment": Text("Penilaian ulang", "Reassessment"),
    "not_yet": Text(
        "Belum dinilai ulang: tugasnya antre atau berjalan.", "Not reassessed yet: its job is queued or running."
    ),
    "failed_rules": Text("Aturan yang gagal", "Failed rules"),
    "no_failed_rules": Text("Tidak ada aturan yang gagal.", "No rule failed."),
    "full_report": Text("Laporan lengkap", "Full report"),
    "deployment": Text("Catatan deployment 365 hari", "The deployment's record, 365 days"),
    "availability": Text("Ketersediaan", "Availability"),
    "probes": Text("probe", "probes"),
    "never_probed": Text("Belum pernah dipantau (tanpa URL produksi).", "Never probed (no production URL)."),
    "drift": Text("Perbedaan dari versi disetujui", "Differences from the approved version"),
    "certificate": Text("Sertifikat TLS berakhir dalam", "TLS certificate expires in"),
    "days": Text("hari", "days"),
    "answer": Text("Jawaban OPD", "The OPD's answer"),
    "confirmed_at": Text("Dikonfirmasi pada", "Confirmed at"),
    "confirmed_by": Text("oleh", "by"),
    "not_confirmed": Text("OPD belum mengonfirmasi metadata.", "The OPD has not confirmed the metadata."),
    "budget": Text("Tahun anggaran", "Budget years"),
    "budget_hint": Text("Dipisah koma, mis. 2027, 2028.", "Comma-separated, e.g. 2027, 2028."),
    "budget_next_year": Text("Anggaran tahun depan", "Next year's budget"),
    "official": Text("Penanggung jawab", "Responsible official"),
    "official_email": Text("Surel penanggung jawab", "Responsible official's e-mail"),
    "lifecycle": Text("Siklus hidup", "Lifecycle"),
    "sunset": Text("Tanggal henti (untuk deprecated)", "Sunset date (for deprecated)"),
    "changed": Text("diubah OPD", "changed by the OPD"),
    "confirm": Text("Konfirmasi metadata", "Confirm the metadata"),
    "confirm_intro": Text(
        "Periksa dan perbarui bila perlu, lalu konfirmasi sebelum batas waktu. Aplikasi dinilai ulang dengan "
        "jawaban Anda.",
        "Check and update where needed, then confirm before the deadline. The application is reassessed with "
        "your answer.",
    ),
    "confirm_again": Text("Konfirmasi ulang", "Confirm again"),
    "choose": Text("— pilih —", "— choose —"),
    "todo": Text("Daftar tindakan", "To-do list"),
    "todo_deadline": Text("Selesaikan sebelum", "Complete before"),
    "override": Text("Kesampingkan hasil", "Override the outcome"),
    "override_hint": Text(
        "Keputusan peninjau menggantikan hasil aturan dan dicatat di log audit bersama alasannya.",
        "A reviewer's decision replaces the rules' outcome and is recorded in the audit log with its reason.",
    ),
    "overridden": Text("Dikesampingkan peninjau", "Overridden by a reviewer"),
    "reason": Text("Alasan (wajib)", "Reason (required)"),
    "renewed": Text("Rekomendasi baru", "New recommendation"),
    "valid_until": Text("berlaku sampai", "valid until"),
    "application": Text("Aplikasi", "Application"),
    "opd": Text("OPD", "OPD"),
    "level": Text("Tingkat", "Level"),
    "verdict": Text("Putusan", "Verdict"),
    "filter": Text("Saring", "Filter"),
    "all": Text("Semua", "All"),
    "newer": Text("Sebelumnya", "Previous"),
    "older": Text("Berikutnya", "Next"),
    "mine": Text("Evaluasi aplikasi OPD saya", "My OPD's applications in the evaluation"),
    "to_answer": Text("Perlu dijawab", "To answer"),
    "nothing_to_answer": Text("Tidak ada yang perlu dijawab.", "Nothing to answer."),
    "to_do": Text("Perlu tindakan", "Action needed"),
    "nothing_to_do": Text("Tidak ada daftar tindakan.", "No to-do list."),
    "answered_items": Text("Sudah dijawab", "Answered"),
    "before": Text("batas", "by"),
    "see_all": Text("Semua butir evaluasi OPD saya", "All my OPD's evaluation items"),
    "reassess": Text("Penilaian ulang massal", "Bulk reassessment"),
    "reassess_intro": Text(
        "Setelah buku aturan atau profil berubah: setiap aplikasi di katalog dinilai ulang (satu tugas "
        "masing-masing), lalu terlihat putusan siapa yang berubah dan mengapa.",
        "After the rulebook or the profile changed: every catalogued application is reassessed (one job "
        "each), then you see whose verdict changed and why.",
    ),
    "reassess_start": Text("Nilai ulang semua aplikasi", "Reassess every application"),
    "batches": Text("Penilaian ulang sebelumnya", "Earlier reassessments"),
    "no_batches": Text("Belum ada penilaian ulang massal.", "No bulk reassessment yet."),
    "batch": Text("Penilaian ulang", "Reassessment"),
    "requested": Text("Dimulai", "Started"),
    "done": Text("Selesai", "Done"),
    "changed_verdicts": Text("Putusan atau tingkat yang berubah", "Verdicts or levels that changed"),
    "all_applications": Text("Semua aplikasi", "Every application"),
    "only_changed": Text("Hanya yang berubah", "Only those that changed"),
    "no_changes": Text("Tidak ada putusan atau tingkat yang berubah.", "No verdict or level changed."),
    "before_after": Text("Sebelum → sesudah", "Before → after"),
    "newly_failing": Text("Kini gagal", "Now failing"),
    "newly_passing": Text("Kini lulus", "Now passing"),
    "pending_item": Text("belum selesai", "not done yet"),
    "pass": Text("Lulus", "Passed"),
    "fail": Text("Tidak lulus", "Not passed"),
    "findings": Text("temuan", "findings"),
}

SEVERITIES: dict[str, Text] = {
    "error": Text("galat", "error"),
    "warning": Text("peringatan", "warning"),
    "info": Text("info", "info"),
}

OUTCOMES: dict[EvaluationOutcome, Text] = {
    EvaluationOutcome.PENDING: Text("Menunggu", "Pending"),
    EvaluationOutcome.SUSTAINED: Text("Berkelanjutan", "Sustained"),
    EvaluationOutcome.ACTION: Text("Perlu tindakan", "Action needed"),
    EvaluationOutcome.LAPSED: Text("Tidak berkelanjutan", "Not sustained"),
}
_TONES = {
    EvaluationOutcome.PENDING: "wait",
    EvaluationOutcome.SUSTAINED: "ok",
    EvaluationOutcome.ACTION: "wait",
    EvaluationOutcome.LAPSED: "bad",
}


def words(lang: Lang) -> dict[str, str]:
    return {key: text.get(lang) for key, text in WORDS.items()}


def outcome_badge(outcome: EvaluationOutcome, lang: Lang) -> Badge:
    return Badge(OUTCOMES[outcome].get(lang), _TONES[outcome])


def _verdict_badge(verdict: str, lang: Lang) -> Badge:
    if not verdict:
        return Badge("—", "plain")
    passed = verdict == "pass"
    return Badge(WORDS["pass" if passed else "fail"].get(lang), "ok" if passed else "bad")


def _level_badge(level: int | None, lang: Lang) -> Badge:
    if level is None:
        return Badge("—", "plain")
    return Badge(f"{level} · {LEVELS[level].get(lang)}", "ok" if level >= 3 else "bad")


def _day(d: date | None) -> str:
    return d.isoformat() if d else "—"


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 100


# -- the years ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvaluationRow:
    year: int
    href: str
    deadline: str
    state: Badge
    assessed: str


def evaluation_rows(
    evaluations: Sequence[Evaluation], progress: Mapping[int, Mapping[str, int]], lang: Lang
) -> tuple[EvaluationRow, ...]:
    out = []
    for e in evaluations:
        counts = progress.get(e.id or 0, {})
        state = (
            Badge(f"{WORDS['closed'].get(lang)} {e.closed_at:%Y-%m-%d}", "plain")
            if e.closed_at
            else Badge(WORDS["still_open"].get(lang), "wait")
        )
        out.append(
            EvaluationRow(
                year=e.year,
                href=f"/evaluasi/{e.year}",
                deadline=_day(e.deadline),
                state=state,
                assessed=f"{counts.get('assessed', 0)} {WORDS['of'].get(lang)} {counts.get('total', 0)}",
            )
        )
    return tuple(out)


# -- one evaluation's progress and items ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutcomeCount:
    outcome: Badge
    count: int
    href: str


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class ProgressView:
    total: int
    assessed: int
    percent: int
    answered: int
    unanswered: int
    answered_href: str
    unanswered_href: str
    waiting: int
    failed: int
    outcomes: tuple[OutcomeCount, ...]
    #: Reload the page by itself while reassessments run (no script: a meta refresh).
    refresh: bool


def progress_view(
    evaluation: Evaluation, counts: Mapping[str, int], answered: int, waiting: int, failed: int, lang: Lang
) -> ProgressView:
    base = f"/evaluasi/{evaluation.year}"
    return ProgressView(
        total=counts.get("total", 0),
        assessed=counts.get("assessed", 0),
        percent=_percent(counts.get("assessed", 0), counts.get("total", 0)),
        answered=answered,
        unanswered=counts.get("total", 0) - answered,
        answered_href=f"{base}?dijawab=ya",
        unanswered_href=f"{base}?dijawab=tidak",
        waiting=waiting,
        failed=failed,
        outcomes=outcome_counts(evaluation, counts, lang),
        refresh=evaluation.closed_at is None and waiting > 0,
    )


def outcome_counts(evaluation: Evaluation, counts: Mapping[str, int], lang: Lang) -> tuple[OutcomeCount, ...]:
    return tuple(
        OutcomeCount(outcome_badge(o, lang), counts.get(o.value, 0), f"/evaluasi/{evaluation.year}?hasil={o.value}")
        for o in EvaluationOutcome
    )


def rule_facts(rules: Mapping[str, Any], lang: Lang) -> tuple[Fact, ...]:
    w = WORDS
    unanswered = str(rules.get("unanswered", ""))
    said = OUTCOMES[EvaluationOutcome(unanswered)].get(lang) if unanswered in OUTCOMES else unanswered
    return (
        Fact(w["min_level"].get(lang), str(rules.get("min_level", "—"))),
        Fact(w["min_availability"].get(lang), f"{rules.get('min_availability', '—')}%"),
        Fact(w["budget_required"].get(lang), w["yes" if rules.get("budget_required") else "no"].get(lang)),
        Fact(w["unanswered_rule"].get(lang), said),
        Fact(w["action_days"].get(lang), str(rules.get("action_days", "—"))),
    )


@dataclass(frozen=True, slots=True)
class ItemFilters:
    opds: tuple[Option, ...]
    outcomes: tuple[Option, ...]
    answered: tuple[Option, ...]


def item_filters(opds: Sequence[Opd], opd_id: int | None, outcome: str, answered: str, lang: Lang) -> ItemFilters:
    every = WORDS["all"].get(lang)
    return ItemFilters(
        opds=(Option("", every, opd_id is None), *(Option(str(o.id), o.nama, o.id == opd_id) for o in opds)),
        outcomes=(
            Option("", every, not outcome),
            *(Option(o.value, OUTCOMES[o].get(lang), o.value == outcome) for o in EvaluationOutcome),
        ),
        answered=(
            Option("", every, not answered),
            Option("ya", WORDS["answered_yes"].get(lang), answered == "ya"),
            Option("tidak", WORDS["answered_no"].get(lang), answered == "tidak"),
        ),
    )


@dataclass(frozen=True, slots=True)
class ItemRow:
    application: str
    href: str
    opd: str
    level: Badge
    verdict: Badge
    availability: str
    answered: str
    outcome: Badge


def _availability(item: EvaluationItem) -> str:
    return "—" if item.availability is None else f"{item.availability:.1f}%"


def item_rows(rows: Sequence[tuple[EvaluationItem, Application, Opd]], year: int, lang: Lang) -> tuple[ItemRow, ...]:
    return tuple(
        ItemRow(
            application=app.nama,
            href=f"/evaluasi/{year}/{app.id}",
            opd=opd.nama,
            level=_level_badge(item.level, lang),
            verdict=_verdict_badge(item.verdict, lang),
            availability=_availability(item),
            answered=when(item.confirmed_at, lang) if item.confirmed_at else WORDS["answered_no"].get(lang),
            outcome=outcome_badge(item.outcome, lang),
        )
        for item, app, opd in rows
    )


def pages(base: str, params: Mapping[str, Any], offset: int, size: int, shown: int) -> tuple[str, str]:
    prev = page_link(base, {**params, "offset": max(0, offset - size)}) if offset else ""
    nxt = page_link(base, {**params, "offset": offset + size}) if shown == size else ""
    return prev, nxt


# -- one item -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FailedRule:
    id: str
    title: str
    severity: str
    findings: int


def failed_rules(record: AssessmentRecord | None, lang: Lang) -> tuple[FailedRule, ...]:
    if record is None:
        return ()
    known = rules_by_id()
    out = []
    for r in record.report.get("rules", ()):
        if r.get("status") != "failed":
            continue
        rule = known.get(str(r.get("id")))
        out.append(
            FailedRule(
                id=str(r.get("id")),
                title=rule.title.get(lang) if rule else str(r.get("name", "")),
                severity=SEVERITIES[sev].get(lang) if (sev := str(r.get("severity", ""))) in SEVERITIES else sev,
                findings=int(r.get("findings") or 0),
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    text: str


def _reasons(entries: Sequence[Mapping[str, Any]], lang: Lang) -> tuple[Reason, ...]:
    return tuple(Reason(str(e.get("code", "")), str(e.get(lang) or e.get("id") or "")) for e in entries)


@dataclass(frozen=True, slots=True)
class AnswerField:
    label: str
    value: str
    changed: bool


@dataclass(frozen=True, slots=True)
class ConfirmForm:
    action: str
    budget: str
    official: str
    official_email: str
    lifecycles: tuple[Option, ...]
    sunset: str
    again: bool


@dataclass(frozen=True, slots=True)
class OverrideForm:
    action: str
    outcomes: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class ItemPage:
    year: int
    back_href: str
    application: str
    opd: str
    outcome: Badge
    evaluation_closed: bool
    deadline: str
    assessed: bool
    level: Badge
    verdict: Badge
    failed: tuple[FailedRule, ...]
    report_href: str
    availability: str
    probes: int
    never_probed: bool
    drift: int
    tls_days: str
    confirmed: str
    confirmed_by: str
    answer: tuple[AnswerField, ...]
    budget_next_year: str
    reasons: tuple[Reason, ...]
    todo: tuple[Reason, ...]
    todo_deadline: str
    override_reason: str
    overridden_by: str
    renewed: str
    confirm_form: ConfirmForm | None
    override_form: OverrideForm | None


def effective_metadata(submitted: Mapping[str, Any] | None, confirmed: Mapping[str, Any] | None) -> dict[str, Any]:
    """What the reassessment uses: the approved version's x-spbe with the OPD's confirmation over it."""
    return {**(submitted or {}), **(confirmed or {})}


def _answer(
    submitted: Mapping[str, Any] | None, confirmed: Mapping[str, Any] | None, lang: Lang
) -> tuple[AnswerField, ...]:
    meta = effective_metadata(submitted, confirmed)
    shown, before = form_values(meta), form_values(submitted)
    changed = set(confirmed or {})
    years = budget_years(meta.get("anggaran"))
    budget = ", ".join(str(y) for y in years) if years else (shown["anggaran"] or "—")
    return (
        AnswerField(
            WORDS["budget"].get(lang), budget, "anggaran" in changed and shown["anggaran"] != before["anggaran"]
        ),
        AnswerField(
            WORDS["official"].get(lang),
            " ".join(filter(None, (shown["pj_nama"], f"<{shown['pj_email']}>" if shown["pj_email"] else ""))) or "—",
            "penanggung_jawab" in changed
            and (shown["pj_nama"], shown["pj_email"]) != (before["pj_nama"], before["pj_email"]),
        ),
        AnswerField(
            WORDS["lifecycle"].get(lang),
            choice_words(shown["lifecycle"], lang),
            "lifecycle" in changed and shown["lifecycle"] != before["lifecycle"],
        ),
        AnswerField(
            WORDS["sunset"].get(lang),
            shown["sunset"] or "—",
            "sunset" in changed and shown["sunset"] != before["sunset"],
        ),
    )


def confirm_form(action: str, meta: Mapping[str, Any], again: bool, lang: Lang) -> ConfirmForm:
    shown = form_values(meta)
    lifecycle = shown["lifecycle"]
    options = (
        Option("", WORDS["choose"].get(lang), not lifecycle),
        *(Option(c, choice_words(c, lang), c == lifecycle) for c in LIFECYCLES),
    )
    if lifecycle and lifecycle not in LIFECYCLES:
        options += (Option(lifecycle, lifecycle, True),)
    return ConfirmForm(action, shown["anggaran"], shown["pj_nama"], shown["pj_email"], options, shown["sunset"], again)


def override_form(action: str, lang: Lang) -> OverrideForm:
    finals = [o for o in EvaluationOutcome if o is not EvaluationOutcome.PENDING]
    return OverrideForm(
        action,
        (Option("", WORDS["choose"].get(lang), True), *(Option(o.value, OUTCOMES[o].get(lang)) for o in finals)),
    )


def item_page(
    *,
    evaluation: Evaluation,
    item: EvaluationItem,
    app: Application,
    opd: Opd,
    submitted: Mapping[str, Any] | None,
    record: AssessmentRecord | None,
    people: Mapping[int, str],
    letter: Letter | None,
    may_confirm: bool,
    may_override: bool,
    lang: Lang,
) -> ItemPage:
    base = f"/evaluasi/{evaluation.year}/{app.id}"
    meta = effective_metadata(submitted, item.metadata_)
    renewed = ""
    if letter is not None:
        until = f" ({WORDS['valid_until'].get(lang)} {letter.valid_until.isoformat()})" if letter.valid_until else ""
        renewed = letter.nomor + until
    return ItemPage(
        year=evaluation.year,
        back_href=f"/evaluasi/{evaluation.year}",
        application=app.nama,
        opd=opd.nama,
        outcome=outcome_badge(item.outcome, lang),
        evaluation_closed=evaluation.closed_at is not None,
        deadline=_day(evaluation.deadline),
        assessed=item.assessment_id is not None,
        level=_level_badge(item.level, lang),
        verdict=_verdict_badge(item.verdict, lang),
        failed=failed_rules(record, lang),
        report_href=f"/pengajuan/{item.submission_id}?penilaian={item.assessment_id}" if item.assessment_id else "",
        availability=_availability(item),
        probes=item.probes,
        never_probed=item.availability is None,
        drift=item.drift,
        tls_days=f"{item.tls_days} {WORDS['days'].get(lang)}" if item.tls_days is not None else "—",
        confirmed=when(item.confirmed_at, lang) if item.confirmed_at else "",
        confirmed_by=people.get(item.confirmed_by or 0, ""),
        answer=_answer(submitted, item.metadata_, lang),
        budget_next_year=WORDS["yes" if item.budget_next_year else "no"].get(lang),
        # An override's reason is its own line (the service also stores it as the reason).
        reasons=() if item.overridden_by else _reasons(item.reasons, lang),
        todo=_reasons(item.todo, lang) if item.outcome is EvaluationOutcome.ACTION else (),
        todo_deadline=_day(item.todo_deadline) if item.todo_deadline else "",
        override_reason=item.override_reason,
        overridden_by=people.get(item.overridden_by or 0, ""),
        renewed=renewed,
        confirm_form=confirm_form(f"{base}/konfirmasi", meta, item.confirmed_at is not None, lang)
        if may_confirm
        else None,
        override_form=override_form(f"{base}/kesampingkan", lang) if may_override else None,
    )


# -- the OPD's own items ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OwnItem:
    application: str
    href: str
    year: int
    deadline: str
    outcome: Badge
    todo: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class OpdItems:
    """What an OPD developer has to do in the evaluation: answer before the deadline, and act on
    the to-do lists of applications that need action."""

    to_answer: tuple[OwnItem, ...]
    answered: tuple[OwnItem, ...]
    to_do: tuple[OwnItem, ...]
    href: str

    @property
    def any(self) -> bool:
        return bool(self.to_answer or self.answered or self.to_do)


def opd_items(rows: Sequence[tuple[EvaluationItem, Evaluation, Application]], lang: Lang) -> OpdItems:
    to_answer: list[OwnItem] = []
    answered: list[OwnItem] = []
    to_do: list[OwnItem] = []
    for item, evaluation, app in rows:
        todo = _reasons(item.todo, lang) if item.outcome is EvaluationOutcome.ACTION else ()
        if evaluation.closed_at is None:
            own = OwnItem(
                app.nama,
                f"/evaluasi/{evaluation.year}/{app.id}",
                evaluation.year,
                _day(evaluation.deadline),
                outcome_badge(item.outcome, lang),
                todo,
            )
            (answered if item.confirmed_at else to_answer).append(own)
        elif item.outcome is EvaluationOutcome.ACTION:
            to_do.append(
                OwnItem(
                    app.nama,
                    f"/evaluasi/{evaluation.year}/{app.id}",
                    evaluation.year,
                    _day(item.todo_deadline),
                    outcome_badge(item.outcome, lang),
                    todo,
                )
            )
    return OpdItems(tuple(to_answer), tuple(answered), tuple(to_do), "/evaluasi")


@dataclass(frozen=True, slots=True)
class HomePanel:
    """The evaluation's part of the home page: an OPD's items, or for Diskominfo the way in."""

    words: dict[str, str]
    developer: bool
    mine: OpdItems | None
    current: EvaluationRow | None
    reassess_href: str


# -- bulk reassessment --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchRow:
    id: int
    href: str
    created_at: str
    total: int


def batch_rows(batches: Sequence[ReassessBatch], lang: Lang) -> tuple[BatchRow, ...]:
    return tuple(BatchRow(b.id or 0, f"/penilaian-ulang/{b.id}", when(b.created_at, lang), b.total) for b in batches)


@dataclass(frozen=True, slots=True)
class ChangeRow:
    application: str
    href: str
    opd: str
    done: bool
    before: str
    after: str
    newly_failing: tuple[FailedRule, ...]
    newly_passing: tuple[FailedRule, ...]


def _verdict_level(verdict: str, level: int | None, lang: Lang) -> str:
    return f"{_verdict_badge(verdict, lang).text} · {_level_badge(level, lang).text}"


def _named(ids: Sequence[str], lang: Lang) -> tuple[FailedRule, ...]:
    known = rules_by_id()
    return tuple(FailedRule(i, known[i].title.get(lang) if i in known else "", "", 0) for i in ids)


def change_rows(rows: Sequence[tuple[ReassessItem, Application, Opd]], lang: Lang) -> tuple[ChangeRow, ...]:
    return tuple(
        ChangeRow(
            application=app.nama,
            href=f"/pengajuan/{r.submission_id}" + (f"?penilaian={r.assessment_id}" if r.assessment_id else ""),
            opd=opd.nama,
            done=r.done_at is not None,
            before=_verdict_level(r.before_verdict, r.before_level, lang),
            after=_verdict_level(r.after_verdict, r.after_level, lang)
            if r.done_at
            else WORDS["pending_item"].get(lang),
            newly_failing=_named(r.newly_failing, lang),
            newly_passing=_named(r.newly_passing, lang),
        )
        for r, app, opd in rows
    )


@dataclass(frozen=True, slots=True)
class BatchPage:
    id: int
    created_at: str
    requested_by: str
    done: int
    total: int
    percent: int
    failed: int
    refresh: bool
    everything: bool
    toggle_href: str
    rows: tuple[ChangeRow, ...]


def batch_page(
    batch: ReassessBatch,
    requested_by: str,
    done: int,
    total: int,
    failed: int,
    everything: bool,
    rows: Sequence[tuple[ReassessItem, Application, Opd]],
    lang: Lang,
) -> BatchPage:
    base = f"/penilaian-ulang/{batch.id}"
    return BatchPage(
        id=batch.id or 0,
        created_at=when(batch.created_at, lang),
        requested_by=requested_by,
        done=done,
        total=total,
        percent=_percent(done, total),
        failed=failed,
        refresh=done + failed < total,
        everything=everything,
        toggle_href=base if everything else f"{base}?semua=1",
        rows=change_rows(rows, lang),
    )
