"""What findings say, where the fixtures only check where they land."""

from __future__ import annotations

from pathlib import Path

from rules.engine import assess_path
from rules.registry import rules_by_id
from tests.helpers import TODAY

CASES = Path(__file__).parent / "cases"


def messages(rule_id: str, path: Path) -> list[str]:
    a = assess_path(path, today=TODAY, rules=[rules_by_id()[rule_id]])
    return [f.message.en for f in a.findings if f.rule == rule_id]


def test_unnamed_schemas_are_named_after_their_field(tmp_path: Path) -> None:
    doc = tmp_path / "openapi.yaml"
    doc.write_text(
        """openapi: 3.0.3
info: {title: Arsip, version: 1.0.0}
paths:
  /arsip:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                label:
                  type: array
                  maxItems: 10
                  items: {type: string}
                atribut:
                  type: object
                  maxProperties: 10
                  additionalProperties: {type: string}
                catatan:
                  anyOf:
                    - {type: string}
                    - {type: integer}
      responses:
        "201": {description: Arsip disimpan}
""",
        encoding="utf-8",
    )
    assert sorted(messages("SEC008", doc)) == [
        "Input string atribut.* has no maxLength",
        "Input string catatan has no maxLength",
        "Input string label[] has no maxLength",
    ]


def test_v2_parameter_errors_say_what_is_wrong_and_what_is_allowed() -> None:
    assert messages("VAL002", CASES / "VAL002" / "bad-v2-parameters.yaml") == [
        "Does not conform to the OpenAPI 2.0 schema: 'in' is 'querystring': must be one of body, header, formData, "
        "query, path",
        "Does not conform to the OpenAPI 2.0 schema: a query parameter takes no `schema` in OpenAPI 2.0 (only a body "
        "parameter does); write `type` (and `format`, `items`) on the parameter itself",
    ]
