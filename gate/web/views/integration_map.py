"""The integration map's view model: a layout computed here (no script in the page), drawn by the
template as SVG, with the same data as tables; and the GraphML export.

Layout: each OPD is a box holding its applications one under another; the boxes are placed in
columns, each into the shortest so far (so the map stays about as tall as it is wide); the
national systems stand in a column at the right edge. An integration is an arrow from the
calling application's box to the called one's, drawn between the boxes' borders.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from gate.services.integration import Graph
from reports.model import clean
from rules.i18n import Lang, Text

BOX_W, BOX_H = 190, 34
PAD, HEAD, GAP_Y = 10, 26, 8
GROUP_W = BOX_W + 2 * PAD
COL_GAP, ROW_GAP, MARGIN = 70, 24, 16
SYSTEM_H = 46
MAX_COLUMNS = 3
MIN_SCALE = 0.75
#: Characters of a name that fit a box (the full name is the box's tooltip and in the table).
FIT = 26

_TEXT = {
    "title": Text("Peta integrasi", "Integration map"),
    "intro": Text(
        "Aplikasi di katalog, dikelompokkan per OPD; panah menunjuk yang dipanggil (x-spbe.integrasi versi yang "
        "disetujui); sistem nasional di tepi kanan.",
        "Catalogued applications grouped by OPD; arrows point at what is called (x-spbe.integrasi of the approved "
        "version); national systems on the right edge.",
    ),
    "figure": Text(
        "Peta integrasi: {apps} aplikasi, {systems} sistem nasional, {edges} integrasi.",
        "Integration map: {apps} applications, {systems} national systems, {edges} integrations.",
    ),
    "empty": Text("Belum ada aplikasi di katalog.", "No application is in the catalogue yet."),
    "national": Text("Sistem nasional", "National systems"),
    "integrations": Text("Integrasi", "Integrations"),
    "from": Text("Dari", "From"),
    "to": Text("Ke", "To"),
    "operations": Text("Operasi", "Operations"),
    "whole": Text("seluruh aplikasi", "the whole application"),
    "none": Text("Belum ada integrasi terstruktur yang dinyatakan.", "No structured integration is declared yet."),
    "applications": Text("Aplikasi per OPD", "Applications by OPD"),
    "opd": Text("OPD", "OPD"),
    "application": Text("Aplikasi", "Application"),
    "version": Text("Versi", "Version"),
    "system": Text("Sistem", "System"),
    "owner": Text("Pemilik", "Owner"),
    "source": Text("Sumber", "Source"),
    "exports": Text("Unduh", "Download"),
}


def title(lang: Lang) -> str:
    return _TEXT["title"].get(lang)


@dataclass(frozen=True, slots=True)
class Box:
    x: int
    y: int
    w: int
    h: int
    label: str
    #: The full name (tooltip) and, for a system, its owner.
    tooltip: str
    sub: str = ""
    href: str = ""


@dataclass(frozen=True, slots=True)
class Arrow:
    x1: float
    y1: float
    x2: float
    y2: float
    tooltip: str


@dataclass(frozen=True, slots=True)
class EdgeRow:
    source: str
    source_opd: str
    source_href: str
    target: str
    target_owner: str
    target_href: str
    operations: str


@dataclass(frozen=True, slots=True)
class AppRow:
    opd: str
    name: str
    href: str
    version: str


@dataclass(frozen=True, slots=True)
class SystemRow:
    code: str
    name: str
    owner: str
    source: str


@dataclass(frozen=True, slots=True)
class MapPage:
    t: dict[str, str]
    width: int
    height: int
    #: Narrower than this the map scrolls inside its frame rather than shrinking: its 12 px text
    #: stays at 9 px or more on a phone.
    min_width: int
    caption: str
    groups: tuple[Box, ...]
    apps: tuple[Box, ...]
    systems: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    edges: tuple[EdgeRow, ...]
    app_rows: tuple[AppRow, ...]
    system_rows: tuple[SystemRow, ...]
    empty: bool


def _fit(text: str, n: int = FIT) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _border(box: Box, towards_x: float, towards_y: float) -> tuple[float, float]:
    """Where the line from the box's centre towards a point leaves the box."""
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    dx, dy = towards_x - cx, towards_y - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min((box.w / 2) / abs(dx) if dx else float("inf"), (box.h / 2) / abs(dy) if dy else float("inf"))
    return round(cx + dx * scale, 1), round(cy + dy * scale, 1)


