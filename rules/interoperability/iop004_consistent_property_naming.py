"""IOP004: property names and query parameter names follow one case style."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

#: ``1_clicks`` is snake_case that starts with a number (a real document's false positive).
_SNAKE = re.compile(r"^[a-z0-9][a-z0-9]*(?:_[a-z0-9]+)+$")
_CAMEL = re.compile(r"^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$")
_ONE_WORD = re.compile(r"^[a-z][a-z0-9]*$")
#: Query keys such as ``filter[nama_pemohon]`` or ``page.size``, and form fields such as
#: ``files[4]``, are checked part by part; an index (``4``) is no name.
_QUERY_PARTS = re.compile(r"[\[\].]+")
_IGNORED_PREFIXES = ("x-", "$", "@", "_")
#: Keys that mirror an outside identifier rather than name a field: event types (`invite.sent`),
#: host names (`registry.example.go.id`), categories (`self-harm/intent`), settings (`pg_stat.track`).
_FOREIGN_KEY_CHARS = re.compile(r"[./:\s]")
_STYLES = {"snake_case": _SNAKE, "camelCase": _CAMEL}


class ConsistentPropertyNaming(Rule):
    id = "IOP004"
    name = "consistent-property-naming"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text(
        "Nama properti dan parameter query memakai satu gaya", "Property and query names follow one case style"
    )
    rationale = Text(
        "Campuran `nama_pemohon`, `tanggalLahir` dan `NoKK` dalam satu API membuat pengembang "
        "harus menebak ejaan setiap kolom, dan pemetaan otomatis ke kelas atau tabel di aplikasi "
        "pemakai menjadi rapuh. Satu gaya untuk seluruh API, sebaiknya seragam di seluruh "
        "pemerintah daerah, menghapus tebakan itu.",
        "A mix of `nama_pemohon`, `tanggalLahir` and `NoKK` in one API makes developers guess the "
        "spelling of every field, and automatic mapping to classes or tables in consuming "
        "applications becomes brittle. One style for the whole API, ideally the same across the "
        "local government, removes the guessing.",
    )
    fix = Text(
        "Ganti nama properti dan parameter query ke gaya yang ditetapkan (bawaan: snake_case, "
        "mis. `tanggal_lahir`, `nik_pemohon`). Bila daerah Anda menetapkan camelCase, atur opsi "
        "`style` pada profil.",
        "Rename the properties and query parameters to the chosen style (default: snake_case, "
        "e.g. `tanggal_lahir`, `nik_pemohon`). If your region has settled on camelCase, set the "
        "`style` option in the profile.",
    )
    message = Text(
        "{kind} '{name}' tidak mengikuti gaya {style}",
        "{kind} '{name}' does not follow {style}",
    )
    references = (
        "https://opensource.zalando.com/restful-api-guidelines/#118",
        "https://opensource.zalando.com/restful-api-guidelines/#130",
        "https://italia.github.io/lg-modellointeroperabilita-docs/doc/04_Raccomandazioni%20di%20implementazione/"
        "04_raccomandazioni-tecniche-generali/03_progettazione-e-naming.html",
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/query-keys-camel-case",
    )
    options = {
        "style": Option(
            "snake_case", Text("Gaya penamaan: snake_case atau camelCase", "Case style: snake_case or camelCase")
        ),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        style = "camelCase" if str(ctx.option("style")).lower().startswith("camel") else "snake_case"
        wanted = _STYLES[style]
        verdicts: dict[str, bool] = {}

        def fits(name: str) -> bool:
            known = verdicts.get(name)
            if known is None:
                known = verdicts[name] = (
                    name.startswith(_IGNORED_PREFIXES) or bool(_ONE_WORD.match(name)) or bool(wanted.match(name))
                )
            return known

        def parts_fit(name: str) -> bool:
            return all(fits(p) for p in _QUERY_PARTS.split(name) if p and not p.isdigit())

        for prop in doc.properties:
            if fits(prop.name) or _FOREIGN_KEY_CHARS.search(prop.name):
                continue
            if "[" not in prop.name or not parts_fit(prop.name):
                yield self.violation(prop.pointer, kind=Text("Properti", "Property"), name=prop.name, style=style)
        seen: set[str] = set()
        for param in doc.parameters:
            if param.location != "query" or param.pointer in seen:
                continue
            seen.add(param.pointer)
            if not parts_fit(param.name):
                yield self.violation(
                    jp.join(param.pointer, "name"),
                    kind=Text("Parameter query", "Query parameter"),
                    name=param.name,
                    style=style,
                )
