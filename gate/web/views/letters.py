"""View models of the decision letters (the printable letter, its public verification page) and of
a recommendation's validity wherever the catalogue shows it. Every word is chosen here."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gate.core.config import Settings
from gate.models import (
    Application,
    AssessmentRecord,
    Letter,
    LetterKind,
    Opd,
    Submission,
    User,
)
from gate.services import letters as letter_service
from gate.services.queries import ENDING_SOON_DAYS
from gate.web.i18n import ROLES
from gate.web.printing import qr_svg_data_uri
from gate.web.views.common import Badge
from reports.model import clean
from rules.i18n import Lang, Text
from rules.result import LEVELS

_MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def long_date(day: date | None, lang: Lang) -> str:
    """'30 November 2026': how a letter writes a date."""
    return f"{day.day} {_MONTHS[lang][day.month - 1]} {day.year}" if day else "—"


# -- the words ---------------------------------------------------------------------------------

W: dict[str, Text] = {
    "title": Text("Surat", "Letter"),
    "number": Text("Nomor", "Number"),
    "attachment": Text("Lampiran", "Attachment"),
    "one_sheet": Text("1 (satu) berkas", "1 (one) document"),
    "subject": Text("Perihal", "Subject"),
    "to": Text("Yth.", "To:"),
    "head_of": Text("Kepala", "The Head of"),
    "at": Text("di Tempat", "at their office"),
    "reasons": Text("Pertimbangan peninjau:", "The reviewer's reasons:"),
    "to_fix": Text("Yang harus diperbaiki sebelum mengajukan kembali", "What to fix before submitting again"),
    "to_fix_note": Text(
        "Daftar aturan yang temuannya menentukan hasil penilaian; rincian setiap temuan ada di laporan "
        "penilaian pada halaman pengajuan.",
        "The rules whose findings decided the assessment's verdict; every finding is detailed in the "
        "assessment report on the submission's page.",
    ),
    "rule": Text("Aturan", "Rule"),
    "rule_title": Text("Keterangan", "Description"),
    "severity": Text("Tingkat", "Severity"),
    "findings": Text("Temuan", "Findings"),
    "error": Text("galat", "error"),
    "warning": Text("peringatan", "warning"),
    "closing": Text(
        "Demikian surat ini disampaikan untuk dipergunakan sebagaimana mestinya.",
        "This letter is issued to be used as appropriate.",
    ),
    "on_behalf": Text("a.n.", "on behalf of the"),
    "verify": Text(
        "Keaslian dan masa berlaku surat ini dapat diperiksa dengan memindai kode QR atau membuka",
        "Whether this letter is genuine and still valid can be checked by scanning the QR code or opening",
    ),
    "electronic": Text(
        "Surat ini diterbitkan secara elektronik oleh SPBE Gate.",
        "This letter was issued electronically by SPBE Gate.",
    ),
    "qr_alt": Text("Kode QR verifikasi surat", "The letter's verification QR code"),
    "logo_alt": Text("Lambang daerah", "The region's emblem"),
    "download_pdf": Text("Unduh PDF", "Download PDF"),
    "back": Text("Kembali ke pengajuan", "Back to the submission"),
    "verification": Text("Verifikasi surat", "Letter verification"),
    "not_valid_now": Text("Surat ini tidak berlaku lagi", "This letter no longer holds"),
    "valid_until": Text("Berlaku sampai", "Valid until"),
    "kind": Text("Jenis surat", "Kind of letter"),
    "issued_on": Text("Tanggal surat", "Date of the letter"),
    "application": Text("Aplikasi", "Application"),
    "opd": Text("OPD", "OPD"),
    "version": Text("Versi yang diputuskan", "Version decided"),
    "issuer": Text("Diterbitkan oleh", "Issued by"),
    "state": Text("Status", "Status"),
    "ended_on": Text("Berakhir pada", "Ended on"),
    "genuine": Text(
        "Surat ini asli: diterbitkan oleh SPBE Gate dan tercatat dengan nomor di bawah ini.",
        "This letter is genuine: it was issued by SPBE Gate and is on record with the number below.",
    ),
    "not_genuine_title": Text("Surat tidak dikenal", "Unknown letter"),
    "not_genuine": Text(
        "Kode ini tidak pernah dikeluarkan oleh SPBE Gate: surat yang memuatnya tidak asli. Periksa kembali "
        "alamat yang dipindai, atau hubungi Diskominfo.",
        "SPBE Gate never issued this code: a letter carrying it is not genuine. Check the scanned address "
        "again, or contact Diskominfo.",
    ),
    "public_note": Text(
        "Halaman ini hanya menyatakan keaslian dan masa berlaku surat; isi pertimbangannya tidak ditampilkan.",
        "This page only states whether the letter is genuine and valid; its reasons are not shown.",
    ),
    "recommendation": Text("Rekomendasi", "Recommendation"),
    "history": Text("Riwayat rekomendasi", "Recommendation history"),
    "no_letter": Text("Disetujui sebelum surat bernomor", "Approved before numbered letters"),
    "letter": Text("Surat", "Letter"),
}

KINDS: dict[LetterKind, Text] = {
    LetterKind.RECOMMENDATION: Text("Surat Rekomendasi", "Letter of Recommendation"),
    LetterKind.REJECTION: Text("Surat Penolakan", "Letter of Rejection"),
    LetterKind.CHANGES: Text("Surat Permintaan Perbaikan", "Letter Requesting Changes"),
}
_SUBJECTS: dict[LetterKind, Text] = {
    LetterKind.RECOMMENDATION: Text("Rekomendasi Aplikasi {app}", "Recommendation of the application {app}"),
    LetterKind.REJECTION: Text("Penolakan Pengajuan Aplikasi {app}", "Rejection of the application {app}"),
    LetterKind.CHANGES: Text("Permintaan Perbaikan Aplikasi {app}", "Changes requested to the application {app}"),
}
_OPENING = Text(
    "Menindaklanjuti pengajuan aplikasi {app} versi #{number} ({document}) oleh {opd} pada {submitted}, "
    "dengan hasil penilaian SPBE Gate {verdict}, tingkat kematangan {level}{score}, dengan ini {office} "
    "menyampaikan hal berikut.",
    "Following {opd}'s submission of the application {app} version #{number} ({document}) on {submitted}, "
    "assessed by SPBE Gate as {verdict}, maturity level {level}{score}, the {office} states the following.",
)
_DECISIONS: dict[LetterKind, Text] = {
    LetterKind.RECOMMENDATION: Text(
        "Versi tersebut DIREKOMENDASIKAN untuk dioperasikan dan dicatat dalam katalog API kabupaten. "
        "Rekomendasi ini berlaku sampai dengan {until}, dan berakhir lebih awal bila versi yang lebih baru "
        "disetujui, keputusan ini diubah, atau evaluasi tahunan menyatakannya tidak berkelanjutan.",
        "That version is RECOMMENDED for operation and entered in the kabupaten's API catalogue. This "
        "recommendation is valid until {until}, and ends earlier when a newer version is approved, this "
        "decision is changed, or the yearly evaluation finds it not sustained.",
    ),
    LetterKind.REJECTION: Text(
        "Pengajuan versi tersebut DITOLAK. Aplikasi dapat diajukan kembali setelah diperbaiki sesuai "
        "pertimbangan di bawah ini dan daftar pada lampiran.",
        "The submission of that version is REJECTED. The application may be submitted again once fixed "
        "according to the reasons below and the list attached.",
    ),
    LetterKind.CHANGES: Text(
        "Versi tersebut MEMERLUKAN PERBAIKAN sebelum dapat direkomendasikan. Mohon ajukan versi baru yang "
        "memperbaiki hal-hal dalam pertimbangan di bawah ini dan daftar pada lampiran.",
        "That version NEEDS CHANGES before it can be recommended. Please submit a new version that fixes "
        "the points in the reasons below and the list attached.",
    ),
}
_SCORE = Text(", skor {:.1f}", ", score {:.1f}")
_VERDICTS = {"pass": Text("LULUS", "PASSED"), "fail": Text("TIDAK LULUS", "NOT PASSED")}

#: A letter's standing, as the verification page, the letter and the catalogue say it.
STATUSES: dict[str, Text] = {
    "berlaku": Text("Berlaku", "Valid"),
    "kedaluwarsa": Text("Kedaluwarsa", "Expired"),
    "berakhir": Text("Tidak berlaku lagi", "No longer valid"),
    "tercatat": Text("Tercatat", "On record"),
}
_ENDED: dict[str, Text] = {
    letter_service.ENDED_CHANGED: Text("keputusannya diubah", "its decision was changed"),
    letter_service.ENDED_NEWER: Text("versi yang lebih baru disetujui", "a newer version was approved"),
    letter_service.ENDED_LAPSED: Text(
        "dicabut: evaluasi tahunan menyatakannya tidak berkelanjutan",
        "withdrawn: the yearly evaluation found it not sustained",
    ),
}
_TONES = {"berlaku": "ok", "kedaluwarsa": "bad", "berakhir": "bad", "tercatat": "plain"}


def _status_words(letter: Letter, status: str, lang: Lang) -> str:
    words = STATUSES[status].get(lang)
    if status == "berakhir" and letter.ended_reason in _ENDED:
        words += f" ({_ENDED[letter.ended_reason].get(lang)})"
    return words


def _logo(path: Path | None) -> str:
    """The letterhead's logo as a ``data:`` URI (the PDF renderer fetches nothing); none if unreadable."""
    if path is None:
        return ""
    media = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
    kind = media.get(path.suffix.lower())
    try:
        data = path.read_bytes() if kind else b""
    except OSError:
        return ""
    if not data or len(data) > 2 * 1024 * 1024:
        return ""
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")


