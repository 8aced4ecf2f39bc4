"""View model of the oversight dashboard: every figure with the link to the list behind it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from gate.models import Application, EvaluationOutcome, Letter, Opd, Probe
from gate.services import oversight
from gate.services.oversight import AGE_BANDS, QueueAge, band_text
from gate.web.charts import BarChart, bar_chart
from gate.web.views.common import Badge, page_link, state_badge, when
from gate.web.views.queue import SubmissionRow, age_words, waited
from rules.i18n import Lang, Text
from rules.result import LEVELS

LABELS: dict[str, Text] = {
    "title": Text("Dasbor pengawasan", "Oversight dashboard"),
    "intro": Text(
        "Keadaan seluruh kabupaten: setiap angka membuka daftar di baliknya.",
        "The whole kabupaten at a glance: every number opens the list behind it.",
    ),
    "queue": Text("Antrean menurut status dan lama menunggu", "The queue by state and time waited"),
    "state": Text("Status", "State"),
    "total": Text("Jumlah", "Total"),
    "oldest": Text("Terlama", "Oldest"),
    "oldest_items": Text("Yang paling lama menunggu", "Waiting longest"),
    "application": Text("Aplikasi", "Application"),
    "opd": Text("OPD", "OPD"),
    "waited": Text("Menunggu", "Waited"),
    "whole_queue": Text("Seluruh antrean", "The whole queue"),
    "nothing_waiting": Text("Tidak ada yang menunggu tinjauan.", "Nothing awaits review."),
    "expiring": Text("Rekomendasi yang akan berakhir", "Recommendations ending"),
    "within": Text("dalam {n} hari", "within {n} days"),
    "down": Text("Deployment tidak terjangkau", "Deployments down"),
    "down_of": Text("dari {n} yang dipantau (probe terakhir gagal)", "of {n} watched (latest probe failed)"),
    "yearly": Text("Evaluasi tahunan", "Yearly evaluation"),
    "evaluation": Text("Evaluasi tahunan {year}", "Yearly evaluation {year}"),
    "no_evaluation": Text("Belum ada evaluasi tahunan yang dibuka.", "No yearly evaluation has been opened."),
    "all_evaluations": Text("Semua evaluasi tahunan", "Every yearly evaluation"),
    "all_reports": Text("Laporan evaluasi", "Evaluation reports"),
    "assessed": Text("dinilai ulang {done} dari {total}", "reassessed {done} of {total}"),
    "closed": Text("ditutup {day}", "closed {day}"),
    "deadline": Text("batas konfirmasi OPD {day}", "OPDs confirm by {day}"),
    "report": Text("Laporan evaluasi {year}", "Evaluation report {year}"),
    "levels": Text("Tingkat kematangan per OPD (aplikasi di katalog)", "Maturity levels per OPD (catalogued)"),
    "mean_level": Text("Rerata tingkat per OPD", "Mean level per OPD"),
    "not_assessed": Text("Belum dinilai", "Not assessed"),
    "none_catalogued": Text("Belum ada aplikasi di katalog.", "No application is catalogued yet."),
    "chart_data": Text("Data grafik", "Chart data"),
    "mean": Text("Rerata", "Mean"),
    # the lists behind the numbers
    "expiring_list": Text("Rekomendasi yang berakhir dalam {n} hari", "Recommendations ending within {n} days"),
    "letter": Text("Nomor surat", "Letter number"),
    "valid_until": Text("Berlaku sampai", "Valid until"),
    "days_left": Text("Sisa hari", "Days left"),
    "down_list": Text("Deployment yang probe terakhirnya gagal", "Deployments whose latest probe failed"),
    "probed_at": Text("Probe terakhir", "Latest probe"),
    "url": Text("URL", "URL"),
    "error": Text("Galat", "Error"),
    "empty": Text("Tidak ada.", "None."),
    "back": Text("Kembali ke dasbor", "Back to the dashboard"),
}

OUTCOME_WORDS: dict[EvaluationOutcome, Text] = {
    EvaluationOutcome.SUSTAINED: Text("Berkelanjutan", "Sustained"),
    EvaluationOutcome.ACTION: Text("Perlu tindakan", "Action needed"),
    EvaluationOutcome.LAPSED: Text("Tidak berkelanjutan", "Not sustained"),
    EvaluationOutcome.PENDING: Text("Menunggu", "Pending"),
}
OUTCOME_TONES: dict[EvaluationOutcome, str] = {
    EvaluationOutcome.SUSTAINED: "ok",
    EvaluationOutcome.ACTION: "wait",
    EvaluationOutcome.LAPSED: "bad",
    EvaluationOutcome.PENDING: "plain",
}


def labels(lang: Lang) -> dict[str, str]:
    return {key: text.get(lang) for key, text in LABELS.items()}


@dataclass(frozen=True, slots=True)
class Figure:
    """A number and the list behind it."""

    text: str
    href: str


@dataclass(frozen=True, slots=True)
class QueueLine:
    state: Badge
    total: Figure
    bands: tuple[Figure, ...]
    oldest: str


def queue_lines(ages: Sequence[QueueAge], lang: Lang, now: datetime) -> tuple[QueueLine, ...]:
    out = []
    for age in ages:
        base = {"status": age.state.value}
        out.append(
            QueueLine(
                state=state_badge(age.state, lang),
                total=Figure(str(age.total), page_link("/antrean", base)),
                bands=tuple(
                    Figure(str(n), page_link("/antrean", {**base, "umur": band_text(b)}))
                    for n, b in zip(age.bands, AGE_BANDS, strict=True)
                ),
                oldest=waited(age.oldest, lang, now) if age.oldest else "—",
            )
        )
    return tuple(out)


def band_headers(lang: Lang) -> tuple[str, ...]:
    return tuple(age_words(b, lang) for b in AGE_BANDS)


@dataclass(frozen=True, slots=True)
class Expiry:
    label: str
    figure: Figure


def expiries(counts: Mapping[int, int], lang: Lang) -> tuple[Expiry, ...]:
    return tuple(
        Expiry(
            LABELS["within"].get(lang).format(n=days),
            Figure(str(counts.get(days, 0)), f"/dasbor/rekomendasi?hari={days}"),
        )
        for days in oversight.EXPIRY_WINDOWS
    )


@dataclass(frozen=True, slots=True)
class Progress:
    title: str
    status: str
    outcomes: tuple[tuple[Badge, Figure], ...]
    assessed: str
    report_href: str
    report_label: str


def progress(year: int, counts: Mapping[str, int], closed: date | None, deadline: date, lang: Lang) -> Progress:
    base = f"/laporan/{year}/aplikasi"
    status = (
        LABELS["closed"].get(lang).format(day=closed.isoformat())
        if closed
        else LABELS["deadline"].get(lang).format(day=deadline.isoformat())
    )
    return Progress(
        title=LABELS["evaluation"].get(lang).format(year=year),
        status=status,
        outcomes=tuple(
            (
                Badge(OUTCOME_WORDS[o].get(lang), OUTCOME_TONES[o]),
                Figure(str(counts.get(o.value, 0)), page_link(base, {"hasil": o.value})),
            )
            for o in (
                EvaluationOutcome.SUSTAINED,
                EvaluationOutcome.ACTION,
                EvaluationOutcome.LAPSED,
                EvaluationOutcome.PENDING,
            )
        ),
        assessed=LABELS["assessed"].get(lang).format(done=counts.get("assessed", 0), total=counts.get("total", 0)),
        report_href=f"/laporan/{year}",
        report_label=LABELS["report"].get(lang).format(year=year),
    )


@dataclass(frozen=True, slots=True)
class OpdLevels:
    opd: str
    opd_href: str
    cells: tuple[Figure, ...]
    total: Figure
    mean: str


@dataclass(frozen=True, slots=True)
class LevelTable:
    headers: tuple[str, ...]
    rows: tuple[OpdLevels, ...]
    chart: BarChart


LEVEL_COLUMNS: tuple[int | None, ...] = (1, 2, 3, 4, 5, None)


def mean_level(counts: Mapping[int | None, int]) -> float | None:
    assessed = [(level, n) for level, n in counts.items() if level is not None]
    total = sum(n for _, n in assessed)
    return round(sum(level * n for level, n in assessed) / total, 2) if total else None


def level_table(per_opd: Sequence[tuple[Opd, Mapping[int | None, int]]], lang: Lang) -> LevelTable:
    rows = []
    for opd, counts in per_opd:
        base = {"status": "katalog", "opd": opd.id}
        mean = mean_level(counts)
        rows.append(
            OpdLevels(
                opd=opd.nama,
                opd_href=page_link("/katalog", {"opd": opd.id}),
                cells=tuple(
                    Figure(str(counts.get(level, 0)), page_link("/antrean", {**base, "tingkat": level}))
                    for level in LEVEL_COLUMNS
                ),
                total=Figure(str(sum(counts.values())), page_link("/antrean", base)),
                mean=f"{mean:.2f}" if mean is not None else "—",
            )
        )
    headers = tuple(
        f"{level} · {LEVELS[level].get(lang)}" if level is not None else LABELS["not_assessed"].get(lang)
        for level in LEVEL_COLUMNS
    )
    chart = bar_chart(
        LABELS["mean_level"].get(lang),
        [(r.opd, float(r.mean)) for r in rows if r.mean != "—"],
        fmt="{:.2f}",
        maximum=5.0,
        tones=[("ok" if float(r.mean) >= 3 else "bad") for r in rows if r.mean != "—"],
        hrefs=[r.total.href for r in rows if r.mean != "—"],
    )
    return LevelTable(headers, tuple(rows), chart)


# -- the lists behind the numbers ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExpiringRow:
    application: str
    href: str
    opd: str
    letter: str
    valid_until: str
    days_left: int


def expiring_rows(rows: Sequence[tuple[Letter, Application, Opd]], today: date) -> tuple[ExpiringRow, ...]:
    return tuple(
        ExpiringRow(
            application=app.nama,
            href=f"/katalog/{app.id}",
            opd=opd.nama,
            letter=letter.nomor,
            valid_until=letter.valid_until.isoformat() if letter.valid_until else "—",
            days_left=(letter.valid_until - today).days if letter.valid_until else 0,
        )
        for letter, app, opd in rows
    )


@dataclass(frozen=True, slots=True)
class DownRow:
    application: str
    href: str
    opd: str
    url: str
    at: str
    error: str


def down_rows(rows: Sequence[tuple[Probe, Application, Opd]], lang: Lang) -> tuple[DownRow, ...]:
    return tuple(
        DownRow(
            application=app.nama,
            href=f"/katalog/{app.id}",
            opd=opd.nama,
            url=probe.url,
            at=when(probe.at, lang),
            error=probe.error or (f"HTTP {probe.status}" if probe.status else "—"),
        )
        for probe, app, opd in rows
    )


@dataclass(frozen=True, slots=True)
class Dashboard:
    queue: tuple[QueueLine, ...]
    band_headers: tuple[str, ...]
    oldest: tuple[SubmissionRow, ...]
    expiring: tuple[Expiry, ...]
    down: Figure
    down_of: str
    evaluation: Progress | None
    levels: LevelTable
