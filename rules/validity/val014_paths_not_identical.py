"""VAL014: no two paths differ only in the names of their variables."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

_VARIABLE = re.compile(r"\{[^{}]*\}")


class PathsNotIdentical(Rule):
    id = "VAL014"
    name = "paths-not-identical"
    category = Category.VALIDITY
    severity = Severity.ERROR
    title = Text("Tidak ada path kembar", "No identical paths")
    rationale = Text(
        "Spesifikasi OpenAPI melarang dua path yang sama kecuali nama variabelnya (`/izin/{id}` dan "
        "`/izin/{nomor}`): keduanya cocok dengan URL yang sama, sehingga server, gateway dan generator "
        "klien tidak tahu operasi mana yang dimaksud.",
        "The OpenAPI specification forbids two paths that are the same except for the names of their "
        "variables (`/permits/{id}` and `/permits/{number}`): both match the same URLs, so servers, "
        "gateways and client generators cannot tell which operation is meant.",
    )
    fix = Text(
        "Gabungkan operasi kedua path di bawah satu path dengan satu nama variabel.",
        "Merge the two paths' operations under one path with one variable name.",
    )
    message = Text(
        "Path '{path}' sama dengan '{other}' kecuali nama variabelnya",
        "Path '{path}' is the same as '{other}' except for its variable names",
    )
    references = ("https://spec.openapis.org/oas/v3.1.0#paths-object",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        paths = doc.data.get("paths")
        if not isinstance(paths, dict):
            return
        first: dict[str, str] = {}
        for path in paths:
            if not isinstance(path, str) or path.startswith("x-") or "{" not in path:
                continue
            shape = _VARIABLE.sub("{}", path)
            other = first.setdefault(shape, path)
            if other != path:
                yield self.violation(jp.join("/paths", path), path=path, other=other)
