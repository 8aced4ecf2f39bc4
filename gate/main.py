"""The service's application factory: ``spbe-gate serve`` runs ``create_app()`` under uvicorn."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.exceptions import RequestValidationError
from sqlalchemy.engine import Engine

from gate import openapi, web
from gate.api.body_limit import BodyLimit
from gate.api.headers import SecurityHeaders
from gate.api.routes import (
    admin,
    auth,
    catalogue,
    deployments,
    duplicates,
    evaluations,
    health,
    integrations,
    jobs,
    letters,
    notifications,
    reports,
    submissions,
    tokens,
)
from gate.core.config import Settings, get_settings
from gate.core.db import engine_for
from gate.core.migrate import upgrade
from gate.core.security import DatabaseRateLimiter, RateLimiter, RedisRateLimiter, Sessions
from gate.errors import ApiError, api_error_handler, validation_error_handler
from gate.jobs import dispatcher_for
from rules import __version__

#: The routes that take an uploaded or pasted document (the API's and the page's).
UPLOAD_ROUTES = frozenset({"POST /api/v1/submissions", "POST /ajukan"})


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    settings = settings or get_settings()
    if migrate:
        upgrade(settings)
    app = FastAPI(
        title="SPBE Gate",
        version=__version__,
        description="Gerbang penilaian API SPBE: pengajuan aplikasi OPD, penilaian otomatis, tinjauan "
        "Diskominfo dan katalog API yang dapat diintegrasikan.",
        openapi_url="/openapi.json",
        # A pasted document is a form field: it may be as large as an uploaded file.
        form_limits={"max_part_size": settings.max_upload_bytes},
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        BodyLimit,
        default_bytes=settings.max_body_bytes,
        upload_bytes=settings.max_upload_bytes,
        upload_routes=UPLOAD_ROUTES,
    )
    app.state.settings = settings
    app.state.engine = engine_for(settings.sqlalchemy_url)
    app.state.sessions = Sessions(settings.resolved_secret(), settings.session_max_age_s)
    app.state.login_limiter = _login_limiter(settings, app.state.engine)
    app.state.dispatcher = dispatcher_for(settings)
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)

    api = APIRouter(prefix="/api/v1")
    for module in (
        health,
        auth,
        submissions,
        duplicates,
        jobs,
        catalogue,
        deployments,
        letters,
        tokens,
        admin,
        evaluations,
        integrations,
        notifications,
        reports,
    ):
        api.include_router(module.router)
    app.include_router(api)
    web.install(app)

    openapi.install(app, settings)
    return app


def _login_limiter(settings: Settings, engine: Engine) -> RateLimiter:
    """Sign-in attempts are counted where every web process sees them: Redis in Celery mode (the
    service has it anyway), the database otherwise."""
    limit = settings.login_attempts_per_minute
    if settings.jobs == "celery":
        return RedisRateLimiter(settings.broker_url, f"spbe-gate:{settings.job_queue}:login", limit)
    return DatabaseRateLimiter(engine, limit)


def warm(app: FastAPI) -> None:
    """Do before the first request what its first requests would otherwise pay for, in every
    worker process: hundreds of milliseconds each, the slowest pages a user would ever meet."""
    from gate.web.render import environment

    env = environment()
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
    # FastAPI builds an included router's routing (each route's dependencies and parameter
    # models) when a request first walks it: a path no route has walks them all. One ASGI call
    # in process: no lifespan (nothing is scheduled), no socket, no database touched. On a thread
    # of its own, with its own loop: uvicorn's worker processes build the app inside theirs.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, _get(app, "/.warm")).result()


async def _get(app: FastAPI, path: str) -> None:
    """A GET of ``path`` straight through the ASGI app, its answer dropped."""

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        pass

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 80),
    }
    await app(scope, receive, send)


def served_app() -> FastAPI:
    """The app as ``spbe-gate serve`` runs it, in each worker process."""
    app = create_app()
    warm(app)
    # What start-up built (modules, rulebook, templates) lives as long as the process: moved out of
    # the collector's way, each collection during a request walks only that request's objects.
    gc.freeze()
    return app
