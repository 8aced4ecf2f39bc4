"""The yearly evaluation report: the figures the SPBE evaluation team works from, per kabupaten or OPD.

Everything is computed from the evaluation's items (one per catalogued application and year) and
their reassessments: applications by level and outcome, availability, the rules that failed most
often, the figures per OPD and the change from the previous years. One ``YearFigures`` feeds the
page, the PDF, the CSV, the XLSX and the API, so they cannot disagree.

The most frequent failed rules need each item's stored report, which is compressed JSON (tens to
hundreds of kilobytes). A stored assessment never changes, so the rules it failed are kept in
memory by its id: a report is read once per process, and a page at 2,000 applications reads only
the reports assessed since it was last shown.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import orjson
from sqlalchemy import LargeBinary, case, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from gate.core.packing import unpack
from gate.models import (
    Application,
    AssessmentRecord,
    Evaluation,
    EvaluationItem,
    EvaluationOutcome,
    Opd,
)
from rules.i18n import Text
from rules.profile import EvaluationRules
from rules.registry import get_rule

#: Availability bands (percent of the year's probes answered), best first; the last is "never probed".
AVAILABILITY_BANDS: tuple[tuple[float, float | None], ...] = ((99.0, None), (95.0, 99.0), (90.0, 95.0), (0.0, 90.0))
LEVEL_KEYS: tuple[int | None, ...] = (1, 2, 3, 4, 5, None)
OUTCOMES: tuple[EvaluationOutcome, ...] = (
    EvaluationOutcome.SUSTAINED,
    EvaluationOutcome.ACTION,
    EvaluationOutcome.LAPSED,
    EvaluationOutcome.PENDING,
)
TOP_RULES = 10


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One evaluated application: what every figure of the report is counted from."""

    item_id: int
    application_id: int
    application: str
    opd_id: int
    opd: str
    level: int | None
    verdict: str
    outcome: EvaluationOutcome
    availability: float | None
    probes: int
    #: The rules that failed in the item's reassessment (errors and warnings), sorted.
    failed_rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OpdFigures:
    opd_id: int
    opd: str
    total: int
    levels: dict[int | None, int]
    outcomes: dict[EvaluationOutcome, int]
    mean_level: float | None
    mean_availability: float | None


@dataclass(frozen=True, slots=True)
class YearTrend:
    year: int
    total: int
    mean_level: float | None
    sustained: int
    mean_availability: float | None

    @property
    def sustained_percent(self) -> float | None:
        return round(100 * self.sustained / self.total, 1) if self.total else None


@dataclass(frozen=True, slots=True)
class RuleCount:
    rule: str
    title: Text
    applications: int


@dataclass(frozen=True, slots=True)
class YearFigures:
    year: int
    evaluation: Evaluation
    rules: EvaluationRules
    #: The OPD the report is about (None: the whole kabupaten).
    opd: Opd | None
    items: tuple[ItemRow, ...]
    #: (level, outcome) -> applications; level None: not (yet) assessed.
    matrix: dict[tuple[int | None, EvaluationOutcome], int]
    levels: dict[int | None, int]
    outcomes: dict[EvaluationOutcome, int]
    mean_level: float | None
    #: Applications per availability band (AVAILABILITY_BANDS order), and never probed.
    availability_bands: tuple[int, ...]
    never_probed: int
    mean_availability: float | None
    below_availability: int
    failed_rules: tuple[RuleCount, ...]
    per_opd: tuple[OpdFigures, ...]
    #: Every evaluation up to this year, oldest first (this year last).
    trend: tuple[YearTrend, ...]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def previous(self) -> YearTrend | None:
        earlier = [t for t in self.trend if t.year < self.year]
        return earlier[-1] if earlier else None


# -- the failed rules of a stored assessment, read once -------------------------------------------------

#: (database, assessment id) -> the rules it failed.
_FAILED: dict[tuple[str, int], tuple[str, ...]] = {}
_FAILED_LOCK = threading.Lock()
_FAILED_MAX = 200_000


def failed_rules_of(report: dict[str, object]) -> tuple[str, ...]:
    """The rules an assessment failed at error or warning severity: what its OPD has to fix."""
    return _failing(report.get("rules", ()))


