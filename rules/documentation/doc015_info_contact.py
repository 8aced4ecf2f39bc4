"""DOC015: the document says whom to contact about the API."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text


class InfoContact(Rule):
    id = "DOC015"
    name = "info-contact"
    category = Category.DOCUMENTATION
    severity = Severity.INFO
    title = Text("Kontak API dicantumkan", "The API names a contact")
    rationale = Text(
        "`info.contact` adalah tempat yang dibaca penampil dokumentasi, generator klien dan katalog API untuk "
        "menunjukkan siapa yang dapat dihubungi tentang API ini; tanpa surel atau URL di sana, pengembang "
        "OPD lain tidak tahu ke mana melaporkan masalah atau meminta akses.",
        "`info.contact` is where documentation viewers, client generators and API catalogues look for whom "
        "to contact about the API; without an e-mail or URL there, other OPDs' developers do not know where "
        "to report a problem or ask for access.",
    )
    fix = Text(
        "Tambahkan `info.contact` dengan `name` dan `email` (atau `url`) unit pengelola, mis. surel jabatan di "
        "domain go.id.",
        "Add `info.contact` with the managing unit's `name` and `email` (or `url`), e.g. a role address on a "
        "go.id domain.",
    )
    message = Text("{problem}", "{problem}")
    references = (
        "https://spec.openapis.org/oas/v3.1.0#contact-object",
        "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#info-contact",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if "info" not in doc.data:
            return  # VAL002 reports the missing info object
        contact = doc.info.get("contact")
        if not isinstance(contact, dict):
            yield Violation(
                "/info",
                {"problem": Text("`info.contact` tidak ada", "`info.contact` is missing")},
            )
        elif not any(isinstance(contact.get(k), str) and contact[k].strip() for k in ("email", "url")):
            yield Violation(
                "/info/contact",
                {
                    "problem": Text(
                        "`info.contact` tidak memuat `email` maupun `url`",
                        "`info.contact` has neither `email` nor `url`",
                    )
                },
            )
