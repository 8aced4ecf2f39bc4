"""View model of a watched deployment: availability, latency, certificate, drift and a small chart.

The chart is SVG drawn here, in Python, as plain shapes (a latency line, one up/down mark per
probe, a scale) that the template writes out; the same probes are the table beside it, which is
what screen readers and print read. No script.
"""

from __future__ import annotations

import math
from collections import namedtuple
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlmodel import Session

from gate.models import Application, Submission, User
from gate.services import watching
from gate.services.monitoring import error_text
from gate.services.watching import Point, Record
from gate.web.views.common import Badge, when
from rules.i18n import Lang, Text

LABELS: dict[str, Text] = {
    "heading": Text("Pemantauan deployment", "Deployment monitoring"),
    "heading_opd": Text("Deployment yang dipantau", "Watched deployments"),
    "url": Text("URL produksi", "Production URL"),
    "document": Text("Dokumen OpenAPI langsung", "Live OpenAPI document"),
    "availability": Text("Ketersediaan", "Availability"),
    "days": Text("{n} hari", "{n} days"),
    "of_probes": Text("{up} dari {n} pemeriksaan", "{up} of {n} probes"),
    "no_probes": Text("belum ada pemeriksaan", "no probes yet"),
    "latency": Text("Latensi terakhir", "Latest latency"),
    "certificate": Text("Sertifikat TLS", "TLS certificate"),
    "cert_days": Text("berlaku {n} hari lagi (dilihat {at})", "valid for {n} more days (seen {at})"),
    "cert_none": Text("tidak terlihat (HTTP atau belum dijangkau)", "not seen (HTTP, or not reached yet)"),
    "failures": Text("Gagal berturut-turut", "Failures in a row"),
    "drift": Text("Perbedaan dengan versi yang disetujui", "Differences from the approved version"),
    "drift_none": Text(
        "Tidak ada: API produksi sama dengan versi yang disetujui.", "None: production serves the approved API."
    ),
    "drift_not_yet": Text(
        "Belum diperiksa: dokumen OpenAPI langsung belum pernah berhasil dibaca.",
        "Not checked yet: the live OpenAPI document has not been read so far.",
    ),
    "drift_unchecked": Text(
        "Tidak diperiksa: aplikasi tidak menerbitkan url_openapi.",
        "Not checked: the application publishes no url_openapi.",
    ),
    "drift_current": Text(
        "Ditemukan {at}; belum ada pemeriksaan sesudahnya yang mendapati API kembali sesuai:",
        "Found {at}; no probe since has found the API as approved again:",
    ),
    "drift_past": Text(
        "Terakhir ditemukan {at}; pemeriksaan sesudahnya mendapati API kembali sesuai:",
        "Last found {at}; later probes found the API as approved again:",
    ),
    "chart": Text("Latensi dan status {n} pemeriksaan terakhir", "Latency and status of the last {n} probes"),
    "chart_scale": Text(
        "latensi (ms); tanda di bawah: hijau tersedia, merah gagal", "latency (ms); marks below: green up, red down"
    ),
    "probes": Text("Pemeriksaan", "Probes"),
    "at": Text("Waktu", "Time"),
    "state": Text("Status", "Status"),
    "http": Text("HTTP", "HTTP"),
    "ms": Text("Latensi (ms)", "Latency (ms)"),
    "error": Text("Keterangan", "Note"),
    "up": Text("tersedia", "up"),
    "down": Text("gagal", "down"),
    "unknown": Text("belum diperiksa", "not probed yet"),
    "not_watched": Text(
        "Tidak dipantau: versi yang disetujui tidak menyatakan url_produksi di x-spbe.",
        "Not watched: the approved version declares no url_produksi in x-spbe.",
    ),
    "waiting": Text(
        "Belum ada pemeriksaan; putaran berikutnya akan memeriksanya.", "No probe yet; the next round will probe it."
    ),
}

#: The labels as one immutable value per language: a deployment's block is rendered once per
#: (view, labels) and kept (``render.fragment``), so what it is rendered with must be hashable.
Words = namedtuple("Words", list(LABELS))  # type: ignore[misc]


@cache
def words(lang: Lang) -> Any:
    return Words(**labels(lang))


