"""KON003: Content types match the document on the running deployment."""

from __future__ import annotations

from rules.base import Category, Severity
from rules.contract._common import MESSAGE, ContractRule
from rules.i18n import Text


class DocumentedContentTypes(ContractRule):
    id = "KON003"
    name = "documented-content-types"
    category = Category.CONTRACT
    severity = Severity.ERROR
    title = Text("Content-Type sesuai dokumen", "Content types match the document")
    rationale = Text(
        "Klien memilih pengurai dari Content-Type. JSON yang dikirim sebagai text/plain atau HTML gagal "
        "diurai oleh klien yang mematuhi dokumen.",
        "Clients pick their parser from the Content-Type. JSON sent as text/plain or HTML fails in clients "
        "that follow the document.",
    )
    fix = Text(
        "Kirim respons dengan media type yang tercantum pada responsnya (mis. `application/json`, "
        "`application/problem+json`).",
        "Send responses with the media type their response object lists (e.g. `application/json`, "
        "`application/problem+json`).",
    )
    message = MESSAGE
    checks = ("content_type_conformance",)
