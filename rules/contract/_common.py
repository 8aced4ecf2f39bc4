"""What every contract rule shares: it judges the failures of the schemathesis checks it owns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rules import pointer as jp
from rules.base import Context, Rule, Violation
from rules.contract_run import ContractFailure
from rules.document import Document
from rules.i18n import Text

#: One message for every contract rule: the failure with its evidence, as reported by schemathesis.
MESSAGE = Text(
    "{operation}: {problem}. Respons: {response}. Ulangi dengan: {curl}",
    "{operation}: {problem}. Response: {response}. Reproduce with: {curl}",
)


class ContractRule(Rule):
    """A rule over what contract tests observed; ``checks`` are the schemathesis checks it owns."""

    checks: ClassVar[tuple[str, ...]] = ()
    references = (
        "https://schemathesis.readthedocs.io/en/stable/reference/checks/",
        "https://spec.openapis.org/oas/v3.1.0#responses-object",
        "https://www.rfc-editor.org/rfc/rfc9110",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if ctx.contract is None:
            return
        where = {(op.method.upper(), op.path): op.pointer for op in doc.operations}
        for failure in ctx.contract.failures:
            if failure.check in self.checks:
                pointer = where.get((failure.method.upper(), failure.path)) or jp.build(("paths", failure.path))
                yield self.violation(pointer, **evidence(failure))


def evidence(failure: ContractFailure) -> dict[str, str]:
    problem = failure.title + (f" ({_one_line(failure.message, 300)})" if failure.message else "")
    response = "—"
    if failure.status is not None:
        response = " ".join(filter(None, (str(failure.status), failure.content_type, _one_line(failure.body, 200))))
    return {"operation": failure.operation, "problem": problem, "response": response, "curl": failure.curl or "—"}


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