#: Probes drawn per application on the OPD's home (several applications: each a shorter history;
#: its catalogue entry has the longer one).
HOME_SERIES = 12

# The chart's box, in SVG user units: narrow enough that its text stays legible on a 390 px phone.
WIDTH, HEIGHT = 360.0, 150.0
LEFT, RIGHT, TOP, BOTTOM = 40.0, 6.0, 8.0, 22.0
#: The up/down strip under the latency plot.
STRIP = 8.0
#: The site's --ok and --bad colours.
OK_FILL, BAD_FILL = "#1b7a3e", "#b3261e"


@dataclass(frozen=True, slots=True)
class Mark:
    x: float
    y: float
    width: float
    height: float
    tone: str  # ok | bad
    #: The colour itself: the chart must read the same printed or saved without the page's style.
    fill: str


@dataclass(frozen=True, slots=True)
class Tick:
    y: float
    label: str
    #: Where the label's baseline goes (centred on the line).
    text_y: float


@dataclass(frozen=True, slots=True)
class Chart:
    width: float
    height: float
    title: str
    caption: str
    left: float
    right: float
    #: Where the scale's labels end (right-aligned, left of the plot).
    label_x: float
    #: One polyline per run of probes that answered (a failure breaks the line), "x,y x,y ...".
    lines: tuple[str, ...]
    #: Each answered probe's point (a lone answer between failures is still seen).
    dots: tuple[tuple[float, float], ...]
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]


@dataclass(frozen=True, slots=True)
class ProbeRow:
    at: str
    state: Badge
    status: str
    latency: str
    error: str


@dataclass(frozen=True, slots=True)
class AvailabilityCell:
    label: str
    percent: str
    detail: str


@dataclass(frozen=True, slots=True)
class DriftView:
    summary: str
    differences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DeploymentView:
    """One deployment's block: on the catalogue entry (one) and the OPD's home (each application)."""

    name: str
    href: str
    #: Unique on the page: the chart's title id.
    anchor: str
    url: str
    document_url: str
    watched: bool
    #: Shown instead of the figures when there are none yet (or the deployment is not watched).
    note: str
    state: Badge
    availability: tuple[AvailabilityCell, ...]
    latency: str
    certificate: str
    failures: int
    failures_tone: str
    drift: DriftView
    chart: Chart | None
    rows: tuple[ProbeRow, ...]


@dataclass(frozen=True, slots=True)
class Deployments:
    """What ``_deployment.html.j2`` shows: one block on a catalogue entry, one per application on
    the OPD's home (each headed by its application's name)."""

    heading: str
    t: Any  # Words
    entries: tuple[DeploymentView, ...]
    named: bool


def for_entry(session: Session, app: Application, submission: Submission, lang: Lang) -> Deployments:
    view = deployment_view(watching.record(session, app, submission), lang)
    return Deployments(LABELS["heading"].get(lang), words(lang), (view,), named=False)


def for_opd(session: Session, user: User, lang: Lang) -> Deployments:
    """The developer's own OPD's catalogued applications: never another OPD's."""
    pairs = watching.catalogued_of_opd(session, user.opd_id) if user.opd_id is not None else []
    views = tuple(deployment_view(r, lang) for r in watching.records(session, pairs, HOME_SERIES))
    return Deployments(LABELS["heading_opd"].get(lang), words(lang), views, named=True)


def deployment_view(record: Record, lang: Lang) -> DeploymentView:
    """Built once per language while the record's probes stay the same (kept with them)."""
    app = record.application
    key = ("deployment_view", lang, app.id, app.nama, record.base_url, record.document_url)
    view = record.kept.get(key)
    if not isinstance(view, DeploymentView):
        view = record.kept[key] = _deployment_view(record, lang)
    return view


