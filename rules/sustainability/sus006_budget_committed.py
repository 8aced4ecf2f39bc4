"""SUS006: the application is funded beyond the current year."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sustainability._common import XSPBE, at


def budget_years(value: Any) -> list[int]:
    years: list[int] = []
    if isinstance(value, list):
        for item in value:
            year = item.get("tahun") if isinstance(item, dict) else item
            if isinstance(year, int) and not isinstance(year, bool):
                years.append(year)
    return years


class BudgetCommitted(Rule):
    id = "SUS006"
    name = "budget-committed"
    category = Category.SUSTAINABILITY
    severity = Severity.ERROR
    title = Text("Anggaran tahun berikutnya", "Next year's budget is committed")
    rationale = Text(
        "Aplikasi yang dibangun satu tahun lalu ditinggalkan tahun berikutnya adalah pemborosan yang paling "
        "sering terjadi dalam SPBE. Anggaran operasi dan pemeliharaan untuk tahun depan menunjukkan aplikasi "
        "akan tetap hidup bagi OPD yang bergantung padanya.",
        "An application built one year and abandoned the next is SPBE's most common waste. An operation and "
        "maintenance budget for next year shows the application will stay alive for the OPDs that depend "
        "on it.",
    )
    fix = Text(
        "Cantumkan tahun anggaran yang sudah direncanakan (RKA/DPA) di `info.x-spbe.anggaran`, mis. "
        "`- tahun: 2027` dengan `sumber: APBD`.",
        "List the planned budget years (RKA/DPA) in `info.x-spbe.anggaran`, e.g. `- tahun: 2027` with `sumber: APBD`.",
    )
    message = Text("Tidak ada anggaran untuk tahun {year} atau sesudahnya", "No budget for {year} or later is listed")
    references = (
        "https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",
        "https://peraturan.bpk.go.id/Details/139714/permenpan-rb-no-59-tahun-2020",
    )
    options = {
        "years_ahead": Option(1, Text("Berapa tahun ke depan harus dianggarkan", "How many years ahead must be funded"))
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        meta = doc.x_spbe
        if meta is None or doc.lifecycle in ("deprecated", "retired"):
            return
        year = ctx.today.year + int(ctx.option("years_ahead"))
        if any(y >= year for y in budget_years(meta.get("anggaran"))):
            return
        yield self.violation(at("anggaran") if "anggaran" in meta else XSPBE, year=year)
