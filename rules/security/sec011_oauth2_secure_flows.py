"""SEC011: no OAuth2 implicit or password flows."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text

_INSECURE = {"implicit": "implicit", "password": "password"}


class OAuth2SecureFlows(Rule):
    id = "SEC011"
    name = "oauth2-secure-flows"
    category = Category.SECURITY
    severity = Severity.WARNING
    title = Text("Alur OAuth2 yang aman", "Secure OAuth2 flows")
    rationale = Text(
        "Alur `implicit` mengirim token di URL (bocor lewat riwayat dan Referer) dan alur `password` "
        "membuat aplikasi klien memegang kata sandi pengguna. Keduanya dilarang oleh OAuth 2.0 Security "
        "Best Current Practice (RFC 9700).",
        "The `implicit` flow returns tokens in the URL (leaking through history and Referer) and the "
        "`password` flow makes client applications hold users' passwords. Both are forbidden by the OAuth "
        "2.0 Security Best Current Practice (RFC 9700).",
    )
    fix = Text(
        "Gunakan `authorizationCode` dengan PKCE untuk aplikasi yang dipakai orang, dan `clientCredentials` "
        "untuk aplikasi ke aplikasi.",
        "Use `authorizationCode` with PKCE for applications people use, and `clientCredentials` between applications.",
    )
    message = Text(
        "Skema {scheme} memakai alur {flow} yang tidak aman", "Scheme {scheme} uses the insecure {flow} flow"
    )
    references = (
        "https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2",
        "https://www.rfc-editor.org/rfc/rfc9700#section-2.4",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for scheme in doc.security_schemes:
            for flow, (pointer, _) in scheme.flows.items():
                if flow in _INSECURE:
                    yield self.violation(pointer, scheme=scheme.name, flow=flow)