def place(settings: Settings) -> str:
    """Where letters are signed: the setting, else the kabupaten's name without 'Pemerintah'."""
    return settings.letter_place or settings.kabupaten.removeprefix("Pemerintah ").strip()


# -- the letter ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Letterhead:
    government: str
    office: str
    address: str
    logo: str
    logo_alt: str


@dataclass(frozen=True, slots=True)
class FixRow:
    rule: str
    title: str
    severity: str
    findings: int


@dataclass(frozen=True, slots=True)
class LetterPage:
    lang: str
    title: str
    head: Letterhead
    kind: str
    number_label: str
    number: str
    attachment_label: str
    attachment: str
    subject_label: str
    subject: str
    place_date: str
    to: str
    addressee: str
    at: str
    opening: str
    decision: str
    reasons_label: str
    reasons: str
    closing: str
    on_behalf: str
    signatory: str
    signer_role: str
    signer: str
    qr: str
    qr_alt: str
    verify: str
    verify_url: str
    electronic: str
    #: Empty while the letter holds; else why it does not.
    warning: str
    fix_title: str
    fix_note: str
    fix_head: tuple[str, str, str, str]
    fixes: tuple[FixRow, ...]
    #: The screen's toolbar (not in print, not in the PDF).
    toolbar: bool
    pdf_href: str
    pdf_label: str
    back_href: str
    back_label: str
    switch_href: str
    switch_label: str


