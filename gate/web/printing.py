"""Printed pages: HTML to PDF (WeasyPrint) and QR codes (segno), both without reading anything.

WeasyPrint lays out the same autoescaped HTML the browser shows, with CSS paged media, so a letter
or a report has one template for screen, print and PDF. Its default fetcher would open any URL or
file a page names; ours answers only ``data:`` URIs (the logo and the QR code are embedded), so
nothing typed by a user can make the server read a file or call out while rendering.
"""

from __future__ import annotations

import base64
import io
from typing import Any

import segno


def qr_svg_data_uri(text: str) -> str:
    """The QR code of ``text`` as an SVG ``data:`` URI (scales without blur, prints sharp)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False, svgns=True)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def qr_png(text: str, scale: int = 8) -> bytes:
    """The QR code of ``text`` as PNG bytes (for tests and for clients that want an image file)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class DataOnly(URLFetcher):  # type: ignore[misc]
        """Answers ``data:`` URIs only; every other scheme (file, http, ftp, …) is refused."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.lower().startswith("data:"):
                raise ValueError("SPBE Gate renders PDFs without fetching anything")
            return super().fetch(url, headers)

    return DataOnly()


def html_to_pdf(html: str) -> bytes:
    """Render a complete HTML page to PDF. Imported lazily: WeasyPrint loads Pango (~0.3 s)."""
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=None, url_fetcher=_fetcher()).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
