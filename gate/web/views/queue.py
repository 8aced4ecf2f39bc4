"""View models of the home page and the queue: submission rows, counts, filters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from gate.models import (
    Application,
    AssessmentRecord,
    Opd,
    State,
    Submission,
    as_utc,
)
from gate.services.oversight import AGE_BANDS, band_text
from gate.web.i18n import LABELS, STATES
from gate.web.views.common import Badge, Option, choice_words, result_badges, state_badge, when
from reports.model import clean
from rules.i18n import Lang, Text
from rules.result import LEVELS
from rules.sustainability.xspbe import LIFECYCLES


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
    #: How long it has waited since it was submitted ("3 hari").
    age: str = ""


def waited(since: datetime | None, lang: Lang, now: datetime | None = None) -> str:
    """How long since ``since``, in the largest whole unit ("12 hari", "5 jam", "< 1 jam")."""
    if since is None:
        return "—"
    now = now or datetime.now(UTC)
    seconds = (now - as_utc(since)).total_seconds()
    days, hours = int(seconds // 86400), int(seconds // 3600)
    if days >= 1:
        return Text(f"{days} hari", f"{days} day{'s' if days != 1 else ''}").get(lang)
    if hours >= 1:
        return Text(f"{hours} jam", f"{hours} hour{'s' if hours != 1 else ''}").get(lang)
    return Text("< 1 jam", "< 1 hour").get(lang)


def submission_rows(
    rows: Sequence[tuple[Submission, Application, Opd]],
    latest: Mapping[int, AssessmentRecord],
    lang: Lang,
    now: datetime | None = None,
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
                age=waited(sub.submitted_at, lang, now),
            )
        )
    return tuple(out)


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


#: What a reviewer's queue shows by default: submissions waiting for a reviewer.
AWAITING: tuple[State, ...] = (State.ASSESSED, State.IN_REVIEW)

#: The queue's own words (the shared ones are in ``gate.web.i18n``).
QUEUE_LABELS: dict[str, Text] = {
    "search": Text("Cari", "Search"),
    "search_hint": Text("Nama aplikasi, OPD atau judul dokumen", "Application, OPD or document name"),
    "lifecycle": Text("Siklus hidup", "Lifecycle"),
    "sort": Text("Urutkan", "Sort by"),
    "age": Text("Lama menunggu", "Waited"),
    "waited": Text("Menunggu", "Waited"),
    "catalogued": Text("Di katalog (versi yang disetujui)", "In the catalogue (approved version)"),
    "oldest": Text("Terlama menunggu", "Waited longest"),
    "newest": Text("Terbaru", "Newest"),
    "application": Text("Nama aplikasi", "Application name"),
    "opd": Text("OPD", "OPD"),
    "level": Text("Tingkat terendah", "Lowest level"),
    "dashboard": Text("Dasbor pengawasan", "Oversight dashboard"),
}
#: The page's words for the sort orders (``urut``) and the service's names for them.
SORT_PARAMS: dict[str, str] = {
    "lama": "oldest",
    "baru": "newest",
    "aplikasi": "application",
    "opd": "opd",
    "tingkat": "level",
}


def age_words(band: tuple[int, int | None], lang: Lang) -> str:
    low, high = band
    if high is None:
        return Text(f"≥ {low} hari", f"≥ {low} days").get(lang)
    return Text(f"{low}–{high} hari", f"{low}–{high} days").get(lang)


def queue_labels(lang: Lang) -> dict[str, str]:
    return {key: text.get(lang) for key, text in QUEUE_LABELS.items()}


@dataclass(frozen=True, slots=True)
class QueueFilters:
    opds: tuple[Option, ...]
    states: tuple[Option, ...]
    levels: tuple[Option, ...]
    lifecycles: tuple[Option, ...] = ()
    sorts: tuple[Option, ...] = ()
    ages: tuple[Option, ...] = ()
    q: str = ""


def queue_filters(
    opds: Sequence[Opd],
    opd_id: int | None,
    state: str,
    level: int | None,
    lang: Lang,
    *,
    lifecycle: str = "",
    sort: str = "lama",
    age: str = "",
    q: str = "",
) -> QueueFilters:
    every = LABELS["all"].get(lang)
    return QueueFilters(
        opds=(Option("", every, opd_id is None), *(Option(str(o.id), o.nama, o.id == opd_id) for o in opds)),
        states=(
            Option("menunggu", LABELS["awaiting"].get(lang), state == "menunggu"),
            Option("", every, not state),
            *(Option(s.value, STATES[s].get(lang), state == s.value) for s in State),
            Option("katalog", QUEUE_LABELS["catalogued"].get(lang), state == "katalog"),
        ),
        levels=(
            Option("", every, level is None),
            *(Option(str(n), f"{n} · {LEVELS[n].get(lang)}", n == level) for n in LEVELS),
        ),
        lifecycles=(
            Option("", every, not lifecycle),
            *(Option(v, choice_words(v, lang), v == lifecycle) for v in LIFECYCLES),
        ),
        sorts=tuple(Option(k, QUEUE_LABELS[v].get(lang), k == sort) for k, v in SORT_PARAMS.items()),
        ages=(
            Option("", every, not age),
            *(Option(band_text(b), age_words(b, lang), band_text(b) == age) for b in AGE_BANDS),
        ),
        q=q,
    )