def letter_page(
    *,
    letter: Letter,
    app: Application,
    opd: Opd,
    sub: Submission,
    reviewer: User | None,
    assessment: AssessmentRecord | None,
    settings: Settings,
    lang: Lang,
    today: date | None = None,
    toolbar: bool = True,
    switch_href: str = "",
) -> LetterPage:
    status = letter_service.status(letter, today)
    version = " ".join(filter(None, (clean(sub.title), clean(sub.api_version)))) or "—"
    if assessment is not None:
        score = "" if assessment.score is None else _SCORE.get(lang).format(assessment.score)
        verdict = _VERDICTS["pass" if assessment.verdict == "pass" else "fail"].get(lang)
        level = f"{assessment.level} ({LEVELS[assessment.level].get(lang)})"
    else:
        verdict, level, score = "—", "—", ""
    opening = _OPENING.get(lang).format(
        app=app.nama,
        number=sub.number,
        document=version,
        opd=opd.nama,
        submitted=long_date(sub.submitted_at.date(), lang),
        verdict=verdict,
        level=level,
        score=score,
        office=settings.letter_office,
    )
    url = letter_service.verification_url(settings, letter)
    warning = ""
    if status in ("kedaluwarsa", "berakhir"):
        warning = f"{W['not_valid_now'].get(lang)}: {_status_words(letter, status, lang)}."
    severity = {"error": W["error"].get(lang), "warning": W["warning"].get(lang)}
    fixes = tuple(
        FixRow(
            rule=str(item.get("rule", "")),
            title=str(item.get("title_en" if lang == "en" else "title_id", "")),
            severity=severity.get(str(item.get("severity")), str(item.get("severity", ""))),
            findings=int(item.get("findings", 0)),
        )
        for item in letter.to_fix
    )
    other = "English" if lang == "id" else "Bahasa Indonesia"
    return LetterPage(
        lang=lang,
        title=f"{KINDS[letter.kind].get(lang)} {letter.nomor}",
        head=Letterhead(
            government=settings.kabupaten.upper(),
            office=settings.letter_office.upper(),
            address=settings.letter_address,
            logo=_logo(settings.letter_logo),
            logo_alt=W["logo_alt"].get(lang),
        ),
        kind=KINDS[letter.kind].get(lang).upper(),
        number_label=W["number"].get(lang),
        number=letter.nomor,
        attachment_label=W["attachment"].get(lang),
        attachment=W["one_sheet"].get(lang) if fixes else "—",
        subject_label=W["subject"].get(lang),
        subject=_SUBJECTS[letter.kind].get(lang).format(app=app.nama),
        place_date=f"{place(settings)}, {long_date(letter.issued_on, lang)}",
        to=W["to"].get(lang),
        addressee=f"{W['head_of'].get(lang)} {opd.nama}",
        at=W["at"].get(lang),
        opening=opening,
        decision=_DECISIONS[letter.kind].get(lang).format(until=long_date(letter.valid_until, lang)),
        reasons_label=W["reasons"].get(lang),
        reasons=letter.reasons,
        closing=W["closing"].get(lang),
        on_behalf=W["on_behalf"].get(lang),
        signatory=settings.letter_signatory,
        signer_role=ROLES[reviewer.role].get(lang) if reviewer else "",
        signer=reviewer.nama if reviewer else "—",
        qr=qr_svg_data_uri(url),
        qr_alt=W["qr_alt"].get(lang),
        verify=W["verify"].get(lang),
        verify_url=url,
        electronic=W["electronic"].get(lang),
        warning=warning,
        fix_title=W["to_fix"].get(lang),
        fix_note=W["to_fix_note"].get(lang),
        fix_head=(W["rule"].get(lang), W["rule_title"].get(lang), W["severity"].get(lang), W["findings"].get(lang)),
        fixes=fixes,
        toolbar=toolbar,
        pdf_href=f"/surat/{letter.code}.pdf",
        pdf_label=W["download_pdf"].get(lang),
        back_href=f"/pengajuan/{sub.id}",
        back_label=W["back"].get(lang),
        switch_href=switch_href,
        switch_label=other,
    )


