"""DOC010: the API says what it does and for whom."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class InfoDescription(Rule):
    id = "DOC010"
    name = "info-description"
    category = Category.DOCUMENTATION
    severity = Severity.WARNING
    title = Text("Deskripsi API", "API description")
    rationale = Text(
        "Katalog API menampilkan deskripsi ini kepada OPD yang mencari layanan untuk dipakai ulang. Tanpa "
        "penjelasan apa fungsi API, siapa pemiliknya dan siapa penggunanya, OPD akan membangun ulang.",
        "The API catalogue shows this description to OPDs looking for a service to reuse. Without saying "
        "what the API does, who owns it and who it is for, OPDs will build it again.",
    )
    fix = Text(
        "Tulis `info.description` beberapa kalimat: layanan apa, untuk siapa, data apa yang dikelola, dan "
        "cara mendapat akses.",
        "Write a few sentences in `info.description`: which service, for whom, which data it manages, and "
        "how to get access.",
    )
    message = Text(
        "info.description kurang dari {minimum} karakter ({length})",
        "info.description is shorter than {minimum} characters ({length})",
    )
    references = (
        "https://spec.openapis.org/oas/v3.1.0#info-object",
        "https://opensource.zalando.com/restful-api-guidelines/#218",
    )
    options = {"min_length": Option(50, Text("Panjang minimum (karakter)", "Minimum length (characters)"))}

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if "info" not in doc.data:
            return
        text = doc.info.get("description")
        length = len(text.strip()) if isinstance(text, str) else 0
        minimum = int(ctx.option("min_length"))
        if length < minimum:
            where = "/info/description" if "description" in doc.info else "/info"
            yield self.violation(where, minimum=minimum, length=length)
