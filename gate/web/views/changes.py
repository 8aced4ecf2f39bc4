"""The submission page's integration panel (``_changes.html.j2``): what this version calls, checked
against the catalogue, and what changed from the approved version, each breaking change with the
catalogued applications it reaches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gate.services.changes import ChangeImpact, Review
from gate.services.integration import ERROR, Check
from gate.web.views.common import Badge
from reports.model import clean
from rules.changes import ChangeSeverity
from rules.i18n import Lang, Text

#: Changes listed in full on the page; the rest are counted.
MAX_CHANGES = 200

_TEXT = {
    "integrations": Text("Integrasi", "Integrations"),
    "integrations_intro": Text(
        "Yang dipanggil versi ini (x-spbe.integrasi), diperiksa terhadap katalog saat ini.",
        "What this version calls (x-spbe.integrasi), checked against today's catalogue.",
    ),
    "target": Text("Tujuan", "Target"),
    "operations": Text("Operasi", "Operations"),
    "result": Text("Hasil", "Result"),
    "whole": Text("seluruh aplikasi", "the whole application"),
    "ok": Text("sesuai", "fine"),
    "problem": Text("bermasalah", "problem"),
    "changes": Text("Perubahan dari versi yang disetujui", "Changes from the approved version"),
    "compared_with": Text("Dibandingkan dengan versi #{n} yang disetujui.", "Compared with approved version #{n}."),
    "no_changes": Text("Tidak ada perubahan pada API.", "No change to the API."),
    "breaking": Text("Perubahan yang merusak", "Breaking changes"),
    "change": Text("Perubahan", "Change"),
    "where": Text("Letak", "Where"),
    "consumers": Text("Aplikasi yang bergantung", "Dependent applications"),
    "no_consumers": Text("tidak ada di katalog", "none in the catalogue"),
    "other_changes": Text("Perubahan lain ({n})", "Other changes ({n})"),
    "more": Text("… dan {n} perubahan lain.", "… and {n} more changes."),
    "counts": Text(
        "{breaking} merusak · {deprecation} penghentian · {compatible} kompatibel",
        "{breaking} breaking · {deprecation} deprecation · {compatible} compatible",
    ),
    "unreadable": Text("Tidak dapat dibandingkan: {why}", "Could not be compared: {why}"),
    "notify_note": Text(
        "Saat versi ini disetujui, OPD pemilik aplikasi yang bergantung diberi tahu.",
        "When this version is approved, the OPDs owning the dependent applications are notified.",
    ),
}


@dataclass(frozen=True, slots=True)
class CheckRow:
    target: str
    name: str
    owner: str
    href: str
    operations: str
    badge: Badge
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConsumerLink:
    name: str
    opd: str
    href: str
    operations: str


@dataclass(frozen=True, slots=True)
class ChangeRow:
    severity: Badge
    message: str
    where: str
    operations: str
    consumers: tuple[ConsumerLink, ...]


@dataclass(frozen=True, slots=True)
class ChangesPanel:
    """Empty parts are left out by the template; the panel itself is None when it has nothing."""

    t: dict[str, str]
    checks: tuple[CheckRow, ...]
    #: The comparison ("" when this version has no approved one before it).
    compared_with: str
    baseline_href: str
    counts: str
    error: str
    breaking: tuple[ChangeRow, ...]
    others: tuple[ChangeRow, ...]
    others_label: str
    more: str
    notify_note: str


_TONE = {ChangeSeverity.BREAKING: "bad", ChangeSeverity.DEPRECATION: "wait", ChangeSeverity.COMPATIBLE: "ok"}


def _row(impact: ChangeImpact, lang: Lang) -> ChangeRow:
    change = impact.change
    place = change.new if change.severity is ChangeSeverity.COMPATIBLE else change.old
    return ChangeRow(
        severity=Badge(change.severity.label.get(lang), _TONE[change.severity]),
        message=clean(change.message.get(lang)),
        where=f"{place.location} {place.pointer}".strip(),
        operations=clean(", ".join(change.operations[:10]) + (" …" if len(change.operations) > 10 else "")),
        consumers=tuple(
            ConsumerLink(
                a.consumer.app.nama,
                a.consumer.opd.nama,
                f"/katalog/{a.consumer.app.id}",
                ", ".join(a.operations) if a.operations else _TEXT["whole"].get(lang),
            )
            for a in impact.affected
        ),
    )


def _check_row(check: Check, lang: Lang) -> CheckRow:
    failed = check.level == ERROR
    return CheckRow(
        target=check.target,
        name=check.name,
        owner=check.owner,
        href=check.href,
        operations=", ".join(check.operations) if check.operations else _TEXT["whole"].get(lang),
        badge=Badge(_TEXT["problem" if failed else "ok"].get(lang), "bad" if failed else "ok"),
        problems=tuple(p.get(lang) for p in check.problems),
    )


def changes_panel(review: Review | None, checks: Sequence[Check], lang: Lang) -> ChangesPanel | None:
    if review is None and not checks:
        return None
    t = {key: text.get(lang) for key, text in _TEXT.items()}
    breaking: list[ChangeRow] = []
    others: list[ChangeRow] = []
    counts = {s.value: 0 for s in ChangeSeverity}
    impacts = review.impacts if review else ()
    for impact in impacts:
        counts[impact.change.severity.value] += 1
    for impact in impacts[:MAX_CHANGES]:
        (breaking if impact.change.breaking else others).append(_row(impact, lang))
    # Breaking first, then deprecations, then the compatible ones.
    others.sort(key=lambda r: r.severity.tone != "wait")
    return ChangesPanel(
        t=t,
        checks=tuple(_check_row(c, lang) for c in checks),
        compared_with=_TEXT["compared_with"].format(lang, n=review.baseline.number) if review else "",
        baseline_href=f"/pengajuan/{review.baseline.id}" if review else "",
        counts=_TEXT["counts"].format(lang, **counts) if review and review.error is None else "",
        error=_TEXT["unreadable"].format(lang, why=review.error.get(lang)) if review and review.error else "",
        breaking=tuple(breaking),
        others=tuple(others),
        others_label=_TEXT["other_changes"].format(lang, n=len(others)),
        more=_TEXT["more"].format(lang, n=len(impacts) - MAX_CHANGES) if len(impacts) > MAX_CHANGES else "",
        notify_note=t["notify_note"] if any(r.consumers for r in breaking) else "",
    )
