"""DOC006: response descriptions say more than the status code."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

#: Descriptions that only repeat the status code.
_EMPTY = frozenset(
    {
        "",
        "-",
        "ok",
        "success",
        "successful",
        "successful response",
        "sukses",
        "berhasil",
        "error",
        "galat",
        "gagal",
        "default",
        "response",
        "respons",
        "created",
        "no content",
        "not found",
        "bad request",
    }
)


class ResponseDescriptionMeaningful(Rule):
    id = "DOC006"
    name = "response-description-meaningful"
    category = Category.DOCUMENTATION
    severity = Severity.HINT
    title = Text("Deskripsi respons bermakna", "Response descriptions are meaningful")
    rationale = Text(
        "`OK` atau `Berhasil` hanya mengulang kode status. Deskripsi yang baik menyebut apa yang "
        "dikembalikan atau mengapa galat terjadi, agar OPD pemakai dapat menanganinya.",
        "`OK` or `Success` only repeats the status code. A good description says what is returned or why "
        "the error happens, so the consuming OPD can handle it.",
    )
    fix = Text(
        "Tulis apa isi respons atau kapan ia terjadi, mis. `Satu halaman daftar izin` atau `Izin dengan "
        "nomor itu tidak ada`.",
        "Write what the response holds or when it happens, e.g. `One page of permits` or `No permit has that number`.",
    )
    message = Text(
        "Respons {status} dideskripsikan hanya dengan {text!r}", "Response {status} is described only as {text!r}"
    )
    references = ("https://spec.openapis.org/oas/v3.1.0#response-object",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for response in doc.responses:
            if response.pointer in seen:
                continue
            seen.add(response.pointer)
            text = response.value.get("description")
            text = text.strip() if isinstance(text, str) else ""
            if text.lower().rstrip(".") in _EMPTY or text == response.status:
                where = (
                    jp.join(response.pointer, "description") if "description" in response.value else response.pointer
                )
                yield self.violation(where, status=response.status, text=text)
