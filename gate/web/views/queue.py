"""View models of the home page and the queue: submission rows, counts, filters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gate.models import (
    Application,
    AssessmentRecord,
    Opd,
    State,
    Submission,
)
from gate.web.i18n import LABELS, STATES
from gate.web.views.common import Badge, Option, result_badges, state_badge, when
from reports.model import clean
from rules.i18n import Lang
from rules.result import LEVELS


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
