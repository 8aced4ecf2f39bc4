"""View model of the yearly evaluation report: the page (screen, print and PDF), and the same
figures as tables for CSV and XLSX. Every text is chosen here, in the viewer's language."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gate.models import EvaluationOutcome
from gate.services.reporting import AVAILABILITY_BANDS, LEVEL_KEYS, OUTCOMES, ItemRow, YearFigures, band_of
from gate.web.charts import BarChart, LineChart, bar_chart, line_chart
from gate.web.views.common import Badge, page_link, when
from gate.web.views.oversight import OUTCOME_TONES, OUTCOME_WORDS, Figure
from rules.i18n import Lang, Text
from rules.result import LEVELS

LABELS: dict[str, Text] = {
    "title": Text("Laporan Evaluasi Tahunan {year}", "Yearly Evaluation Report {year}"),
    "kabupaten": Text("Seluruh kabupaten", "The whole kabupaten"),
    "opened": Text("Dibuka", "Opened"),
    "deadline": Text("Batas konfirmasi OPD", "OPDs' confirmation deadline"),
    "closed": Text("Ditutup", "Closed"),
    "still_open": Text("masih berjalan", "still open"),
    "rules": Text("Syarat berkelanjutan", "Conditions to be sustained"),
    "rules_text": Text(
        "tingkat minimal {level}, ketersediaan minimal {availability}%{budget}",
        "level {level} or more, availability {availability}% or more{budget}",
    ),
    "budget_required": Text(", anggaran tahun depan wajib", ", next year's budget required"),
    "downloads": Text("Unduh", "Download"),
    "print_hint": Text(
        "Halaman ini juga dapat dicetak langsung dari peramban.", "This page also prints from the browser."
    ),
    "summary": Text("Ringkasan", "Summary"),
    "applications": Text("Aplikasi dievaluasi", "Applications evaluated"),
    "mean_level": Text("Rerata tingkat", "Mean level"),
    "sustained_share": Text("Berkelanjutan", "Sustained"),
    "mean_availability": Text("Rerata ketersediaan", "Mean availability"),
    "vs_previous": Text("dibanding {year}: {delta}", "against {year}: {delta}"),
    "first_year": Text("tahun pertama evaluasi", "the first evaluation"),
    "by_level": Text("Aplikasi menurut tingkat dan hasil", "Applications by level and outcome"),
    "level": Text("Tingkat", "Level"),
    "not_assessed": Text("Belum dinilai", "Not assessed"),
    "total": Text("Jumlah", "Total"),
    "levels_chart": Text("Aplikasi per tingkat kematangan", "Applications per maturity level"),
    "outcomes_chart": Text("Aplikasi per hasil evaluasi", "Applications per outcome"),
    "availability": Text("Ketersediaan deployment (365 hari)", "Deployment availability (365 days)"),
    "band": Text("Ketersediaan", "Availability"),
    "never_probed": Text("Tidak dipantau (tanpa URL produksi)", "Not watched (no production URL)"),
    "below": Text(
        "{n} aplikasi di bawah ambang {threshold}%; rerata {mean}.",
        "{n} applications below the {threshold}% threshold; mean {mean}.",
    ),
    "availability_chart": Text("Aplikasi per tingkat ketersediaan", "Applications per availability band"),
    "failed_rules": Text("Aturan yang paling sering gagal", "The rules failed most often"),
    "rule": Text("Aturan", "Rule"),
    "rule_title": Text("Judul", "Title"),
    "apps_failing": Text("Aplikasi", "Applications"),
    "share": Text("Persen", "Percent"),
    "rules_chart": Text("Aplikasi yang gagal pada aturan", "Applications failing the rule"),
    "no_failed": Text("Tidak ada aturan yang gagal.", "No rule failed."),
    "per_opd": Text("Per OPD", "Per OPD"),
    "opd": Text("OPD", "OPD"),
    "trend": Text("Perubahan dari tahun ke tahun", "Change from year to year"),
    "year": Text("Tahun", "Year"),
    "trend_chart": Text("Rerata tingkat kematangan per tahun", "Mean maturity level per year"),
    "no_items": Text("Evaluasi ini belum memuat aplikasi.", "This evaluation has no applications yet."),
    "spbe_note_title": Text("Catatan tentang evaluasi SPBE", "A note on the SPBE evaluation"),
    "spbe_note": Text(
        "Tingkat kematangan 1–5 di laporan ini memakai predikat indeks SPBE menurut ambang Peraturan Menteri "
        "PANRB Nomor 59 Tahun 2020 tentang Pemantauan dan Evaluasi SPBE (Kurang di bawah 1,8; Cukup dari 1,8; "
        "Baik dari 2,6; Sangat Baik dari 3,5; Memuaskan dari 4,2), dihitung dari penilaian dokumen API. Laporan ini "
        "tidak memetakan hasilnya ke domain, aspek, atau indikator evaluasi SPBE: tingkat sebuah API bukan nilai "
        "indikator SPBE.",
        "The 1–5 maturity levels in this report use the SPBE index predicates at the thresholds of Minister of "
        "PANRB Regulation 59/2020 on SPBE Monitoring and Evaluation (Poor below 1.8; Fair from 1.8; Good from 2.6; "
        "Very Good from 3.5; Excellent from 4.2), computed from the assessment of API documents. The report does not "
        "map its results to the SPBE evaluation's domains, aspects or indicators: an API's level is not an SPBE "
        "indicator's value.",
    ),
    "list_title": Text("Aplikasi dalam evaluasi {year}", "Applications in the {year} evaluation"),
    "application": Text("Aplikasi", "Application"),
    "outcome": Text("Hasil", "Outcome"),
    "verdict": Text("Putusan", "Verdict"),
    "probes": Text("Probe", "Probes"),
    "failed": Text("Aturan gagal", "Failed rules"),
    "filters": Text("Saringan", "Filters"),
    "clear": Text("Hapus saringan", "Clear the filters"),
    "empty": Text("Tidak ada aplikasi.", "No application."),
    "back": Text("Kembali ke laporan", "Back to the report"),
    "reports": Text("Laporan evaluasi tahunan", "Yearly evaluation reports"),
    "no_reports": Text("Belum ada evaluasi tahunan.", "No yearly evaluation yet."),
    "sheet_matrix": Text("Tingkat dan hasil", "Level and outcome"),
    "sheet_rules": Text("Aturan gagal", "Failed rules"),
    "sheet_trend": Text("Tren", "Trend"),
    "sheet_items": Text("Aplikasi", "Applications"),
    "pass": Text("Lulus", "Pass"),
    "fail": Text("Tidak lulus", "Fail"),
}


def labels(lang: Lang) -> dict[str, str]:
    return {key: text.get(lang) for key, text in LABELS.items()}


def level_words(level: int | None, lang: Lang) -> str:
    return f"{level} · {LEVELS[level].get(lang)}" if level is not None else LABELS["not_assessed"].get(lang)


def band_words(index: int | None, lang: Lang) -> str:
    if index is None:
        return LABELS["never_probed"].get(lang)
    low, high = AVAILABILITY_BANDS[index]
    if high is None:
        return f"≥ {low:g}%"
    return f"{low:g}% – < {high:g}%" if low > 0 else f"< {high:g}%"


def band_param(index: int | None) -> str:
    return "tidak" if index is None else str(index)


def _num(value: float | None, suffix: str = "", digits: int = 2) -> str:
    return f"{value:.{digits}f}{suffix}" if value is not None else "—"


def _delta(now: float | None, before: float | None, suffix: str = "", digits: int = 2) -> str:
    if now is None or before is None:
        return "—"
    change = round(now - before, digits)
    return f"{change:+.{digits}f}{suffix}"


@dataclass(frozen=True, slots=True)
class Card:
    label: str
    value: str
    change: str


@dataclass(frozen=True, slots=True)
class MatrixRow:
    level: str
    cells: tuple[Figure, ...]
    total: Figure


@dataclass(frozen=True, slots=True)
class BandRow:
    band: str
    figure: Figure


@dataclass(frozen=True, slots=True)
class RuleRow:
    rule: str
    title: str
    figure: Figure
    share: str


@dataclass(frozen=True, slots=True)
class OpdRow:
    opd: str
    href: str
    total: Figure
    mean_level: str
    outcomes: tuple[Figure, ...]
    mean_availability: str


@dataclass(frozen=True, slots=True)
class TrendRow:
    year: str
    href: str
    total: str
    mean_level: str
    sustained: str
    mean_availability: str


@dataclass(frozen=True, slots=True)
class Download:
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class YearReport:
    title: str
    scope: str
    facts: tuple[tuple[str, str], ...]
    downloads: tuple[Download, ...]
    cards: tuple[Card, ...]
    outcome_headers: tuple[Badge, ...]
    matrix: tuple[MatrixRow, ...]
    matrix_totals: tuple[Figure, ...]
    total: Figure
    levels_chart: BarChart
    outcomes_chart: BarChart
    bands: tuple[BandRow, ...]
    availability_note: str
    availability_chart: BarChart
    rules: tuple[RuleRow, ...]
    rules_chart: BarChart
    per_opd: tuple[OpdRow, ...]
    trend: tuple[TrendRow, ...]
    trend_chart: LineChart
    empty: bool


def year_report(fig: YearFigures, lang: Lang) -> YearReport:
    L = labels(lang)
    opd_id = fig.opd.id if fig.opd else None
    base = f"/laporan/{fig.year}"
    listing = f"{base}/aplikasi"

    def link(**params: Any) -> str:
        return page_link(listing, {"opd": opd_id, **params})

    ev = fig.evaluation
    rules = fig.rules
    facts = (
        (L["opened"], when(ev.opened_at, lang)),
        (L["deadline"], ev.deadline.isoformat()),
        (L["closed"], when(ev.closed_at, lang) if ev.closed_at else L["still_open"]),
        (
            L["rules"],
            L["rules_text"].format(
                level=rules.min_level,
                availability=f"{rules.min_availability:g}",
                budget=L["budget_required"] if rules.budget_required else "",
            ),
        ),
    )
    suffix = f"?opd={opd_id}" if opd_id is not None else ""
    downloads = tuple(
        Download(name, f"{base}/{kind}{suffix}") for name, kind in (("PDF", "pdf"), ("CSV", "csv"), ("XLSX", "xlsx"))
    )
    prev = fig.previous
    sustained = fig.outcomes.get(EvaluationOutcome.SUSTAINED, 0)
    share = round(100 * sustained / fig.total, 1) if fig.total else None

    def change(now: float | None, before: float | None, sfx: str = "", digits: int = 2) -> str:
        if prev is None:
            return L["first_year"]
        return L["vs_previous"].format(year=prev.year, delta=_delta(now, before, sfx, digits))

    cards = (
        Card(L["applications"], str(fig.total), change(float(fig.total), float(prev.total) if prev else None, "", 0)),
        Card(L["mean_level"], _num(fig.mean_level), change(fig.mean_level, prev.mean_level if prev else None)),
        Card(
            L["sustained_share"],
            _num(share, "%", 1),
            change(share, prev.sustained_percent if prev else None, " pp", 1),
        ),
        Card(
            L["mean_availability"],
            _num(fig.mean_availability, "%"),
            change(fig.mean_availability, prev.mean_availability if prev else None, " pp"),
        ),
    )
    outcome_headers = tuple(Badge(OUTCOME_WORDS[o].get(lang), OUTCOME_TONES[o]) for o in OUTCOMES)
    matrix = tuple(
        MatrixRow(
            level=level_words(level, lang),
            cells=tuple(
                Figure(str(fig.matrix.get((level, o), 0)), link(tingkat=_level_param(level), hasil=o.value))
                for o in OUTCOMES
            ),
            total=Figure(str(fig.levels.get(level, 0)), link(tingkat=_level_param(level))),
        )
        for level in LEVEL_KEYS
    )
    matrix_totals = tuple(Figure(str(fig.outcomes.get(o, 0)), link(hasil=o.value)) for o in OUTCOMES)
    levels_chart = bar_chart(
        L["levels_chart"],
        [(level_words(level, lang), float(fig.levels.get(level, 0))) for level in LEVEL_KEYS],
        fmt="{:.0f}",
        tones=[("ok" if level and level >= rules.min_level else "bad" if level else "plain") for level in LEVEL_KEYS],
        hrefs=[link(tingkat=_level_param(level)) for level in LEVEL_KEYS],
    )
    outcomes_chart = bar_chart(
        L["outcomes_chart"],
        [(OUTCOME_WORDS[o].get(lang), float(fig.outcomes.get(o, 0))) for o in OUTCOMES],
        fmt="{:.0f}",
        tones=[OUTCOME_TONES[o] for o in OUTCOMES],
        hrefs=[link(hasil=o.value) for o in OUTCOMES],
    )
    band_keys: list[int | None] = [*range(len(AVAILABILITY_BANDS)), None]
    band_counts = [*fig.availability_bands, fig.never_probed]
    bands = tuple(
        BandRow(band_words(k, lang), Figure(str(n), link(ketersediaan=band_param(k))))
        for k, n in zip(band_keys, band_counts, strict=True)
    )
    availability_chart = bar_chart(
        L["availability_chart"],
        [(b.band, float(n)) for b, n in zip(bands, band_counts, strict=True)],
        fmt="{:.0f}",
        tones=["ok", "plain", "wait", "bad", "plain"],
        hrefs=[b.figure.href for b in bands],
    )
    rule_rows = tuple(
        RuleRow(
            rule=r.rule,
            title=r.title.get(lang),
            figure=Figure(str(r.applications), link(aturan=r.rule)),
            share=_num(100 * r.applications / fig.total if fig.total else None, "%", 1),
        )
        for r in fig.failed_rules
    )
    rules_chart = bar_chart(
        L["rules_chart"],
        [(f"{r.rule} {r.title}", float(r.figure.text)) for r in rule_rows],
        fmt="{:.0f}",
        tones=["bad"] * len(rule_rows),
        hrefs=[r.figure.href for r in rule_rows],
    )
    per_opd = tuple(
        OpdRow(
            opd=o.opd,
            href=page_link(base, {"opd": o.opd_id}),
            total=Figure(str(o.total), page_link(listing, {"opd": o.opd_id})),
            mean_level=_num(o.mean_level),
            outcomes=tuple(
                Figure(str(o.outcomes.get(out, 0)), page_link(listing, {"opd": o.opd_id, "hasil": out.value}))
                for out in OUTCOMES
            ),
            mean_availability=_num(o.mean_availability, "%"),
        )
        for o in fig.per_opd
    )
    trend = tuple(
        TrendRow(
            year=str(t.year),
            href=f"/laporan/{t.year}{suffix}",
            total=str(t.total),
            mean_level=_num(t.mean_level),
            sustained=_num(t.sustained_percent, "%", 1),
            mean_availability=_num(t.mean_availability, "%"),
        )
        for t in fig.trend
    )
    trend_chart = line_chart(
        L["trend_chart"],
        [(str(t.year), t.mean_level) for t in fig.trend],
        low=1.0,
        high=5.0,
        fmt="{:.2f}",
        gridlines=(1.0, 2.0, 3.0, 4.0, 5.0),
    )
    return YearReport(
        title=L["title"].format(year=fig.year),
        scope=fig.opd.nama if fig.opd else L["kabupaten"],
        facts=facts,
        downloads=downloads,
        cards=cards,
        outcome_headers=outcome_headers,
        matrix=matrix,
        matrix_totals=matrix_totals,
        total=Figure(str(fig.total), link()),
        levels_chart=levels_chart,
        outcomes_chart=outcomes_chart,
        bands=bands,
        availability_note=L["below"].format(
            n=fig.below_availability, threshold=f"{rules.min_availability:g}", mean=_num(fig.mean_availability, "%")
        ),
        availability_chart=availability_chart,
        rules=rule_rows,
        rules_chart=rules_chart,
        per_opd=per_opd if fig.opd is None else (),
        trend=trend,
        trend_chart=trend_chart,
        empty=fig.total == 0,
    )


def _level_param(level: int | None) -> str:
    return str(level) if level is not None else "0"


# -- the applications behind a figure --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemLine:
    application: str
    href: str
    opd: str
    level: str
    outcome: Badge
    availability: str
    failed: str


def matches(row: ItemRow, *, hasil: str, tingkat: str, ketersediaan: str, aturan: str) -> bool:
    """Whether an item is behind the figure these parameters name (as the report's links write them)."""
    if hasil and row.outcome.value != hasil:
        return False
    if tingkat and (row.level or 0) != int(tingkat):
        return False
    if ketersediaan and band_param(band_of(row.availability)) != ketersediaan:
        return False
    return not aturan or aturan in row.failed_rules


def item_lines(rows: Sequence[ItemRow], lang: Lang) -> tuple[ItemLine, ...]:
    return tuple(
        ItemLine(
            application=r.application,
            href=f"/katalog/{r.application_id}",
            opd=r.opd,
            level=level_words(r.level, lang),
            outcome=Badge(OUTCOME_WORDS[r.outcome].get(lang), OUTCOME_TONES[r.outcome]),
            availability=_num(r.availability, "%", 1),
            failed=" ".join(r.failed_rules) or "—",
        )
        for r in rows
    )


# -- the same figures as tables (CSV, XLSX) ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Table:
    #: The sheet's name (at most 31 characters, as Excel wants).
    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def application_table(fig: YearFigures, lang: Lang) -> Table:
    """One row per evaluated application: what every other figure is counted from."""
    L = labels(lang)
    return Table(
        L["sheet_items"],
        (
            L["year"],
            L["opd"],
            L["application"],
            "ID",
            L["level"],
            L["verdict"],
            L["outcome"],
            L["band"] + " (%)",
            L["probes"],
            L["failed"],
        ),
        tuple(
            (
                fig.year,
                r.opd,
                r.application,
                r.application_id,
                r.level,
                r.verdict,
                r.outcome.value,
                r.availability,
                r.probes,
                " ".join(r.failed_rules),
            )
            for r in fig.items
        ),
    )


def tables(fig: YearFigures, lang: Lang) -> tuple[Table, ...]:
    """The report's tables, one per XLSX sheet; numbers stay numbers (None: empty cell)."""
    L = labels(lang)
    outcome_words = tuple(OUTCOME_WORDS[o].get(lang) for o in OUTCOMES)
    summary = Table(
        L["summary"],
        (L["summary"], L["total"]),
        (
            (L["year"], fig.year),
            (L["opd"], fig.opd.nama if fig.opd else L["kabupaten"]),
            (L["applications"], fig.total),
            (L["mean_level"], fig.mean_level),
            *((OUTCOME_WORDS[o].get(lang), fig.outcomes.get(o, 0)) for o in OUTCOMES),
            (L["mean_availability"] + " (%)", fig.mean_availability),
        ),
    )
    matrix = Table(
        L["sheet_matrix"],
        (L["level"], *outcome_words, L["total"]),
        tuple(
            (
                level_words(level, lang),
                *(fig.matrix.get((level, o), 0) for o in OUTCOMES),
                fig.levels.get(level, 0),
            )
            for level in LEVEL_KEYS
        ),
    )
    availability = Table(
        L["band"],
        (L["band"], L["apps_failing"]),
        (
            *((band_words(i, lang), n) for i, n in enumerate(fig.availability_bands)),
            (band_words(None, lang), fig.never_probed),
        ),
    )
    failed = Table(
        L["sheet_rules"],
        (L["rule"], L["rule_title"], L["apps_failing"]),
        tuple((r.rule, r.title.get(lang), r.applications) for r in fig.failed_rules),
    )
    per_opd = Table(
        L["per_opd"],
        (L["opd"], L["total"], L["mean_level"], *outcome_words, L["mean_availability"] + " (%)"),
        tuple(
            (o.opd, o.total, o.mean_level, *(o.outcomes.get(out, 0) for out in OUTCOMES), o.mean_availability)
            for o in fig.per_opd
        ),
    )
    trend = Table(
        L["sheet_trend"],
        (L["year"], L["applications"], L["mean_level"], L["sustained_share"] + " (%)", L["mean_availability"] + " (%)"),
        tuple((t.year, t.total, t.mean_level, t.sustained_percent, t.mean_availability) for t in fig.trend),
    )
    return (summary, matrix, availability, failed, per_opd, trend, application_table(fig, lang))


def year_links(years: Sequence[int], opd_id: int | None) -> tuple[Download, ...]:
    suffix = f"?opd={opd_id}" if opd_id is not None else ""
    return tuple(Download(str(y), f"/laporan/{y}{suffix}") for y in sorted(years, reverse=True))


# -- files for spreadsheets ---------------------------------------------------------------------------------

#: What makes a spreadsheet read a cell as a formula (OWASP's CSV injection): names are typed by users.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, kept as text (a leading apostrophe)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def csv_text(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_plain(h) for h in table.headers])
    for row in table.rows:
        writer.writerow(["" if v is None else _plain(v) for v in row])
    # With a byte-order mark, spreadsheet programs read the names' accents as UTF-8.
    return "\ufeff" + buffer.getvalue()


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """One sheet per table; text stays text (openpyxl would store ``=...`` as a formula)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]  # imported here: only this download needs it

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.name)
        for values in (table.headers, *table.rows):
            sheet.append(list(values))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
