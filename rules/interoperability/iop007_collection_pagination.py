"""IOP007: GET operations returning a collection accept pagination parameters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document, Operation
from rules.i18n import Text
from rules.interoperability._common import ends_with_parameter, facets, is_json, object_properties, status_class

#: Properties that usually wrap the list in an envelope (``{"data": [...], "meta": {...}}``).
_WRAPPERS = ("data", "items", "results", "content", "hasil", "records")


class CollectionPagination(Rule):
    id = "IOP007"
    name = "collection-pagination"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Koleksi dapat dipaginasi", "Collections can be paginated")
    rationale = Text(
        "Daftar penduduk, izin atau penerima bansos terus bertambah. Tanpa paginasi, satu "
        "permintaan kelak mengembalikan puluhan ribu baris: lambat, membebani server dan jaringan "
        "OPD lain, dan mudah habis waktu.",
        "Lists of residents, permits or social-aid recipients keep growing. Without pagination one "
        "request will eventually return tens of thousands of rows: slow, a load on the server and on "
        "other OPDs' networks, and prone to time-outs.",
    )
    fix = Text(
        "Terima parameter query paginasi, mis. `limit` dan `offset` (atau `cursor`, `page` dan "
        "`per_page`), dan kembalikan tautan ke halaman berikutnya. Daftar yang memang terbatas "
        "(mis. 38 provinsi) dapat dinyatakan dengan `maxItems` pada skema array.",
        "Accept pagination query parameters, e.g. `limit` and `offset` (or `cursor`, `page` and "
        "`per_page`), and return a link to the next page. A list that is bounded by nature (e.g. "
        "the 38 provinces) can say so with `maxItems` on the array schema.",
    )
    message = Text(
        "{operation} mengembalikan koleksi tanpa parameter paginasi",
        "{operation} returns a collection without pagination parameters",
    )
    references = (
        "https://opensource.zalando.com/restful-api-guidelines/#159",
        "https://italia.github.io/lg-modellointeroperabilita-docs/doc/04_Raccomandazioni%20di%20implementazione/"
        "05_raccomandazioni-tecniche-per-rest/02_progettazione-e-naming.html",
        "https://www.rfc-editor.org/rfc/rfc8288",
    )
    options = {
        "parameters": Option(
            [
                "limit",
                "offset",
                "page",
                "per_page",
                "page_size",
                "pageSize",
                "size",
                "cursor",
                "after",
                "before",
                "halaman",
                "per_halaman",
                "batas",
                "page_token",
                "pageToken",
                "starting_after",
                "ending_before",
                "$top",
                "$skip",
            ],
            Text("Nama parameter query yang dianggap paginasi", "Query parameter names that count as pagination"),
        ),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        names = {str(n).lower() for n in ctx.option("parameters")}
        for op in doc.operations:
            if op.method != "get" or ends_with_parameter(op.path):
                continue
            if not self._returns_collection(doc, op):
                continue
            if self._paginated(op, names):
                continue
            yield self.violation(op.pointer, operation=op.label)

    @staticmethod
    def _returns_collection(doc: Document, op: Operation) -> bool:
        for media in op.response_media:
            if media.status is None or status_class(media.status) != "2" or media.schema is None:
                continue
            if media.media_type and not is_json(media.media_type):
                continue
            if _is_collection(doc, media.schema):
                return True
        return False

    @staticmethod
    def _paginated(op: Operation, names: set[str]) -> bool:
        for param in op.parameters:
            if param.location != "query":
                continue
            name = param.name.lower()  # page[size] (JSON:API) counts as page
            if name in names or name.split("[", 1)[0] in names:
                return True
        for resp in op.responses:
            if status_class(resp.status) != "2":
                continue
            headers = resp.value.get("headers")
            if isinstance(headers, dict) and any(str(h).lower() == "link" for h in headers):
                return True
        return False


def _unbounded_array(doc: Document, schema: Any) -> bool | None:
    """True: an array without maxItems; False: a bounded array; None: not an array."""
    shapes = facets(doc, schema)
    arrays = [f for f in shapes if "array" in f.types]
    if not arrays:
        return None
    return any(f.max_items is None for f in arrays)


def _is_collection(doc: Document, schema: Any) -> bool:
    verdict = _unbounded_array(doc, schema)
    if verdict is not None:
        return verdict
    props = object_properties(doc, schema)
    for wrapper in _WRAPPERS:
        if wrapper not in props:
            continue
        inner = _unbounded_array(doc, props[wrapper])
        if inner is not None:
            return inner
        # {"data": {"items": [...], "total": 120}}
        nested = object_properties(doc, props[wrapper])
        for name in _WRAPPERS:
            if name in nested and _unbounded_array(doc, nested[name]):
                return True
    return False
