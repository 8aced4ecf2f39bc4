"""View models of the catalogue and its entries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from gate.models import (
    Application,
    AssessmentRecord,
    Letter,
    Opd,
    Submission,
    SubmissionFile,
)
from gate.services.metadata import form_values
from gate.services.queries import CATALOGUE_SORTS, VALIDITIES
from gate.web.i18n import LABELS
from gate.web.views.common import Badge, Option, choice_words, result_badges, when
from gate.web.views.letters import Recommendation, validity_badge
from gate.web.views.submission import FileLink, StoredReport, file_links
from reports.model import clean
from rules.i18n import Lang, Text
from rules.result import LEVELS
from rules.sustainability.xspbe import LIFECYCLES

#: The catalogue's own words (its search form and its validity column).
WORDS: dict[str, Text] = {
    "level": Text("Tingkat", "Level"),
    "lifecycle": Text("Siklus hidup", "Lifecycle"),
    "validity": Text("Masa berlaku", "Validity"),
    "sort": Text("Urutkan", "Sort by"),
    "include_expired": Text("Tampilkan yang kedaluwarsa", "Show expired entries"),
}
VALIDITY_WORDS: dict[str, Text] = {
    "berlaku": Text("Berlaku", "Valid"),
    "segera_berakhir": Text("Berakhir dalam 30 hari", "Ending within 30 days"),
    "kedaluwarsa": Text("Kedaluwarsa atau berakhir", "Expired or ended"),
}
SORT_WORDS: dict[str, Text] = {
    "nama": Text("Nama aplikasi", "Application name"),
    "opd": Text("OPD", "OPD"),
    "tingkat": Text("Tingkat tertinggi", "Highest level"),
    "disetujui": Text("Disetujui terbaru", "Newest approval"),
    "berlaku": Text("Masa berlaku tersingkat", "Ending soonest"),
}


@dataclass(frozen=True, slots=True)
class Select:
    name: str
    label: str
    options: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class CatalogueSearch:
    """The search form as the viewer left it (a GET form: it works without JavaScript)."""

    selects: tuple[Select, ...]
    include_expired: bool
    include_expired_label: str
    validity_head: str


def catalogue_search(
    opds: Sequence[Opd],
    *,
    opd_id: int | None,
    level: int | None,
    lifecycle: str | None,
    validity: str | None,
    include_expired: bool,
    sort: str,
    lang: Lang,
) -> CatalogueSearch:
    every = LABELS["all"].get(lang)

    def choices(pairs: Sequence[tuple[str, str]], chosen: str, first: str | None = every) -> tuple[Option, ...]:
        head = (Option("", first, not chosen),) if first is not None else ()
        return head + tuple(Option(value, label, value == chosen) for value, label in pairs)

    return CatalogueSearch(
        selects=(
            Select("opd", LABELS["opd"].get(lang), choices([(str(o.id), o.nama) for o in opds], str(opd_id or ""))),
            Select(
                "level",
                WORDS["level"].get(lang),
                choices([(str(n), f"{n} · {LEVELS[n].get(lang)}") for n in range(5, 0, -1)], str(level or "")),
            ),
            Select(
                "lifecycle",
                WORDS["lifecycle"].get(lang),
                choices([(code, choice_words(code, lang)) for code in LIFECYCLES], lifecycle or ""),
            ),
            Select(
                "validity",
                WORDS["validity"].get(lang),
                # 'All' hides the expired unless the box below asks for them.
                choices([(v, VALIDITY_WORDS[v].get(lang)) for v in VALIDITIES], validity or ""),
            ),
            Select(
                "sort",
                WORDS["sort"].get(lang),
                choices([(v, SORT_WORDS[v].get(lang)) for v in CATALOGUE_SORTS], sort, None),
            ),
        ),
        include_expired=include_expired,
        include_expired_label=WORDS["include_expired"].get(lang),
        validity_head=WORDS["validity"].get(lang),
    )


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    name: str
    href: str
    opd: str
    title: str
    version: str
    lifecycle: str
    contact: str
    level: Badge
    #: 'berlaku sampai …', 'kedaluwarsa', …
    validity: Badge
    #: Shown only when asked for: the recommendation expired or ended.
    expired: bool


def catalogue_rows(
    rows: Sequence[tuple[Application, Opd, Submission]],
    latest: Mapping[int, AssessmentRecord],
    recommendations: Mapping[int, Letter],
    lang: Lang,
) -> tuple[CatalogueRow, ...]:
    out = []
    for app, opd, sub in rows:
        meta = form_values(sub.x_spbe)
        name, email = meta["pj_nama"], meta["pj_email"]
        validity = validity_badge(recommendations.get(sub.id or 0), lang)
        out.append(
            CatalogueRow(
                name=app.nama,
                href=f"/katalog/{app.id}",
                opd=opd.nama,
                title=clean(sub.title),
                version=clean(sub.api_version or "—"),
                lifecycle=choice_words(meta["lifecycle"], lang),
                contact=" ".join(filter(None, (name, f"<{email}>" if email else ""))) or "—",
                level=result_badges(latest.get(sub.id or 0), lang)[1],
                validity=validity,
                expired=validity.tone == "bad",
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class CatalogueEntryPage:
    name: str
    opd: str
    number: int
    title: str
    version: str
    openapi: str
    approved_at: str
    owner: str
    contact_name: str
    contact_email: str
    lifecycle: str
    hosting: str
    files: tuple[FileLink, ...]
    report: Markup | None
    full_report_href: str
    recommendation: Recommendation


def catalogue_entry(
    app: Application,
    opd: Opd,
    sub: Submission,
    files: Sequence[SubmissionFile],
    report: StoredReport | None,
    approved_at: datetime | None,
    recommendation: Recommendation,
    lang: Lang,
) -> CatalogueEntryPage:
    meta = form_values(sub.x_spbe)
    return CatalogueEntryPage(
        name=app.nama,
        opd=opd.nama,
        number=sub.number,
        title=clean(sub.title),
        version=clean(sub.api_version or "—"),
        openapi=sub.openapi or "—",
        approved_at=when(approved_at, lang),
        owner=meta["opd"] or opd.nama,
        contact_name=meta["pj_nama"] or "—",
        contact_email=meta["pj_email"],
        lifecycle=choice_words(meta["lifecycle"], lang),
        hosting=choice_words(meta["hosting"], lang),
        files=file_links(sub.id or 0, files),
        report=report.body if report else None,
        full_report_href=f"/katalog/{app.id}/laporan" if report else "",
        recommendation=recommendation,
    )
