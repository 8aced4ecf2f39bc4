"""IOP002: request and response bodies are offered as JSON."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document, MediaType, Operation
from rules.i18n import Text
from rules.interoperability._common import base_media_type, glob_matcher, is_json, v2_media_list

#: Endpoints whose request body RFC 6749 (token), RFC 7662 (introspection) and RFC 7009
#: (revocation) fix as application/x-www-form-urlencoded.
_OAUTH_SEGMENTS = frozenset({"token", "introspect", "introspection", "revoke", "revocation"})
_FORM = "application/x-www-form-urlencoded"
#: A wildcard includes JSON: Kubernetes' `consumes: ["*/*"]`, Spring's default `*/*` response
#: (the server negotiates JSON when asked). Declaring the precise type is a documentation matter.
_WILDCARDS = frozenset({"*/*", "application/*"})


class JsonMediaType(Rule):
    id = "IOP002"
    name = "json-media-type"
    category = Category.INTEROPERABILITY
    severity = Severity.ERROR
    title = Text("Badan permintaan dan respons tersedia dalam JSON", "Request and response bodies are offered as JSON")
    rationale = Text(
        "JSON (`application/json` atau `application/…+json`) adalah format pertukaran data yang "
        "dipahami semua platform OPD. Badan pesan yang hanya tersedia sebagai XML, teks bebas atau "
        "format buatan sendiri memaksa setiap instansi yang memakai API menulis pengurai khusus.",
        "JSON (`application/json` or `application/…+json`) is the data interchange format every "
        "OPD platform understands. A body offered only as XML, free text or a home-made format "
        "forces every agency that uses the API to write a dedicated parser.",
    )
    fix = Text(
        "Sediakan `application/json` (atau tipe `+json` seperti `application/problem+json`) pada "
        "`content` tersebut; XML boleh tetap ada sebagai alternatif. Di OpenAPI 2.0, tambahkan "
        "`application/json` ke `produces`/`consumes`. Berkas biner (PDF, gambar, CSV, unggahan "
        "multipart) memang bukan JSON dan tidak dipersoalkan.",
        "Offer `application/json` (or a `+json` type such as `application/problem+json`) in that "
        "`content`; XML may stay as an alternative. In OpenAPI 2.0, add `application/json` to "
        "`produces`/`consumes`. Binary files (PDF, images, CSV, multipart uploads) are not JSON by "
        "nature and are not flagged.",
    )
    message = Text(
        "{where} {operation} hanya ditawarkan sebagai '{media_type}', tanpa alternatif JSON",
        "{where} of {operation} is offered only as '{media_type}', with no JSON alternative",
    )
    references = (
        "https://opensource.zalando.com/restful-api-guidelines/#167",
        "https://italia.github.io/lg-modellointeroperabilita-docs/doc/04_Raccomandazioni%20di%20implementazione/"
        "05_raccomandazioni-tecniche-per-rest/01_formato-dei-dati.html",
        "https://www.rfc-editor.org/rfc/rfc8259",
        "https://www.rfc-editor.org/rfc/rfc6839#section-3.1",
    )
    options = {
        "allowed_media_types": Option(
            [
                "multipart/form-data",
                "application/octet-stream",
                "application/pdf",
                "image/*",
                "audio/*",
                "video/*",
                "text/csv",
                "text/event-stream",
                "application/sdp",
                "application/zip",
                "application/vnd.ms-excel",
                "application/vnd.openxmlformats-officedocument.*",
            ],
            Text(
                "Tipe media yang memang bukan JSON dan boleh berdiri sendiri (pola `image/*` didukung)",
                "Media types that are not JSON by nature and may stand alone (`image/*` globs allowed)",
            ),
        ),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        allowed = glob_matcher(ctx.option("allowed_media_types"))
        seen: set[str] = set()
        for op in doc.operations:
            for group in self._groups(doc, op):
                if any(is_json(m) for m, _ in group.entries):
                    continue
                if any(base_media_type(m) in _WILDCARDS for m, _ in group.entries):
                    continue
                for mime, pointer in group.entries:
                    base = base_media_type(mime)
                    if not base or allowed.fullmatch(base) or pointer in seen:
                        continue
                    if group.request and base == _FORM and _is_oauth_endpoint(op.path):
                        continue
                    seen.add(pointer)
                    yield self.violation(pointer, where=group.label, operation=op.label, media_type=mime)

    def _groups(self, doc: Document, op: Operation) -> list[_Group]:
        """Each set of alternatives a client chooses from: one `content` map, or a 2.0 list."""
        if doc.is_v2:
            groups: list[_Group] = []
            if op.method not in ("get", "head") and any(p.location in ("body", "formData") for p in op.parameters):
                groups.append(_Group(True, v2_media_list(doc, op, "consumes")))
            if op.response_media:
                groups.append(_Group(False, v2_media_list(doc, op, "produces")))
            return groups
        by_holder: dict[str, _Group] = {}
        # A GET or HEAD request body is IOP013's finding: its media type is no second one.
        request = op.request_media if op.method not in ("get", "head") else []
        for media in (*request, *op.response_media):
            holder = _holder(media)
            group = by_holder.get(holder)
            if group is None:
                group = by_holder[holder] = _Group(media.direction == "request", [])
            group.entries.append((media.media_type, media.pointer))
        return list(by_holder.values())


class _Group:
    __slots__ = ("entries", "request")

    def __init__(self, request: bool, entries: list[tuple[str, str]]):
        self.request = request
        self.entries = entries

    @property
    def label(self) -> Text:
        return Text("Badan permintaan", "The request body") if self.request else Text("Respons", "The response")


def _holder(media: MediaType) -> str:
    return media.pointer.rsplit("/content/", 1)[0]


def _is_oauth_endpoint(path: str) -> bool:
    last = path.rstrip("/").rsplit("/", 1)[-1].lower()
    return last in _OAUTH_SEGMENTS
