"""KON001: No server errors (5xx) on the running deployment."""

from __future__ import annotations

from rules.base import Category, Severity
from rules.contract._common import MESSAGE, ContractRule
from rules.i18n import Text


class NoServerErrors(ContractRule):
    id = "KON001"
    name = "no-server-errors"
    category = Category.CONTRACT
    severity = Severity.ERROR
    title = Text("Tidak ada galat server (5xx)", "No server errors (5xx)")
    rationale = Text(
        "Galat 5xx berarti aplikasi rusak pada masukan itu: OPD lain yang terintegrasi akan gagal tanpa tahu "
        "sebabnya, dan galat yang tak tertangani sering membocorkan detail internal.",
        "A 5xx means the application breaks on that input: OPDs integrated with it fail without knowing why, "
        "and unhandled errors often leak internal details.",
    )
    fix = Text(
        "Jalankan ulang perintah curl pada laporan, temukan pengecualian yang tak tertangani, dan jawab "
        "masukan yang salah dengan 4xx yang terdokumentasi.",
        "Replay the curl command in the report, find the unhandled exception, and answer bad input with a "
        "documented 4xx.",
    )
    message = MESSAGE
    checks = ("not_a_server_error",)
