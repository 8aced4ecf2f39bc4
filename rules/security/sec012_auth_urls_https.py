"""SEC012: OAuth2 and OpenID Connect endpoints are absolute HTTPS URLs."""

from __future__ import annotations

from collections.abc import Iterator

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

_URL_KEYS = ("authorizationUrl", "tokenUrl", "refreshUrl")


class AuthUrlsHttps(Rule):
    id = "SEC012"
    name = "auth-urls-https"
    category = Category.SECURITY
    severity = Severity.ERROR
    title = Text("URL otorisasi memakai HTTPS", "Authorisation URLs use HTTPS")
    rationale = Text(
        "Token akses dan kode otorisasi dikirim ke URL ini. Lewat HTTP, siapa pun di jaringan dapat "
        "mencurinya dan bertindak atas nama aplikasi atau pegawai.",
        "Access tokens and authorisation codes are sent to these URLs. Over HTTP anyone on the network can "
        "steal them and act as the application or the employee.",
    )
    fix = Text(
        "Tulis URL lengkap dengan `https://`, mis. `https://sso.contohkab.go.id/oauth2/token`.",
        "Write the full URL with `https://`, e.g. `https://sso.contohkab.go.id/oauth2/token`.",
    )
    message = Text("{key} {url} bukan URL HTTPS lengkap", "{key} {url} is not a full HTTPS URL")
    references = ("https://www.rfc-editor.org/rfc/rfc6749#section-3.1", "https://www.rfc-editor.org/rfc/rfc9700")

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for scheme in doc.security_schemes:
            places = [(scheme.pointer, scheme.value, "openIdConnectUrl")]
            places += [(ptr, flow, key) for ptr, flow in scheme.flows.values() for key in _URL_KEYS]
            for pointer, holder, key in places:
                url = holder.get(key)
                if isinstance(url, str) and not url.lower().startswith("https://"):
                    yield self.violation(jp.join(pointer, key), key=key, url=url)
