"""Contract findings speak the reader's language: each schemathesis check in words, its details
said again, and the evidence (operation, response, curl) kept as it was, as code."""

from __future__ import annotations

import pytest

from rules.contract import CHECKS, RULES, check_label
from rules.contract._common import MESSAGE, evidence
from rules.contract_run import ContractFailure
from rules.engine import _format
from tests.gate.test_language import vocabularies, words

CURL = "curl -X GET -H 'Authorization: [disamarkan]' http://127.0.0.1:8002/perizinan/v1/jenis-izin/IUMK"

#: What schemathesis 4 reported on the demonstration application's defects (tests/gate/test_contract.py).
SEEN = [
    ContractFailure(
        "not_a_server_error", "GET", "/izin", "Server error", "", CURL, 500, "text/plain", "Internal Server Error"
    ),
    ContractFailure(
        "status_code_conformance",
        "DELETE",
        "/izin/{nomor_izin}",
        "Undocumented status code",
        "Received: 200\nDocumented: 204, 400, 401, 403, 404, 429, 500",
        CURL,
        200,
        "application/json",
        '{"dihapus":"IZ-2026-000003"}',
    ),
    ContractFailure(
        "content_type_conformance",
        "GET",
        "/statistik",
        "Undocumented Content-Type",
        "Received: text/plain; charset=utf-8\nDocumented: application/json",
        CURL,
        200,
        "text/plain; charset=utf-8",
        '{"diajukan": 5}',
    ),
    ContractFailure(
        "response_schema_conformance",
        "GET",
        "/jenis-izin/{kode}",
        "Response violates schema",
        '"nama" is a required property\n\nValidated against the response schema for status code 200.\n\nSchema:\n\n'
        '    {\n        "required": ["kode", "nama"]\n    }\n\nValue:\n\n    {"kode": "IUMK"}',
        CURL,
        200,
        "application/json",
        '{"kode":"IUMK","nama_jenis":"Izin Usaha Mikro Kecil"}',
    ),
    ContractFailure(
        "negative_data_rejection",
        "GET",
        "/izin",
        "Schema-violating request accepted",
        "Invalid data should have been rejected\nExpected: 400, 401, 403, 404, 422, 428, 5xx\n"
        "Invalid component: parameter `batas` in query - value greater than maximum",
        CURL,
        200,
        "application/json",
        "[]",
    ),
]


def test_every_check_a_contract_rule_judges_has_words() -> None:
    owned = {check for rule in RULES for check in getattr(rule, "checks", ())}
    assert owned <= set(CHECKS)
    assert check_label("a_new_check").en == "a_new_check"  # one schemathesis adds later: by its name


@pytest.mark.parametrize("failure", SEEN, ids=lambda f: f.check)
def test_a_contract_finding_is_in_one_language_with_its_evidence_as_code(failure: ContractFailure) -> None:
    indonesian, english = vocabularies()
    message = _format(MESSAGE, evidence(failure))
    for lang, foreign in (("id", english), ("en", indonesian)):
        text = message.get(lang)  # type: ignore[arg-type]
        assert not words(text) & foreign, (lang, text)  # words() skips what is between backticks
        assert failure.check not in text and (lang == "en" or failure.title not in text)
        assert check_label(failure.check).get(lang) in text  # type: ignore[arg-type]
        assert f"`{failure.curl}`" in text and f"`{failure.method} {failure.path}`" in text
        assert str(failure.status) in text and failure.body[:10] in text
    assert "Schema:" not in message.en  # schemathesis' schema dump is not repeated


def test_details_with_a_known_shape_are_said_again_and_others_kept_as_code() -> None:
    _, status, _, schema, negative = (_format(MESSAGE, evidence(f)) for f in SEEN)
    assert "(diterima `200`, yang terdokumentasi `204, 400, 401, 403, 404, 429, 500`)" in status.id
    assert "(received `200`, documented `204, 400, 401, 403, 404, 429, 500`)" in status.en
    assert '(properti wajib `"nama"` tidak ada)' in schema.id
    assert "(diharapkan `400, 401, 403, 404, 422, 428, 5xx`)" in negative.id
    odd = ContractFailure("use_after_free", "DELETE", "/izin/{n}", "Deleted resource still available", "Some new text")
    assert "(`Some new text`)" in _format(MESSAGE, evidence(odd)).id
