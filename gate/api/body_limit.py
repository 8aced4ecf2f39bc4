"""Request bodies are bounded before anything parses them.

Every route accepts at most ``max_body_bytes`` (default 1 MB): more than any form or JSON call
needs. The upload routes accept the upload limit. A declared ``Content-Length`` over the limit is
refused at the first read, before a byte is taken in; a body that streams past it (chunked, or a
length that lied) is refused as soon as it does. The refusal is a 413 that names the limit,
problem details under ``/api`` and the error page elsewhere, in the user's language.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rules.i18n import Text, format_size

#: Multipart framing and the small fields beside the file: what an upload may add to the file.
UPLOAD_OVERHEAD = 64 * 1024


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413)
        self.text = Text(
            f"Isi permintaan melebihi batas {format_size(limit, 'id')} untuk alamat ini.",
            f"The request body exceeds this address's limit of {format_size(limit, 'en')}.",
        )


class BodyLimit:
    """ASGI middleware: bounds what ``receive`` hands the application."""

    def __init__(self, app: ASGIApp, *, default_bytes: int, upload_bytes: int, upload_routes: frozenset[str]):
        self.app = app
        self.default_bytes = default_bytes
        self.upload_bytes = upload_bytes + UPLOAD_OVERHEAD
        #: "METHOD /path" of the routes that take an uploaded document.
        self.upload_routes = upload_routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = f"{scope['method']} {scope['path']}" in self.upload_routes
        limit = self.upload_bytes if upload else self.default_bytes
        declared = _content_length(scope)
        taken = 0

        async def bounded() -> Message:
            nonlocal taken
            if declared is not None and declared > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                taken += len(message.get("body", b""))
                if taken > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, bounded, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
