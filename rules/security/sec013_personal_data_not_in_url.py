"""SEC013: personal data is not sent in the URL."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.interoperability._common import words

#: Word sequences naming personal data under UU 27/2022 (Pelindungan Data Pribadi).
PERSONAL = (
    ("nik",),
    ("nip",),
    ("npwp",),
    ("no", "kk"),
    ("nomor", "kk"),
    ("kk",),
    ("email",),
    ("surel",),
    ("phone",),
    ("telepon",),
    ("hp",),
    ("nama", "ibu"),
    ("tanggal", "lahir"),
    ("tgl", "lahir"),
    ("birth", "date"),
    ("date", "of", "birth"),
    ("paspor",),
    ("passport",),
)


_FIRST_WORDS = frozenset(seq[0] for seq in PERSONAL)
#: The last word says the value is about personal data without being it: ``TollfreePhoneNumberSid``
#: names a resource, ``email_verified`` is a flag.
_NOT_THE_DATA = frozenset(
    {"id", "ids", "sid", "sids", "uuid", "uuids", "guid", "type", "types", "kind", "count", "format", "status"}
    | {"verified", "enabled", "required", "flag", "exists"}
)


@lru_cache(maxsize=16384)
def personal_data(name: str) -> bool:
    """Whether the name says it holds personal data (parameter names repeat: cached)."""
    parts = words(name)
    if _FIRST_WORDS.isdisjoint(parts) or parts[-1] in _NOT_THE_DATA:
        return False
    for seq in PERSONAL:
        n = len(seq)
        if any(parts[i : i + n] == seq for i in range(len(parts) - n + 1)):
            return True
    return False


class PersonalDataNotInUrl(Rule):
    id = "SEC013"
    name = "personal-data-not-in-url"
    category = Category.SECURITY
    severity = Severity.WARNING
    title = Text("Data pribadi tidak di URL", "Personal data is not in the URL")
    rationale = Text(
        "URL tercatat di log server, proksi, gateway dan peramban. NIK, NIP, NPWP, nomor KK, surel atau "
        "nomor telepon di path atau query menyebar ke semua log itu, bertentangan dengan UU 27/2022 tentang "
        "Pelindungan Data Pribadi.",
        "URLs are written to server, proxy, gateway and browser logs. A NIK, NIP, NPWP, family card number, "
        "e-mail or phone number in the path or query spreads to all those logs, against Law 27/2022 on "
        "Personal Data Protection.",
    )
    fix = Text(
        'Kirim data pribadi di badan permintaan (`POST /penduduk/pencarian` dengan `{"nik": ...}`) atau '
        "pakai pengenal pengganti yang tidak bermakna (UUID) di path.",
        'Send personal data in the request body (`POST /residents/searches` with `{"nik": ...}`) or use a '
        "meaningless surrogate identifier (a UUID) in the path.",
    )
    message = Text(
        "Parameter {location} {name} pada {operation} membawa data pribadi",
        "{location} parameter {name} of {operation} carries personal data",
    )
    references = (
        "https://peraturan.bpk.go.id/Details/229798/uu-no-27-tahun-2022",
        "https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        seen: set[str] = set()
        for param in doc.parameters:
            if param.location not in ("path", "query") or param.pointer in seen:
                continue
            seen.add(param.pointer)
            if personal_data(param.name):
                yield self.violation(
                    param.pointer, name=param.name, location=param.location, operation=param.operation.label
                )