def _deployment_view(record: Record, lang: Lang) -> DeploymentView:
    t = labels(lang)
    latest = record.latest
    watched = bool(record.base_url)
    if latest is None:
        state = Badge(t["unknown"], "plain")
    else:
        state = Badge(t["up"] if latest.ok else t["down"], "ok" if latest.ok else "bad")
    note = "" if latest is not None else t["waiting"] if watched else t["not_watched"]
    return DeploymentView(
        name=record.application.nama,
        href=f"/katalog/{record.application.id}",
        anchor=str(record.application.id),
        url=record.base_url,
        document_url=record.document_url,
        watched=watched,
        note=note,
        state=state,
        availability=tuple(
            AvailabilityCell(
                t["days"].format(n=a.days),
                "—" if a.percent is None else f"{a.percent:.1f}%",
                t["of_probes"].format(up=a.up, n=a.probes) if a.probes else t["no_probes"],
            )
            for a in record.availability
        ),
        latency=_ms(latest.latency_ms) + " ms" if latest and latest.latency_ms is not None else "—",
        certificate=(
            t["cert_days"].format(n=record.tls_days, at=when(record.tls_at, lang))
            if record.tls_days is not None
            else t["cert_none"]
        ),
        failures=record.consecutive_failures,
        failures_tone="bad" if record.consecutive_failures else "ok",
        drift=_drift(record, t, lang),
        chart=chart(record.series, lang) if record.series else None,
        rows=tuple(_row(p, t, lang) for p in reversed(record.series)),
    )


def _drift(record: Record, t: dict[str, str], lang: Lang) -> DriftView:
    found = record.last_drift
    if found is None:
        if not record.document_url:
            return DriftView(t["drift_unchecked"], ())
        return DriftView(t["drift_none"] if record.probed.document_read else t["drift_not_yet"], ())
    summary = t["drift_current" if found.current else "drift_past"].format(at=when(found.at, lang))
    words = tuple(str(d.get(lang) or d.get("id") or d.get("kind") or "") for d in found.differences)
    return DriftView(summary, words)


def _row(point: Point, t: dict[str, str], lang: Lang) -> ProbeRow:
    return ProbeRow(
        at=when(point.at, lang),
        state=Badge(t["up"] if point.ok else t["down"], "ok" if point.ok else "bad"),
        status=str(point.status) if point.status is not None else "—",
        latency=_ms(point.latency_ms) if point.latency_ms is not None else "—",
        error=error_text(point.error).get(lang) if point.error else "",
    )


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def nice_ceiling(value: float) -> float:
    """The scale's top: 1, 2 or 5 times a power of ten, at or above ``value`` (at least 1 ms)."""
    if value <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def chart(series: tuple[Point, ...], lang: Lang) -> Chart:
    """The probes, oldest left: latency as a line over a scale from 0, up/down as a strip of marks."""
    n = len(series)
    plot_w = WIDTH - LEFT - RIGHT
    plot_bottom = HEIGHT - BOTTOM - STRIP - 4  # the latency plot ends above the strip
    plot_h = plot_bottom - TOP
    band = plot_w / n
    top = nice_ceiling(max((p.latency_ms or 0.0) for p in series))

    def x_of(i: int) -> float:
        return round(LEFT + band * (i + 0.5), 1)

    def y_of(latency: float) -> float:
        return round(plot_bottom - plot_h * min(latency, top) / top, 1)

    lines: list[str] = []
    run: list[str] = []
    dots: list[tuple[float, float]] = []
    for i, p in enumerate(series):
        if p.ok and p.latency_ms is not None:
            point = (x_of(i), y_of(p.latency_ms))
            dots.append(point)
            run.append(f"{point[0]},{point[1]}")
        else:
            if len(run) > 1:
                lines.append(" ".join(run))
            run = []
    if len(run) > 1:
        lines.append(" ".join(run))
    gap = min(1.0, band * 0.2)
    strip_y = HEIGHT - BOTTOM - STRIP
    marks = tuple(
        Mark(
            round(LEFT + band * i + gap / 2, 1),
            strip_y,
            round(band - gap, 2),
            STRIP,
            "ok" if p.ok else "bad",
            OK_FILL if p.ok else BAD_FILL,
        )
        for i, p in enumerate(series)
    )
    ticks = tuple(Tick(y_of(v), _ms(v), y_of(v) + 3) for v in (0.0, top / 2, top))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        title=LABELS["chart"].get(lang).format(n=n),
        caption=LABELS["chart_scale"].get(lang),
        left=LEFT,
        right=WIDTH - RIGHT,
        label_x=LEFT - 4,
        lines=tuple(lines),
        dots=tuple(dots),
        marks=marks,
        ticks=ticks,
    )


@cache
def labels(lang: Lang) -> dict[str, str]:
    return {k: v.get(lang) for k, v in LABELS.items()}