def pdf_name(letter: Letter) -> str:
    """The PDF's file name: the number, its slashes made dashes."""
    return "surat-" + letter.nomor.replace("/", "-").replace("\\", "-") + ".pdf"


# -- the public verification page ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class VerificationPage:
    genuine: bool
    heading: str
    message: str
    status: Badge
    facts: tuple[Fact, ...]
    note: str


def verification_page(
    *,
    letter: Letter | None,
    app: Application | None,
    opd: Opd | None,
    sub: Submission | None,
    settings: Settings,
    lang: Lang,
    today: date | None = None,
) -> VerificationPage:
    """What anyone may know of a letter: genuine or not, valid or not, for what; never its reasons."""
    if letter is None or app is None or opd is None or sub is None:
        return VerificationPage(
            False, W["not_genuine_title"].get(lang), W["not_genuine"].get(lang), Badge("", "bad"), (), ""
        )
    status = letter_service.status(letter, today)
    version = " ".join(filter(None, (clean(sub.title), clean(sub.api_version))))
    facts = [
        Fact(W["kind"].get(lang), KINDS[letter.kind].get(lang)),
        Fact(W["number"].get(lang), letter.nomor),
        Fact(W["issued_on"].get(lang), long_date(letter.issued_on, lang)),
    ]
    if letter.kind is LetterKind.RECOMMENDATION:
        facts.append(Fact(W["valid_until"].get(lang), long_date(letter.valid_until, lang)))
    if letter.ended_at is not None:
        facts.append(Fact(W["ended_on"].get(lang), long_date(letter.ended_at.date(), lang)))
    facts += [
        Fact(W["application"].get(lang), app.nama),
        Fact(W["opd"].get(lang), opd.nama),
        Fact(W["version"].get(lang), f"#{sub.number}" + (f" · {version}" if version else "")),
        Fact(W["issuer"].get(lang), f"{settings.letter_office}, {settings.kabupaten}"),
    ]
    return VerificationPage(
        True,
        W["verification"].get(lang),
        W["genuine"].get(lang),
        Badge(_status_words(letter, status, lang), _TONES[status]),
        tuple(facts),
        W["public_note"].get(lang),
    )


