"""The duplicates panel of a submission's page: the closest catalogued and shared applications,
each with its score and the evidence (shared operations, similar schemas, names, title)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gate.services.duplicates import Duplicate
from gate.web.views.common import Badge
from rules.i18n import Lang, Text
from rules.similarity import THRESHOLD, WEIGHTS

#: Evidence items listed per kind, resource names on their line; the rest are counted.
SHOWN = 8
RESOURCES_SHOWN = 20

_TEXT = {
    "heading": Text("Aplikasi serupa", "Similar applications"),
    "intro": Text(
        "Aplikasi di katalog dan aplikasi umum (Perpres 95/2018) yang mirip dengan pengajuan ini: skor 0–100, "
        "ditampilkan mulai {threshold}.",
        "Catalogued and shared (Perpres 95/2018) applications like this submission: score 0–100, shown from "
        "{threshold}.",
    ),
    "hint": Text(
        "Mungkin sudah ada aplikasi umum atau serupa. Pertimbangkan memakai atau mengintegrasikan aplikasi itu "
        "sebelum membangun sendiri (Perpres 95/2018).",
        "A shared or similar application may already exist. Consider using or integrating with it before "
        "building your own (Perpres 95/2018).",
    ),
    "none": Text(
        "Tidak ada aplikasi serupa di katalog atau daftar aplikasi umum.",
        "No similar catalogued or shared application.",
    ),
    "catalogue": Text("Katalog", "Catalogue"),
    "shared": Text("Aplikasi umum", "Shared application"),
    "operations": Text("Operasi yang sama", "Shared operations"),
    "schemas": Text("Skema serupa", "Similar schemas"),
    "resources": Text("Nama sumber daya yang sama", "Shared resource names"),
    "title": Text("Judul mirip", "Similar title"),
    "more": Text("dan {n} lainnya", "and {n} more"),
    "score": Text("skor {score}", "score {score}"),
    "weights": Text(
        "Bobot: operasi {operations}, skema {schemas}, sumber daya {resources}, tag {tags}, judul {title}, "
        "deskripsi {description}; bagian yang tidak dimiliki kedua pihak tidak dihitung.",
        "Weights: operations {operations}, schemas {schemas}, resources {resources}, tags {tags}, title {title}, "
        "description {description}; a part one side lacks is left out.",
    ),
}

_PARTS = {
    "operations": Text("operasi", "operations"),
    "schemas": Text("skema", "schemas"),
    "resources": Text("sumber daya", "resources"),
    "tags": Text("tag", "tags"),
    "title": Text("judul", "title"),
    "description": Text("deskripsi", "description"),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    label: str
    items: tuple[str, ...]
    more: str


@dataclass(frozen=True, slots=True)
class MatchRow:
    name: str
    #: The catalogue page, or a shared application's public source.
    href: str
    kind: str
    owner: str
    score: Badge
    does: str
    parts: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class DuplicatesPanel:
    heading: str
    #: The reviewer's explanation, or the developer's hint.
    intro: str
    #: How the intro shows: a notice (the developer's hint) or muted text.
    intro_class: str
    matches: tuple[MatchRow, ...]
    none: str
    weights: str


def _evidence(label: Text, items: Sequence[str], lang: Lang, rest: int | None = None) -> Evidence | None:
    if not items:
        return None
    rest = len(items) - SHOWN if rest is None else rest
    more = _TEXT["more"].format(lang, n=rest) if rest > 0 else ""
    return Evidence(label.get(lang), tuple(items[:SHOWN]), more)


def _row(found: Duplicate, lang: Lang) -> MatchRow:
    m = found.match
    ops = [ours if ours == theirs else f"{ours} ≈ {theirs}" for ours, theirs in m.operations]
    schemas = [
        f"{p.ours} ≈ {p.theirs} ({round(p.similarity * 100)}%: {', '.join(p.shared_fields[:6])})" for p in m.schemas
    ]
    our_title, their_title = m.titles
    titles = [f"{our_title} ≈ {their_title or found.title}"] if m.title >= 0.5 and our_title else []
    # Resource names are single words: one line of them, not a list.
    resources = [", ".join(m.resources[:RESOURCES_SHOWN])] if m.resources else []
    evidence = tuple(
        e
        for e in (
            _evidence(_TEXT["operations"], ops, lang),
            _evidence(_TEXT["schemas"], schemas, lang),
            _evidence(_TEXT["resources"], resources, lang, len(m.resources) - RESOURCES_SHOWN),
            _evidence(_TEXT["title"], titles, lang),
        )
        if e is not None
    )
    parts = " · ".join(
        f"{_PARTS[k].get(lang)} {round(v * 100)}%" for k, v in sorted(m.parts.items(), key=lambda kv: -WEIGHTS[kv[0]])
    )
    shared = found.shared
    return MatchRow(
        name=found.name,
        href=found.source if found.kind == "shared" else f"/katalog/{found.application_id}",
        kind=_TEXT[found.kind].get(lang),
        owner=found.owner,
        score=Badge(_TEXT["score"].format(lang, score=found.score), "bad" if found.score >= 70 else "wait"),
        does=shared.does.get(lang) if shared else "",
        parts=parts,
        evidence=evidence,
    )


def panel(found: Sequence[Duplicate], *, is_reviewer: bool, lang: Lang) -> DuplicatesPanel | None:
    """The panel; ``None`` for a developer when nothing is similar (a hint only when there is one)."""
    if not found and not is_reviewer:
        return None
    intro = _TEXT["intro"].format(lang, threshold=THRESHOLD) if is_reviewer else _TEXT["hint"].get(lang)
    return DuplicatesPanel(
        heading=_TEXT["heading"].get(lang),
        intro=intro,
        intro_class="muted" if is_reviewer else "notice",
        matches=tuple(_row(d, lang) for d in found),
        none=_TEXT["none"].get(lang),
        weights=_TEXT["weights"].format(lang, **{k: str(v) for k, v in WEIGHTS.items()}) if is_reviewer else "",
    )
