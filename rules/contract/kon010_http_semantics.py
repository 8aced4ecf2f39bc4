"""KON010: HTTP semantics are followed on the running deployment."""

from __future__ import annotations

from rules.base import Category, Severity
from rules.contract._common import MESSAGE, ContractRule
from rules.i18n import Text


class HttpSemantics(ContractRule):
    id = "KON010"
    name = "http-semantics"
    category = Category.CONTRACT
    severity = Severity.INFO
    title = Text("Semantik HTTP dipatuhi", "HTTP semantics are followed")
    rationale = Text(
        "Metode yang tidak didukung harus dijawab 405 dengan header Allow, dan header wajib yang hilang harus"
        " ditolak: klien generik dan gateway API bergantung pada perilaku ini.",
        "Unsupported methods should get 405 with an Allow header, and a missing required header should be "
        "refused: generic clients and API gateways rely on this.",
    )
    fix = Text(
        "Jawab metode yang tidak didukung dengan 405 dan header Allow yang lengkap; tolak permintaan tanpa "
        "header wajib dengan 4xx.",
        "Answer unsupported methods with 405 and a complete Allow header; refuse requests missing a required "
        "header with a 4xx.",
    )
    message = MESSAGE
    checks = ("unsupported_method", "allow_header_conformance", "missing_required_header")
