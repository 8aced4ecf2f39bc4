"""PDFs are read back as a person reads them, and rendering one never reads a file or a URL."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pypdfium2
import zxingcpp

from gate.web.printing import html_to_pdf, qr_png, qr_svg_data_uri


def _text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _codes(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [code.text for page in document for code in zxingcpp.read_barcodes(page.render(scale=3).to_pil())]
    finally:
        document.close()


def test_the_pdf_carries_the_text_and_a_qr_code_a_phone_reads() -> None:
    url = "https://gate.example.go.id/verifikasi/K7QF-2M9X"
    pdf = html_to_pdf(f'<h1>Surat Rekomendasi</h1><p>Nomor 1/REK-SPBE</p><img src="{qr_svg_data_uri(url)}">')
    assert "Surat Rekomendasi" in _text(pdf) and "Nomor 1/REK-SPBE" in _text(pdf)
    assert _codes(pdf) == [url]


def test_the_png_qr_code_decodes() -> None:
    import io

    from PIL import Image

    assert [c.text for c in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png("ABC-123"))))] == ["ABC-123"]


def test_rendering_reads_no_file_and_calls_no_url(tmp_path: Path) -> None:
    canary = tmp_path / "canary.css"
    canary.write_text('body::after { content: "CANARY-FILE-READ"; }', encoding="utf-8")
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b'body::before { content: "CANARY-URL-READ"; }')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        html = (
            f'<link rel="stylesheet" href="{canary.as_uri()}">'
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
            f'<img src="http://127.0.0.1:{port}/logo.png"><img src="{canary.as_uri()}">'
            f"<style>@import url('{canary.as_uri()}');</style><p>Isi surat</p>"
        )
        text = _text(html_to_pdf(html))
    finally:
        server.shutdown()
    assert "Isi surat" in text
    assert "CANARY" not in text and hits == []
