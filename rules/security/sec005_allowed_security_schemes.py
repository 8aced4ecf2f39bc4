"""SEC005: authentication uses OAuth2, OpenID Connect or header API keys."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document, SecurityScheme
from rules.i18n import Text


def scheme_kind(scheme: SecurityScheme) -> str:
    """``oauth2``, ``apiKey:header``, ``http:basic``...: how a profile names a kind of scheme."""
    if scheme.type == "apiKey":
        return f"apiKey:{scheme.location}"
    if scheme.type == "http":
        return f"http:{scheme.http_scheme}"
    return scheme.type


class AllowedSecuritySchemes(Rule):
    id = "SEC005"
    name = "allowed-security-schemes"
    category = Category.SECURITY
    severity = Severity.ERROR
    title = Text("Hanya skema autentikasi yang diizinkan", "Only allowed authentication schemes")
    rationale = Text(
        "Integrasi antar-OPD memakai SSO dan gateway bersama yang memahami OAuth2/OpenID Connect (dan token "
        "bearer yang diterbitkannya, RFC 6750) serta API key di header. HTTP Basic mengirim kata sandi pada "
        "setiap permintaan, API key di query atau cookie mudah bocor dan rentan CSRF.",
        "Integration between OPDs uses shared SSO and gateways that understand OAuth2/OpenID Connect (and the "
        "bearer tokens they issue, RFC 6750) and header API keys. HTTP Basic sends the password with every "
        "request; API keys in a query or cookie leak easily and invite CSRF.",
    )
    fix = Text(
        "Gunakan `type: oauth2` (alur `clientCredentials` untuk aplikasi ke aplikasi), `openIdConnect` (SSO "
        "daerah), `type: http` dengan `scheme: bearer`, atau `type: apiKey` dengan `in: header`. Profil "
        "kabupaten dapat mengubah daftar ini pada opsi `allowed`.",
        "Use `type: oauth2` (the `clientCredentials` flow between applications), `openIdConnect` (the "
        "regional SSO), `type: http` with `scheme: bearer`, or `type: apiKey` with `in: header`. A kabupaten "
        "profile may change this list in the `allowed` option.",
    )
    message = Text(
        "Skema {name} ({kind}) tidak termasuk yang diizinkan: {allowed}",
        "Scheme {name} ({kind}) is not among the allowed: {allowed}",
    )
    references = (
        "https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/",
        "https://www.rfc-editor.org/rfc/rfc6749",
        "https://openid.net/specs/openid-connect-core-1_0.html",
    )
    options = {
        "allowed": Option(
            # Bearer tokens (RFC 6750) are how OAuth2 access tokens are presented: allowed like OAuth2.
            ["oauth2", "openIdConnect", "http:bearer", "apiKey:header"],
            Text(
                "Jenis skema yang diizinkan: `type` atau `type:lokasi` (`apiKey:header`, `http:bearer`)",
                "Allowed scheme kinds: `type` or `type:location` (`apiKey:header`, `http:bearer`)",
            ),
        )
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        allowed = [str(a) for a in ctx.option("allowed")]
        for scheme in doc.security_schemes:
            kind = scheme_kind(scheme)
            if scheme.type not in allowed and kind not in allowed:
                yield self.violation(scheme.pointer, name=scheme.name, kind=kind, allowed=", ".join(allowed))
