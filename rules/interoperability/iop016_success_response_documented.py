"""IOP016: operations document their success response."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import is_success


class SuccessResponseDocumented(Rule):
    id = "IOP016"
    name = "success-response-documented"
    category = Category.INTEROPERABILITY
    severity = Severity.ERROR
    title = Text("Respons sukses didokumentasikan", "The success response is documented")
    rationale = Text(
        "Tanpa respons 2xx/3xx, pemakai API tidak tahu apa yang dikembalikan bila permintaannya "
        "berhasil: kode status, bentuk data, header. Pembangkit kode klien pun tidak dapat membuat "
        "tipe hasilnya.",
        "Without a 2xx/3xx response, API consumers do not know what a successful request returns: "
        "status code, data shape, headers. Client code generators cannot build its result type "
        "either.",
    )
    fix = Text(
        "Tambahkan respons sukses yang sesuai, mis. `200` dengan skema data, `201` untuk "
        "pembuatan sumber daya, atau `204` bila tidak ada isi.",
        "Add the matching success response, e.g. `200` with the data schema, `201` for a created "
        "resource, or `204` when there is no content.",
    )
    message = Text(
        "{operation} tidak mendokumentasikan respons sukses (2xx/3xx)",
        "{operation} documents no success (2xx/3xx) response",
    )
    references = (
        "https://opensource.zalando.com/restful-api-guidelines/#151",
        "https://spec.openapis.org/oas/v3.1.0#responses-object",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for op in doc.operations:
            if op.pointer in seen:
                continue
            seen.add(op.pointer)
            if any(is_success(r.status) for r in op.responses):
                continue
            if op.deprecated and any(r.status == "410" for r in op.responses):
                continue  # retired: it answers 410 Gone (and errors), as documented

            where = jp.join(op.pointer, "responses") if isinstance(op.value.get("responses"), dict) else op.pointer
            yield self.violation(where, operation=op.label)