def _failing(rules: object) -> tuple[str, ...]:
    assert isinstance(rules, list | tuple)
    return tuple(
        sorted(
            str(r["id"])
            for r in rules
            if isinstance(r, dict) and r.get("status") == "failed" and r.get("severity") in ("error", "warning")
        )
    )


def _stored_failing(blob: bytes) -> tuple[str, ...]:
    """The failed rules of a stored report without parsing all of it: the findings before the
    ``rules`` list are most of its size. The archive is orjson's output (no spaces; a quote inside
    a string is escaped), so ``"rules":[`` outside a string is the key; anything unexpected falls
    back to parsing the whole report."""
    text = unpack(blob)
    start = text.rfind(b'"rules":[')
    end = text.find(b'],"duration_ms"', start)
    if start >= 0 and end >= 0:
        try:
            return _failing(orjson.loads(text[start + len(b'"rules":') : end + 1]))
        except (orjson.JSONDecodeError, AssertionError):
            pass
    return failed_rules_of(orjson.loads(text))


def _failed(session: Session, assessment_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    bind = session.get_bind()
    database = str(bind.engine.url)  # one process may serve several databases (tests, the benchmark)
    wanted = set(assessment_ids)
    with _FAILED_LOCK:
        found = {i: _FAILED[(database, i)] for i in wanted if (database, i) in _FAILED}
    missing = sorted(wanted - set(found))
    raw = type_coerce(AssessmentRecord.report, LargeBinary)  # the stored bytes, not the parsed report
    for start in range(0, len(missing), 200):
        chunk = missing[start : start + 200]
        rows = session.exec(select(AssessmentRecord.id, raw).where(col(AssessmentRecord.id).in_(chunk))).all()
        read = {int(i or 0): _stored_failing(blob) for i, blob in rows}
        found.update(read)
        with _FAILED_LOCK:
            if len(_FAILED) + len(read) > _FAILED_MAX:
                _FAILED.clear()
            _FAILED.update({(database, i): rules for i, rules in read.items()})
    return found


# -- the figures ---------------------------------------------------------------------------------------


def evaluation_of(session: Session, year: int) -> Evaluation | None:
    return session.exec(select(Evaluation).where(Evaluation.year == year)).first()


def years(session: Session) -> list[int]:
    return sorted(int(y) for y in session.exec(select(Evaluation.year)).all())


def open_evaluation(session: Session) -> Evaluation | None:
    """The evaluation being worked on: the newest one still open, else the newest."""
    return session.exec(
        select(Evaluation).order_by(col(Evaluation.closed_at).is_(None).desc(), col(Evaluation.year).desc())
    ).first()


def item_rows(session: Session, evaluation_id: int, opd_id: int | None = None) -> list[ItemRow]:
    # More columns than SQLModel's ``select`` is typed for: SQLAlchemy's, through ``execute``.
    query = (
        sa_select(
            col(EvaluationItem.id),
            col(EvaluationItem.application_id),
            col(Application.nama),
            col(Application.opd_id),
            col(Opd.nama),
            col(EvaluationItem.level),
            col(EvaluationItem.verdict),
            col(EvaluationItem.outcome),
            col(EvaluationItem.availability),
            col(EvaluationItem.probes),
            col(EvaluationItem.assessment_id),
        )
        .join(Application, col(Application.id) == EvaluationItem.application_id)
        .join(Opd, col(Opd.id) == Application.opd_id)
        .where(col(EvaluationItem.evaluation_id) == evaluation_id)
        .order_by(col(Opd.nama), col(Application.nama), col(EvaluationItem.id))
    )
    if opd_id is not None:
        query = query.where(col(Application.opd_id) == opd_id)
    rows = session.execute(query).all()
    failed = _failed(session, (r[10] for r in rows if r[10] is not None))
    return [
        ItemRow(
            item_id=int(item_id or 0),
            application_id=app_id,
            application=app_name,
            opd_id=opd,
            opd=opd_name,
            level=level,
            verdict=verdict,
            outcome=EvaluationOutcome(outcome),
            availability=availability,
            probes=probes,
            failed_rules=failed.get(assessment_id, ()) if assessment_id is not None else (),
        )
        for (
            item_id,
            app_id,
            app_name,
            opd,
            opd_name,
            level,
            verdict,
            outcome,
            availability,
            probes,
            assessment_id,
        ) in (rows)
    ]


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def band_of(availability: float | None) -> int | None:
    """The index of ``availability``'s band in AVAILABILITY_BANDS (None: never probed)."""
    if availability is None:
        return None
    for index, (low, _) in enumerate(AVAILABILITY_BANDS):
        if availability >= low:
            return index
    return len(AVAILABILITY_BANDS) - 1


def trend(session: Session, up_to: int, opd_id: int | None = None) -> list[YearTrend]:
    """Per evaluation year (up to ``up_to``): applications, mean level, sustained, mean availability."""
    query = (
        sa_select(
            col(Evaluation.year),
            func.count(col(EvaluationItem.id)),
            func.avg(EvaluationItem.level),
            func.sum(case((col(EvaluationItem.outcome) == EvaluationOutcome.SUSTAINED.value, 1), else_=0)),
            func.avg(EvaluationItem.availability),
        )
        .join(EvaluationItem, col(EvaluationItem.evaluation_id) == Evaluation.id)
        .where(col(Evaluation.year) <= up_to)
        .group_by(col(Evaluation.year))
        .order_by(col(Evaluation.year))
    )
    if opd_id is not None:
        query = query.join(Application, col(Application.id) == EvaluationItem.application_id).where(
            col(Application.opd_id) == opd_id
        )
    return [
        YearTrend(
            int(year),
            int(total),
            round(float(level), 2) if level is not None else None,
            int(sustained or 0),
            round(float(avail), 2) if avail is not None else None,
        )
        for year, total, level, sustained, avail in session.execute(query).all()
    ]


def year_figures(session: Session, year: int, opd_id: int | None = None) -> YearFigures | None:
    """The report of ``year`` (None: no evaluation that year), for one OPD or the whole kabupaten."""
    evaluation = evaluation_of(session, year)
    if evaluation is None:
        return None
    opd = session.get(Opd, opd_id) if opd_id is not None else None
    rules = EvaluationRules(**evaluation.rules)
    rows = item_rows(session, evaluation.id or 0, opd_id)
    matrix: Counter[tuple[int | None, EvaluationOutcome]] = Counter((r.level, r.outcome) for r in rows)
    bands = Counter(band_of(r.availability) for r in rows)
    probed = [r.availability for r in rows if r.availability is not None]
    rule_counts = Counter(rule for r in rows for rule in r.failed_rules)
    top = sorted(rule_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]
    by_opd: dict[int, list[ItemRow]] = {}
    for r in rows:
        by_opd.setdefault(r.opd_id, []).append(r)
    per_opd = tuple(
        OpdFigures(
            opd_id=opd_key,
            opd=members[0].opd,
            total=len(members),
            levels=dict(Counter(m.level for m in members)),
            outcomes=dict(Counter(m.outcome for m in members)),
            mean_level=_mean([m.level for m in members if m.level is not None]),
            mean_availability=_mean([m.availability for m in members if m.availability is not None]),
        )
        for opd_key, members in sorted(by_opd.items(), key=lambda kv: kv[1][0].opd)
    )
    return YearFigures(
        year=year,
        evaluation=evaluation,
        rules=rules,
        opd=opd,
        items=tuple(rows),
        matrix=dict(matrix),
        levels=dict(Counter(r.level for r in rows)),
        outcomes=dict(Counter(r.outcome for r in rows)),
        mean_level=_mean([r.level for r in rows if r.level is not None]),
        availability_bands=tuple(bands.get(i, 0) for i in range(len(AVAILABILITY_BANDS))),
        never_probed=bands.get(None, 0),
        mean_availability=_mean(probed),
        below_availability=sum(1 for a in probed if a < rules.min_availability),
        failed_rules=tuple(RuleCount(rule, _title(rule), n) for rule, n in top),
        per_opd=per_opd,
        trend=tuple(trend(session, year, opd_id)),
    )


def _title(rule_id: str) -> Text:
    rule = get_rule(rule_id)
    return rule.title if rule is not None else Text(rule_id, rule_id)


def closed_on(evaluation: Evaluation) -> date | None:
    at: datetime | None = evaluation.closed_at
    return at.date() if at is not None else None
