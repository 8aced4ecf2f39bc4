"""Charts drawn on the server as SVG: the view model gives every shape's coordinates, the template
only draws them (no JavaScript; they print as they show). Each chart goes beside a table of the same
figures, for screen readers and for reading exact values.

Bars are horizontal, one per row with its label above it, so long OPD names fit a phone's width.
The SVG has a ``viewBox`` and scales to its container.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
#: Colours as SVG attributes, not CSS classes: WeasyPrint (the PDF) draws inline SVG from its
#: attributes only, and a chart saved or printed on its own keeps them.
TONES = {"accent": "#0b5394", "ok": "#1b7a3e", "bad": "#b3261e", "wait": "#9a5b00", "plain": "#8a969e"}
INK, MUTED, LINE = "#1d2327", "#5f6b73", "#d9dee2"
_ROW = 40  # label line + bar
_BAR = 16
_LABEL_W = 0  # labels sit above the bars
_VALUE_W = 70  # room for the value at the end of the longest bar


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value_text: str
    #: Where the label's baseline and the bar are drawn.
    label_y: float
    x: float
    y: float
    width: float
    height: float
    value_x: float
    value_y: float
    tone: str
    href: str

    @property
    def color(self) -> str:
        return TONES.get(self.tone, TONES["accent"])


@dataclass(frozen=True, slots=True)
class BarChart:
    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]


def bar_chart(
    title: str,
    values: Sequence[tuple[str, float]],
    *,
    fmt: str = "{:g}",
    maximum: float | None = None,
    tones: Sequence[str] = (),
    hrefs: Sequence[str] = (),
) -> BarChart:
    """One horizontal bar per (label, value), scaled to ``maximum`` (the largest value if not given)."""
    top = maximum if maximum is not None else max((v for _, v in values), default=0.0)
    span = WIDTH - _LABEL_W - _VALUE_W
    bars = []
    for i, (label, value) in enumerate(values):
        y0 = i * _ROW
        width = span * value / top if top > 0 else 0.0
        bars.append(
            Bar(
                label=label,
                value_text=fmt.format(value),
                label_y=y0 + 13,
                x=_LABEL_W,
                y=y0 + 18,
                width=round(max(width, 0.0), 1),
                height=_BAR,
                value_x=round(_LABEL_W + width + 6, 1),
                value_y=y0 + 31,
                tone=tones[i] if i < len(tones) else "accent",
                href=hrefs[i] if i < len(hrefs) else "",
            )
        )
    return BarChart(title, WIDTH, max(len(bars) * _ROW, _ROW), tuple(bars))


@dataclass(frozen=True, slots=True)
class Point:
    label: str
    value_text: str
    x: float
    y: float
    label_y: float
    value_y: float


@dataclass(frozen=True, slots=True)
class LineChart:
    title: str
    width: int
    height: int
    #: The SVG ``points`` of the polyline.
    points_attr: str
    points: tuple[Point, ...]
    #: The horizontal axis' height, and the gridlines' (value, y).
    axis_y: float
    grid: tuple[tuple[str, float], ...]


def line_chart(
    title: str,
    values: Sequence[tuple[str, float | None]],
    *,
    low: float,
    high: float,
    fmt: str = "{:g}",
    gridlines: Sequence[float] = (),
) -> LineChart:
    """One point per (label, value) on a fixed scale [low, high]; a point without a value is left out."""
    height, top, bottom, left, right = 220, 20, 180, 48, 24
    step = (WIDTH - left - right) / max(len(values) - 1, 1)
    span = (high - low) or 1.0

    def y_of(value: float) -> float:
        return round(bottom - (bottom - top) * (min(max(value, low), high) - low) / span, 1)

    points = []
    for i, (label, value) in enumerate(values):
        x = round(left + step * i if len(values) > 1 else (WIDTH - left - right) / 2 + left, 1)
        if value is None:
            continue
        y = y_of(value)
        points.append(Point(label, fmt.format(value), x, y, bottom + 24, y - 8))
    return LineChart(
        title=title,
        width=WIDTH,
        height=height,
        points_attr=" ".join(f"{p.x},{p.y}" for p in points),
        points=tuple(points),
        axis_y=bottom,
        grid=tuple((fmt.format(g), y_of(g)) for g in gridlines),
    )
