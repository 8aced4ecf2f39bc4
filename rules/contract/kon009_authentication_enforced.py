"""KON009: Authentication is enforced on the running deployment."""

from __future__ import annotations

from rules.base import Category, Severity
from rules.contract._common import MESSAGE, ContractRule
from rules.i18n import Text


class AuthenticationEnforced(ContractRule):
    id = "KON009"
    name = "authentication-enforced"
    category = Category.CONTRACT
    severity = Severity.ERROR
    title = Text("Autentikasi benar-benar diwajibkan", "Authentication is enforced")
    rationale = Text(
        "Operasi yang mendokumentasikan skema keamanan tetapi menjawab tanpa kredensial membuka data warga "
        "kepada siapa pun di jaringan.",
        "An operation that documents a security scheme but answers without credentials opens citizens' data "
        "to anyone on the network.",
    )
    fix = Text(
        "Tolak permintaan tanpa kredensial yang sah dengan 401, pada setiap operasi yang mencantumkan `security`.",
        "Refuse requests without valid credentials with 401 on every operation that lists `security`.",
    )
    message = MESSAGE
    checks = ("ignored_auth", "object_level_authorization")
