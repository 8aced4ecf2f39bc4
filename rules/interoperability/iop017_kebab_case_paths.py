"""IOP017: literal path segments are lowercase kebab-case."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import distinct_paths, path_pointer

_TEMPLATE = re.compile(r"\{[^{}]*\}")
#: Lowercase words joined by hyphens; dots (v1.2, openapi.json, .well-known) and a colon (custom
#: methods) also separate words.
_KEBAB = re.compile(r"^\.?[a-z0-9]+(?:[-.:][a-z0-9]+)*$")


class KebabCasePaths(Rule):
    id = "IOP017"
    name = "kebab-case-paths"
    category = Category.INTEROPERABILITY
    severity = Severity.WARNING
    title = Text("Segmen path memakai kebab-case huruf kecil", "Path segments are lowercase kebab-case")
    rationale = Text(
        "URL peka huruf besar-kecil: `/DataPenduduk`, `/data_penduduk` dan `/data-penduduk` adalah "
        "tiga alamat berbeda. Satu gaya, huruf kecil dipisah tanda hubung, membuat URL mudah "
        "ditebak, dieja dan didiktekan, dan garis bawah tidak tersembunyi di bawah garis tautan.",
        "URLs are case-sensitive: `/DataPenduduk`, `/data_penduduk` and `/data-penduduk` are three "
        "different addresses. One style, lowercase words joined by hyphens, makes URLs easy to "
        "guess, spell and dictate, and no underscore hides under a link's underline.",
    )
    fix = Text(
        "Tulis segmen path dengan huruf kecil dan tanda hubung, mis. `/pengajuan-izin` alih-alih "
        "`/pengajuanIzin` atau `/pengajuan_izin`. Nama variabel dalam `{...}` tidak termasuk.",
        "Write path segments in lowercase with hyphens, e.g. `/permit-applications` instead of "
        "`/permitApplications` or `/permit_applications`. Variable names inside `{...}` are exempt.",
    )
    message = Text(
        "Segmen '{segment}' pada path {path} bukan kebab-case huruf kecil",
        "Segment '{segment}' of path {path} is not lowercase kebab-case",
    )
    references = (
        "https://opensource.zalando.com/restful-api-guidelines/#129",
        "https://logius-standaarden.github.io/API-Design-Rules/#/core/path-segments-kebab-case",
        "https://italia.github.io/lg-modellointeroperabilita-docs/doc/04_Raccomandazioni%20di%20implementazione/"
        "05_raccomandazioni-tecniche-per-rest/02_progettazione-e-naming.html",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for path in distinct_paths(doc):
            segments = [s for s in path.split("/") if s]
            for index, segment in enumerate(segments):
                text = _TEMPLATE.sub("0", segment)
                if text == "0":
                    continue
                # Logius: the last segment may start with "_" to name an operation (/_zoek).
                if index == len(segments) - 1 and text.startswith("_"):
                    text = text[1:]
                if not _KEBAB.match(text):
                    yield self.violation(path_pointer(path), segment=segment, path=path)
                    break
