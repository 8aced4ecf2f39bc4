"""SEC014: operations require only declared security schemes and, for OAuth2, declared scopes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rules import pointer as jp
from rules.base import Category, Context, Rule, Severity, Violation
from rules.document import Document, SecurityScheme
from rules.i18n import Text


def _declared_scopes(scheme: SecurityScheme) -> set[str]:
    out: set[str] = set()
    for _, flow in scheme.flows.values():
        scopes = flow.get("scopes")
        if isinstance(scopes, dict):
            out.update(str(s) for s in scopes)
    return out


class SecurityRequirementsDeclared(Rule):
    id = "SEC014"
    name = "security-requirements-declared"
    category = Category.SECURITY
    severity = Severity.ERROR
    title = Text(
        "Skema dan scope keamanan yang dipakai dideklarasikan", "Security schemes and scopes in use are declared"
    )
    rationale = Text(
        "Klien memperoleh token dari skema yang dideklarasikan, dengan scope yang tercantum di sana. Operasi "
        "yang mensyaratkan skema yang tidak ada, atau scope OAuth2 yang tidak dideklarasikan, tidak dapat "
        "dipanggil oleh klien yang mengikuti dokumen, dan pemeriksaan otorisasi di gateway tidak punya acuan "
        "(OWASP API5:2023).",
        "Clients obtain tokens from the declared schemes, with the scopes listed there. An operation that "
        "requires a scheme that does not exist, or an OAuth2 scope that is not declared, cannot be called by "
        "a client that follows the document, and authorisation checks at the gateway have nothing to go by "
        "(OWASP API5:2023).",
    )
    fix = Text(
        "Deklarasikan skemanya di `components/securitySchemes` (2.0: `securityDefinitions`) dan setiap scope "
        "di `flows.<alur>.scopes` skema OAuth2 itu, atau betulkan ejaan nama yang dipakai operasi. Skema "
        "selain OAuth2/OpenID Connect tidak memakai scope di OpenAPI 2.0 dan 3.0: kosongkan daftarnya.",
        "Declare the scheme under `components/securitySchemes` (2.0: `securityDefinitions`) and each scope "
        "under that OAuth2 scheme's `flows.<flow>.scopes`, or correct the name the operations use. Schemes "
        "other than OAuth2/OpenID Connect take no scopes in OpenAPI 2.0 and 3.0: leave their list empty.",
    )
    message = Text("{problem}", "{problem}")
    references = (
        "https://spec.openapis.org/oas/v3.0.3#security-requirement-object",
        "https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        schemes = {s.name: s for s in doc.security_schemes}
        scopes = {name: _declared_scopes(s) for name, s in schemes.items() if s.type == "oauth2"}
        # (scheme, scope or "") -> (first pointer, operations using it); one finding each.
        problems: dict[tuple[str, str], list[Any]] = {}
        for requirements, where, count in _requirement_lists(doc):
            for r, requirement in enumerate(requirements):
                if not isinstance(requirement, dict):
                    continue
                for name, listed in requirement.items():
                    scheme = schemes.get(name)
                    if scheme is None:
                        _note(problems, (name, ""), jp.join(where, r, name), count)
                    elif not isinstance(listed, list) or not listed:
                        continue
                    elif scheme.type == "oauth2":
                        for k, scope in enumerate(listed):
                            if str(scope) not in scopes[name]:
                                _note(problems, (name, str(scope)), jp.join(where, r, name, k), count)
                    elif scheme.type != "openIdConnect" and not doc.is_v31:
                        _note(problems, (name, "\0"), jp.join(where, r, name), count)
        for (name, scope), (pointer, count) in problems.items():
            if scope == "":
                text = Text(
                    f"Skema keamanan '{name}' tidak dideklarasikan (dipakai {count} operasi)",
                    f"Security scheme '{name}' is not declared (used by {count} operations)",
                )
            elif scope == "\0":
                kind = schemes[name].type
                text = Text(
                    f"Skema '{name}' ({kind}) tidak memakai scope di OpenAPI {doc.version}, tetapi {count} operasi "
                    "mencantumkannya",
                    f"Scheme '{name}' ({kind}) takes no scopes in OpenAPI {doc.version}, but {count} operations "
                    "list some",
                )
            else:
                text = Text(
                    f"Scope '{scope}' tidak dideklarasikan pada skema OAuth2 '{name}' (dipakai {count} operasi)",
                    f"Scope '{scope}' is not declared in OAuth2 scheme '{name}' (used by {count} operations)",
                )
            yield Violation(pointer, {"problem": text})


def _note(problems: dict[tuple[str, str], list[Any]], key: tuple[str, str], pointer: str, count: int) -> None:
    entry = problems.setdefault(key, [pointer, 0])
    entry[1] += count


def _requirement_lists(doc: Document) -> Iterator[tuple[list[Any], str, int]]:
    """Each written list of security requirements, where it is, and how many operations it governs."""
    root = doc.data.get("security")
    inheriting = 0
    for op in doc.operations:
        if "security" in op.value:
            value = op.value["security"]
            if isinstance(value, list):
                yield value, jp.join(op.pointer, "security"), 1
        else:
            inheriting += 1
    if isinstance(root, list) and inheriting:
        yield root, "/security", inheriting