# -- a recommendation's validity in the catalogue and on the submission page -------------------


def validity_badge(letter: Letter | None, lang: Lang, today: date | None = None) -> Badge:
    """'berlaku sampai 31 Desember 2027', 'kedaluwarsa', …; a plain dash before numbered letters."""
    if letter is None:
        return Badge("—", "plain")
    today = today or date.today()
    status = letter_service.status(letter, today)
    if status == "berlaku":
        until = long_date(letter.valid_until, lang)
        words = f"berlaku sampai {until}" if lang == "id" else f"valid until {until}"
        soon = letter.valid_until is not None and (letter.valid_until - today).days <= ENDING_SOON_DAYS
        return Badge(words, "wait" if soon else "ok")
    if status == "kedaluwarsa":
        return Badge("kedaluwarsa" if lang == "id" else "expired", "bad")
    return Badge(_status_words(letter, status, lang), _TONES[status])


@dataclass(frozen=True, slots=True)
class LetterLink:
    """A decision's letter, linked from the submission page."""

    label: str
    href: str
    pdf_href: str
    pdf_label: str


def letter_link(letter: Letter, lang: Lang) -> LetterLink:
    return LetterLink(
        f"{KINDS[letter.kind].get(lang)} {letter.nomor}",
        f"/surat/{letter.code}",
        f"/surat/{letter.code}.pdf",
        "PDF",
    )


@dataclass(frozen=True, slots=True)
class HistoryRow:
    number: str
    version: str
    issued_on: str
    valid_until: str
    status: Badge
    href: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The catalogue entry's recommendation: its validity, its number, and its record."""

    title: str
    label: str
    number: str
    validity: Badge
    letter_href: str
    verify_href: str
    verify_label: str
    history_title: str
    history_head: tuple[str, str, str, str, str]
    history: tuple[HistoryRow, ...]


def recommendation(
    current: Letter | None,
    history: Sequence[Letter],
    versions: dict[int, int],
    may_read: bool,
    lang: Lang,
    today: date | None = None,
) -> Recommendation:
    """``versions``: each letter's submission number; ``may_read``: the viewer may open the letters
    themselves (reviewers, and the OPD's own developers); everyone may verify them."""
    rows = tuple(
        HistoryRow(
            number=letter.nomor,
            version=f"#{versions.get(letter.submission_id, '?')}",
            issued_on=long_date(letter.issued_on, lang),
            valid_until=long_date(letter.valid_until, lang),
            status=validity_badge(letter, lang, today),
            href=f"/surat/{letter.code}" if may_read else f"/verifikasi/{letter.code}",
        )
        for letter in history
    )
    return Recommendation(
        title=W["recommendation"].get(lang),
        label=W["letter"].get(lang),
        number=current.nomor if current else W["no_letter"].get(lang),
        validity=validity_badge(current, lang, today),
        letter_href=f"/surat/{current.code}" if current and may_read else "",
        verify_href=f"/verifikasi/{current.code}" if current else "",
        verify_label=W["verification"].get(lang),
        history_title=W["history"].get(lang),
        history_head=(
            W["number"].get(lang),
            W["version"].get(lang),
            W["issued_on"].get(lang),
            W["valid_until"].get(lang),
            W["state"].get(lang),
        ),
        history=rows,
    )
