"""The yearly evaluation report: per kabupaten (Diskominfo) or per OPD, as a printable page, PDF,
CSV and XLSX, and the applications behind each of its figures.

Reviewers and administrators see every report. An OPD's developers see their own OPD's report
(``?opd=`` their OPD) and nothing else: the kabupaten's report is refused (403), another OPD's is
not found (404), as another OPD's submission is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from sqlmodel import Session

from gate.api.deps import SessionDep
from gate.errors import attachment
from gate.models import Opd, Role
from gate.services import reporting
from gate.web.common import int_param, user_of
from gate.web.deps import FORBIDDEN, NOT_FOUND, PageError, SignedIn, Viewer
from gate.web.printing import html_to_pdf
from gate.web.render import PAGE_HEADERS, page
from gate.web.views import yearly_report as views

router = APIRouter(include_in_schema=False)

YearPath = Annotated[int, Path(ge=2000, le=2100)]
OpdQuery = Annotated[str | None, Query(max_length=12)]


def scope(viewer: Viewer, session: Session, opd: str | None) -> int | None:
    """The OPD the viewer may see the report of (None: the kabupaten), or a refusal."""
    opd_id = int_param(opd, 1, 2**31)
    if (opd and opd_id is None) or (opd_id is not None and session.get(Opd, opd_id) is None):
        raise PageError(404, NOT_FOUND)
    user = user_of(viewer)
    if user.role is Role.DEVELOPER:
        if opd_id is None:
            raise PageError(403, FORBIDDEN)
        if opd_id != user.opd_id:
            raise PageError(404, NOT_FOUND)  # another OPD's report: not revealed
    return opd_id


def figures(viewer: Viewer, session: Session, year: int, opd: str | None) -> reporting.YearFigures:
    found = reporting.year_figures(session, year, scope(viewer, session, opd))
    if found is None:
        raise PageError(404, NOT_FOUND, "/laporan")
    return found


@router.get("/laporan")
def reports(viewer: SignedIn, session: SessionDep) -> Response:
    user = user_of(viewer)
    opd_id = user.opd_id if user.role is Role.DEVELOPER else None
    L = views.labels(viewer.lang)
    links = views.year_links(reporting.years(session), opd_id)
    return page(viewer, "yearly_report_index.html.j2", L["reports"], "reports", L=L, links=links)


def _render(viewer: Viewer, fig: reporting.YearFigures, *, printed: bool = False) -> Response:
    report = views.year_report(fig, viewer.lang)
    title = f"{report.title} · {report.scope}"
    return page(
        viewer, "yearly_report.html.j2", title, "reports", r=report, L=views.labels(viewer.lang), printed=printed
    )


@router.get("/laporan/{year}")
def report(year: YearPath, viewer: SignedIn, session: SessionDep, opd: OpdQuery = None) -> Response:
    return _render(viewer, figures(viewer, session, year, opd))


def _filename(fig: reporting.YearFigures, ext: str) -> str:
    who = f"opd-{fig.opd.kode}" if fig.opd else "kabupaten"
    return f"evaluasi-spbe-{fig.year}-{who}.{ext}"


@router.get("/laporan/{year}/pdf")
def report_pdf(year: YearPath, viewer: SignedIn, session: SessionDep, opd: OpdQuery = None) -> Response:
    fig = figures(viewer, session, year, opd)
    html = bytes(_render(viewer, fig, printed=True).body).decode("utf-8")
    return Response(
        html_to_pdf(html),
        media_type="application/pdf",
        headers={**PAGE_HEADERS, "Content-Disposition": attachment(_filename(fig, "pdf"))},
    )


@router.get("/laporan/{year}/csv")
def report_csv(year: YearPath, viewer: SignedIn, session: SessionDep, opd: OpdQuery = None) -> Response:
    """One row per evaluated application (every figure of the report is counted from these)."""
    fig = figures(viewer, session, year, opd)
    body = views.csv_text(views.application_table(fig, viewer.lang))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={**PAGE_HEADERS, "Content-Disposition": attachment(_filename(fig, "csv"))},
    )


@router.get("/laporan/{year}/xlsx")
def report_xlsx(year: YearPath, viewer: SignedIn, session: SessionDep, opd: OpdQuery = None) -> Response:
    """One sheet per table of the report."""
    fig = figures(viewer, session, year, opd)
    return Response(
        views.xlsx_bytes(views.tables(fig, viewer.lang)),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={**PAGE_HEADERS, "Content-Disposition": attachment(_filename(fig, "xlsx"))},
    )


@router.get("/laporan/{year}/aplikasi")
def report_items(
    year: YearPath,
    viewer: SignedIn,
    session: SessionDep,
    opd: OpdQuery = None,
    hasil: Annotated[str, Query(max_length=30)] = "",
    tingkat: Annotated[str, Query(max_length=1, pattern="^[0-5]?$")] = "",
    ketersediaan: Annotated[str, Query(max_length=10)] = "",
    aturan: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """The applications behind one of the report's figures."""
    fig = figures(viewer, session, year, opd)
    rows = [
        r for r in fig.items if views.matches(r, hasil=hasil, tingkat=tingkat, ketersediaan=ketersediaan, aturan=aturan)
    ]
    L = views.labels(viewer.lang)
    suffix = f"?opd={fig.opd.id}" if fig.opd else ""
    return page(
        viewer,
        "yearly_report_items.html.j2",
        L["list_title"].format(year=year),
        "reports",
        L=L,
        scope=fig.opd.nama if fig.opd else L["kabupaten"],
        rows=views.item_lines(rows, viewer.lang),
        back=f"/laporan/{year}{suffix}",
        filtered=bool(hasil or tingkat or ketersediaan or aturan),
        clear=f"/laporan/{year}/aplikasi{suffix}",
    )
