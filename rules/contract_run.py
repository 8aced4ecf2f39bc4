"""What contract tests observed on a running deployment: plain data the contract rules judge.

The engine never makes a request. ``gate.contract`` runs schemathesis against the deployment and
hands the outcome over in this form; reports and the service store it as JSON (``as_dict``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: Why a run ended: it finished, or one of its bounds stopped it, or the target never answered.
#: ``refused``: the run did not start, because no operation of the document was well-defined.
StopReason = Literal[
    "completed", "time-limit", "request-budget", "failure-limit", "unreachable", "interrupted", "refused"
]


@dataclass(frozen=True, slots=True)
class ContractFailure:
    """One distinct failure: which check, on which operation, with the request that caused it."""

    check: str  # schemathesis' check name, e.g. "not_a_server_error"
    method: str  # "GET"
    path: str  # the document's path template, e.g. "/izin/{nomor_izin}"
    title: str  # e.g. "Server error"
    message: str = ""
    #: Reproduces the request; credentials are masked.
    curl: str = ""
    status: int | None = None
    content_type: str = ""
    #: The start of the response body.
    body: str = ""

    @property
    def operation(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True, slots=True)
class ContractRun:
    base_url: str
    #: Operations the run reached, and all operations of the document.
    operations_tested: int
    operations_total: int
    requests: int
    duration_s: float
    stopped: StopReason
    checks: tuple[str, ...] = ()
    failures: tuple[ContractFailure, ...] = ()
    #: Why the target could not be tested (unreachable, refused by the allow-list), if so.
    error: str = ""
    #: Phases schemathesis ran (examples, coverage, fuzzing, stateful).
    phases: tuple[str, ...] = field(default=())
    #: (method, path, reference) of each operation left out because it reached a reference the
    #: gate did not resolve (method "" for a whole path item): what it sends is not known.
    untested: tuple[tuple[str, str, str], ...] = field(default=())
    #: When the run started (ISO 8601, UTC): a later assessment that carries this run says so.
    at: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ContractRun:
        failures = tuple(ContractFailure(**f) for f in data.get("failures", ()))
        rest = {k: v for k, v in data.items() if k != "failures"}
        rest["checks"] = tuple(rest.get("checks", ()))
        rest["phases"] = tuple(rest.get("phases", ()))
        rest["untested"] = tuple(tuple(item) for item in rest.get("untested", ()))
        return cls(**rest, failures=failures)
