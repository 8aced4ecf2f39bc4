"""SUS010: the application uses the shared SSO."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sustainability._common import XSPBE, at


class SsoIntegrated(Rule):
    id = "SUS010"
    name = "sso-integrated"
    category = Category.SUSTAINABILITY
    severity = Severity.INFO
    title = Text("Memakai SSO bersama", "Uses the shared SSO")
    rationale = Text(
        "SSO adalah layanan bersama SPBE: satu akun untuk setiap ASN, dicabut sekali saat pegawai pindah. "
        "Aplikasi dengan basis pengguna sendiri menambah akun yang harus dikelola dan sering terlupakan.",
        "SSO is an SPBE shared service: one account per civil servant, revoked once when they move. An "
        "application with its own user base adds accounts to manage, which are often forgotten.",
    )
    fix = Text(
        "Integrasikan log-in aplikasi dengan SSO pemerintah daerah (OpenID Connect) lalu nyatakan `sso: true`.",
        "Integrate the application's log-in with the local government's SSO (OpenID Connect), then state `sso: true`.",
    )
    message = Text("Aplikasi tidak menyatakan memakai SSO", "The application does not state that it uses SSO")
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        meta = doc.x_spbe
        if meta is not None and meta.get("sso") is not True:
            yield self.violation(at("sso") if "sso" in meta else XSPBE)