def map_page(graph: Graph, lang: Lang) -> MapPage:
    t = {key: text.get(lang) for key, text in _TEXT.items()}
    named = {n.id: n for n in (*graph.nodes, *graph.systems)}
    columns = max(1, min(MAX_COLUMNS, len(graph.groups)))
    heights = [MARGIN] * columns
    group_boxes: list[Box] = []
    app_boxes: dict[str, Box] = {}
    for group in graph.groups:
        col = heights.index(min(heights))
        x, y = MARGIN + col * (GROUP_W + COL_GAP), heights[col]
        h = HEAD + len(group.nodes) * (BOX_H + GAP_Y) - GAP_Y + PAD
        group_boxes.append(Box(x, y, GROUP_W, h, _fit(group.nama, FIT + 2), group.nama))
        for i, node_id in enumerate(group.nodes):
            node = named[node_id]
            app_boxes[node_id] = Box(
                x + PAD,
                y + HEAD + i * (BOX_H + GAP_Y),
                BOX_W,
                BOX_H,
                _fit(node.nama),
                node.nama,
                href=f"/katalog/{node.application_id}",
            )
        heights[col] = y + h + ROW_GAP
    body_h = max(heights) - ROW_GAP + MARGIN if graph.groups else 2 * MARGIN
    system_x = MARGIN + columns * (GROUP_W + COL_GAP) + (COL_GAP if not graph.groups else 0)
    stack_h = len(graph.systems) * (SYSTEM_H + GAP_Y) - GAP_Y
    top = MARGIN + max(0, (body_h - 2 * MARGIN - stack_h) // 2)
    system_boxes: dict[str, Box] = {}
    for i, node in enumerate(graph.systems):
        code = node.id.split(":", 1)[1]
        system_boxes[node.id] = Box(
            system_x,
            top + i * (SYSTEM_H + GAP_Y),
            BOX_W,
            SYSTEM_H,
            code,
            f"{node.nama} ({node.pemilik})",
            _fit(node.pemilik, FIT + 4),
            node.sumber,
        )
    boxes = {**app_boxes, **system_boxes}
    arrows = []
    for edge in graph.edges:
        a, b = boxes.get(edge.source), boxes.get(edge.target)
        if a is None or b is None:
            continue
        x1, y1 = _border(a, b.x + b.w / 2, b.y + b.h / 2)
        x2, y2 = _border(b, a.x + a.w / 2, a.y + a.h / 2)
        ops = ", ".join(edge.operations) or t["whole"]
        arrows.append(Arrow(x1, y1, x2, y2, f"{a.tooltip} → {b.tooltip}: {ops}"))
    width = system_x + (BOX_W + MARGIN if graph.systems else 0)
    height = max(body_h, top + stack_h + MARGIN)
    opd_of = {n: g.nama for g in graph.groups for n in g.nodes}

    def target_row(node_id: str) -> tuple[str, str, str]:
        node = named[node_id]
        if node.kind == "sistem":
            return node.nama, node.pemilik, node.sumber
        return node.nama, opd_of.get(node_id, ""), f"/katalog/{node.application_id}"

    return MapPage(
        t=t,
        width=int(width),
        height=int(height),
        min_width=int(width * MIN_SCALE),
        caption=_TEXT["figure"].format(lang, apps=len(graph.nodes), systems=len(graph.systems), edges=len(graph.edges)),
        groups=tuple(group_boxes),
        apps=tuple(app_boxes.values()),
        systems=tuple(system_boxes.values()),
        arrows=tuple(arrows),
        edges=tuple(
            EdgeRow(
                named[e.source].nama,
                opd_of.get(e.source, ""),
                f"/katalog/{named[e.source].application_id}",
                *target_row(e.target),
                ", ".join(e.operations) or t["whole"],
            )
            for e in graph.edges
        ),
        app_rows=tuple(
            AppRow(opd_of.get(n.id, ""), n.nama, f"/katalog/{n.application_id}", f"#{n.version}") for n in graph.nodes
        ),
        system_rows=tuple(SystemRow(n.id.split(":", 1)[1], n.nama, n.pemilik, n.sumber) for n in graph.systems),
        empty=not graph.nodes,
    )


# -- GraphML -----------------------------------------------------------------------------------------

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = ("jenis", "nama", "slug", "versi", "pemilik", "sumber", "kode")
_EDGE_KEYS = ("operasi", "keterangan")


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: without control characters (a name may carry them)."""
    return clean(text)


def graphml(graph: Graph) -> bytes:
    """The map as GraphML (for yEd, Gephi, the SPBE architecture documents): each OPD a node holding
    its applications as a nested graph, the national systems beside them, integrations as directed
    edges carrying their operations."""
    ET.register_namespace("", GRAPHML_NS)
    q = f"{{{GRAPHML_NS}}}"
    root = ET.Element(q + "graphml")
    for for_, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for key in keys:
            ET.SubElement(root, q + "key", {"id": key, "for": for_, "attr.name": key, "attr.type": "string"})
    top = ET.SubElement(root, q + "graph", {"id": "peta-integrasi", "edgedefault": "directed"})

    def node(parent: ET.Element, node_id: str, **data: str) -> ET.Element:
        element = ET.SubElement(parent, q + "node", {"id": node_id})
        for key in _NODE_KEYS:
            if data.get(key):
                ET.SubElement(element, q + "data", {"key": key}).text = _xml_text(data[key])
        return element

    named = {n.id: n for n in graph.nodes}
    for group in graph.groups:
        opd = node(top, f"opd:{group.opd_id}", jenis="opd", nama=group.nama, kode=group.kode)
        inner = ET.SubElement(opd, q + "graph", {"id": f"opd:{group.opd_id}:", "edgedefault": "directed"})
        for node_id in group.nodes:
            app = named[node_id]
            node(inner, node_id, jenis="aplikasi", nama=app.nama, slug=app.slug, versi=str(app.version or ""))
    for system in graph.systems:
        node(
            top,
            system.id,
            jenis="sistem",
            nama=system.nama,
            kode=system.id.split(":", 1)[1],
            pemilik=system.pemilik,
            sumber=system.sumber,
        )
    for i, edge in enumerate(graph.edges):
        element = ET.SubElement(top, q + "edge", {"id": f"e{i}", "source": edge.source, "target": edge.target})
        if edge.operations:
            ET.SubElement(element, q + "data", {"key": "operasi"}).text = _xml_text("; ".join(edge.operations))
        if edge.note:
            ET.SubElement(element, q + "data", {"key": "keterangan"}).text = _xml_text(edge.note)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
