"""The web pages (Jinja2, server-rendered): log-in, dashboard, submission, review, catalogue, tokens, audit,
administration."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from gate.api.body_limit import BodyTooLarge
from gate.errors import problem, validation_error_handler
from gate.web import (
    account,
    admin,
    audit,
    catalogue,
    contract,
    evaluation,
    home,
    integration_map,
    letters,
    notifications,
    oversight,
    queue,
    submission,
    submit,
    tokens,
    yearly_report,
)
from gate.web.deps import NOT_FOUND, PageError, SignInRequired, read_viewer, sign_in_url
from gate.web.i18n import LABELS
from gate.web.render import page
from gate.web.views.submission import ReportCache
from rules.i18n import Text

_INVALID = Text("Alamat atau isian tidak sah.", "The address or the form data is not valid.")
_METHOD = Text("Metode tidak diizinkan di sini.", "Method not allowed here.")


def _error_page(request: Request, status: int, text: Text, back: str = "/") -> Response:
    with Session(request.app.state.engine) as session:
        viewer = read_viewer(request, session)
    title = LABELS["error"].get(viewer.lang)
    return page(viewer, "error.html.j2", title, status=status, message=text.get(viewer.lang), back=back)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    return _error_page(request, exc.status, exc.text, exc.back)


async def _sign_in(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    return RedirectResponse(sign_in_url(exc.next_url), status_code=303)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Unknown paths and methods: problem details under /api, an explained page elsewhere."""
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, BodyTooLarge):
        text = exc.text
    else:
        text = NOT_FOUND if exc.status_code == 404 else _METHOD if exc.status_code == 405 else _INVALID
    if _is_api(request):
        return problem(request, exc.status_code, text)
    return _error_page(request, exc.status_code, text)


async def _invalid(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        return await validation_error_handler(request, exc)
    assert isinstance(exc, RequestValidationError)
    return _error_page(request, 422, _INVALID)


#: The page modules, one per area of the site, each with its router.
PAGES = (
    account,
    home,
    submit,
    submission,
    contract,
    queue,
    catalogue,
    letters,
    tokens,
    audit,
    admin,
    evaluation,
    integration_map,
    notifications,
    oversight,
    yearly_report,
)


def install(app: FastAPI) -> None:
    app.state.reports = ReportCache()
    for module in PAGES:
        app.include_router(module.router)
    app.add_exception_handler(PageError, _page_error)
    app.add_exception_handler(SignInRequired, _sign_in)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
