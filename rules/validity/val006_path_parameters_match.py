"""VAL006: path template variables and path parameters match one-to-one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

_TEMPLATE = re.compile(r"\{([^{}/]+)\}")


class PathParametersMatch(Rule):
    id = "VAL006"
    name = "path-parameters-match"
    category = Category.VALIDITY
    severity = Severity.ERROR
    title = Text("Variabel path dan parameter path sesuai", "Path variables and path parameters match")
    rationale = Text(
        "Setiap {variabel} pada path harus dideklarasikan sebagai parameter `in: path` yang wajib, "
        "dan sebaliknya; tanpa itu klien tidak dapat membentuk URL yang benar.",
        "Every {variable} in a path must be declared as a required `in: path` parameter, and the "
        "other way round; without that a client cannot build the right URL.",
    )
    fix = Text(
        "Tambahkan parameter `in: path`, `required: true` untuk setiap variabel, atau hapus "
        "parameter path yang tidak ada di template.",
        "Add an `in: path`, `required: true` parameter for each variable, or remove path "
        "parameters that are not in the template.",
    )
    message = Text("{problem}", "{problem}")

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for op in doc.operations:
            names = _TEMPLATE.findall(op.path)
            declared = {p.name: p for p in op.parameters if p.location == "path"}
            for name in names:
                if name not in declared:
                    yield self.violation(
                        op.pointer,
                        problem=Text(
                            f"Variabel path '{{{name}}}' pada {op.label} tidak dideklarasikan sebagai parameter",
                            f"Path variable '{{{name}}}' of {op.label} is not declared as a parameter",
                        ),
                    )
            for name, param in declared.items():
                if name not in names:
                    yield self.violation(
                        jp.join(param.pointer, "name"),
                        problem=Text(
                            f"Parameter path '{name}' tidak ada di template {op.path}",
                            f"Path parameter '{name}' is not in the template {op.path}",
                        ),
                    )
                elif param.value.get("required") is not True:
                    yield self.violation(
                        param.pointer,
                        problem=Text(
                            f"Parameter path '{name}' harus `required: true`",
                            f"Path parameter '{name}' must be `required: true`",
                        ),
                    )
