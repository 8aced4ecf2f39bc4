"""Errors the service answers with: RFC 9457 problem details, explained in the user's language."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from rules.i18n import Lang, Text

PROBLEM = "application/problem+json"


class ApiError(Exception):
    def __init__(self, status: int, text: Text, **extra: Any):
        super().__init__(text.en)
        self.status = status
        self.text = text
        self.extra = extra


def request_lang(request: Request) -> Lang:
    explicit = request.query_params.get("lang") or request.cookies.get("lang")
    if explicit == "en":
        return "en"
    if explicit == "id":
        return "id"
    accept = request.headers.get("accept-language", "")
    return "en" if accept.lower().startswith("en") else "id"


_TITLES = {
    400: Text("Permintaan tidak valid", "Bad request"),
    401: Text("Belum masuk", "Not signed in"),
    403: Text("Tidak berwenang", "Forbidden"),
    404: Text("Tidak ditemukan", "Not found"),
    409: Text("Konflik", "Conflict"),
    413: Text("Terlalu besar", "Too large"),
    422: Text("Data tidak valid", "Invalid data"),
    429: Text("Terlalu banyak permintaan", "Too many requests"),
}


def problem(request: Request, status: int, text: Text, **extra: Any) -> JSONResponse:
    lang = request_lang(request)
    body = {
        "type": "about:blank",
        "title": _TITLES.get(status, Text("Galat", "Error")).get(lang),
        "status": status,
        "detail": text.get(lang),
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


async def api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return problem(request, exc.status, exc.text, **exc.extra)


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()][:50]
    return problem(request, 422, Text("Data permintaan tidak valid.", "The request data is invalid."), errors=errors)


def attachment(name: str) -> str:
    """``Content-Disposition`` for a download named ``name`` (RFC 6266): ``filename*`` carries the
    name in UTF-8, ``filename`` an ASCII stand-in for old clients; quotes cannot break out."""
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in name) or "berkas"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
