"""View models of the catalogue and its entries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from gate.models import (
    Application,
    AssessmentRecord,
    Opd,
    Submission,
    SubmissionFile,
)
from gate.services.metadata import form_values
from gate.web.views.common import Badge, choice_words, result_badges, when
from gate.web.views.submission import FileLink, StoredReport, file_links
from reports.model import clean
from rules.i18n import Lang


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


def catalogue_rows(
    rows: Sequence[tuple[Application, Opd, Submission]], latest: Mapping[int, AssessmentRecord], lang: Lang
) -> tuple[CatalogueRow, ...]:
    out = []
    for app, opd, sub in rows:
        meta = form_values(sub.x_spbe)
        name, email = meta["pj_nama"], meta["pj_email"]
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


def catalogue_entry(
    app: Application,
    opd: Opd,
    sub: Submission,
    files: Sequence[SubmissionFile],
    report: StoredReport | None,
    approved_at: datetime | None,
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
    )
