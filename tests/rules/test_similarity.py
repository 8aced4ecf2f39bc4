"""rules/similarity.py: fingerprints, the score and its evidence, and the shared applications."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from rules import similarity
from rules.bundle import MemorySource
from rules.changes import load_document
from rules.similarity import THRESHOLD, Fingerprint, compare, fingerprint

ROOT = Path(__file__).resolve().parents[2]
PERIZINAN = (ROOT / "examples" / "layanan-perizinan" / "openapi.yaml").read_bytes()
SIMPEG = (ROOT / "examples" / "simpeg-lama" / "swagger.yaml").read_bytes()
PETSTORE = b"""
openapi: 3.0.3
info: {title: Swagger Petstore, version: 1.0.0}
paths:
  /pets:
    get: {summary: List all pets, responses: {'200': {description: ok}}}
    post: {summary: Create a pet, responses: {'201': {description: ok}}}
  /pets/{petId}:
    get: {summary: Info for a specific pet, responses: {'200': {description: ok}}}
components:
  schemas:
    Pet: {type: object, properties: {id: {type: integer}, name: {type: string}, tag: {type: string}}}
"""


def _fp(content: bytes, name: str = "openapi.yaml") -> Fingerprint:
    return fingerprint(load_document(MemorySource({name: content}), name))


def _doc(content: bytes) -> dict[str, Any]:
    import yaml

    data = yaml.safe_load(content)
    assert isinstance(data, dict)
    return data


_RENAMES = {
    # The permit API in English, kebab-case paths and camelCase fields, as another OPD might write it.
    "izin": "permits",
    "jenis-izin": "permit-types",
    "riwayat": "history",
    "statistik": "statistics",
    "kesehatan": "health",
}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.title() for w in rest)


def _renamed(data: dict[str, Any]) -> dict[str, Any]:
    """The document with its paths translated and prefixed, fields camelCased, one operation gone,
    one added, and the paths in another order."""
    out = copy.deepcopy(data)
    paths: dict[str, Any] = {}
    for path, item in reversed(list(out["paths"].items())):
        segments = [_RENAMES.get(s, s) for s in path.split("/")]
        paths["/api/v2" + "/".join(segments)] = item
    paths.pop("/api/v2/statistics")
    paths["/api/v2/permits/{nomor_izin}/documents"] = {"get": {"responses": {"200": {"description": "OK"}}}}
    out["paths"] = paths
    for schema in out["components"]["schemas"].values():
        if isinstance(schema.get("properties"), dict):
            schema["properties"] = {_camel(k): v for k, v in schema["properties"].items()}
            if isinstance(schema.get("required"), list):
                schema["required"] = [_camel(r) for r in schema["required"]]
    out["info"]["title"] = "Business Permit Service"
    return out


def test_identical_documents_score_100() -> None:
    a = _fp(PERIZINAN)
    match = compare(a, _fp(PERIZINAN))
    assert match.score == 100
    assert len(match.operations) == len(a.operations)


def test_a_renamed_near_duplicate_is_above_the_threshold_with_its_evidence() -> None:
    renamed = json.dumps(_renamed(_doc(PERIZINAN))).encode()
    match = compare(_fp(renamed, "openapi.json"), _fp(PERIZINAN))
    assert THRESHOLD <= match.score < 100
    assert ("GET /api/v2/permits/{nomor_izin}", "GET /izin/{nomor_izin}") in match.operations
    assert ("GET /api/v2/permit-types", "GET /jenis-izin") in match.operations
    assert any(p.ours == "Izin" and p.theirs == "Izin" and "jenisIzin" in p.shared_fields for p in match.schemas)
    assert "izin" in match.resources


def test_distinct_documents_are_below_the_threshold() -> None:
    for a, b in ((PERIZINAN, SIMPEG), (PERIZINAN, PETSTORE), (SIMPEG, PETSTORE)):
        assert compare(_fp(a), _fp(b)).score < THRESHOLD
        assert compare(_fp(b), _fp(a)).score < THRESHOLD


def test_the_upper_bound_is_never_below_the_score() -> None:
    docs = [_fp(PERIZINAN), _fp(SIMPEG), _fp(PETSTORE), _fp(json.dumps(_renamed(_doc(PERIZINAN))).encode(), "o.json")]
    docs += [app.fingerprint for app in similarity.shared_applications()]
    for a in docs:
        for b in docs:
            assert similarity.upper_bound(a, b) + 1e-9 >= compare(a, b).score - 0.5


@pytest.mark.parametrize(
    ("path", "template"),
    [
        ("/api/v1/employees/{id}", "/pegawai/{}"),
        ("/pegawai/{nip}", "/pegawai/{}"),
        ("/v2/position-history", "/jabatan_riwayat"),
        ("/riwayat_jabatan", "/jabatan_riwayat"),
        ("/getPegawai", "/pegawai"),
        ("/categories/{categoryId}/letters", "/kategori/{}/surat"),
    ],
)
def test_paths_are_normalised(path: str, template: str) -> None:
    assert similarity.path_template(path) == template


def test_terms_ignore_case_style_order_and_language() -> None:
    assert similarity.term("nomorSurat") == similarity.term("letter_number") == similarity.term("nomor-surat")
    assert similarity.term("EmployeeNames") == similarity.term("nama_pegawai")
    assert similarity.term("status") == "status"
    assert similarity.title_key("Sistem Informasi Manajemen Kepegawaian") == "pegawai"


def test_parts_one_side_lacks_do_not_count() -> None:
    """Tags are optional: a document without them is not less like one with them."""
    a = _fp(PERIZINAN)
    data = _doc(PERIZINAN)
    data.pop("tags")
    for item in data["paths"].values():
        for op in item.values():
            if isinstance(op, dict):
                op.pop("tags", None)
    b = _fp(json.dumps(data).encode(), "o.json")
    assert not b.tags
    match = compare(b, a)
    assert "tags" not in match.parts and match.score == 100


def test_an_old_simpeg_is_pointed_to_siasn_and_nothing_else() -> None:
    ours = _fp(SIMPEG)
    scores = {app.key: compare(ours, app.fingerprint).score for app in similarity.shared_applications()}
    assert scores["siasn"] >= THRESHOLD
    assert all(score < THRESHOLD for key, score in scores.items() if key != "siasn")
    assert all(compare(_fp(PERIZINAN), app.fingerprint).score < THRESHOLD for app in similarity.shared_applications())


def test_the_shared_list_is_complete_and_well_formed() -> None:
    apps = similarity.shared_applications()
    keys = {a.key for a in apps}
    assert {"srikandi", "e-office", "sipd", "siasn", "sp4n-lapor", "e-katalog-lpse", "jdih", "ppid"} <= keys
    for app in apps:
        assert app.name and app.owner and app.does.id and app.does.en
        assert re.fullmatch(r"https://[a-z0-9.-]+\.go\.id(/.*)?", app.source), app.source
        fp = app.fingerprint
        assert fp.sketch and fp.operations and fp.resources and fp.fields and fp.tags and fp.aliases
    # Each shared application is most like itself.
    for app in apps:
        best = max(apps, key=lambda other: compare(app.fingerprint, other.fingerprint).score)
        assert best.key == app.key


def test_a_big_document_keeps_a_small_fingerprint() -> None:
    paths = {f"/r{i}/{{id}}": {"get": {"responses": {"200": {"description": "ok"}}}} for i in range(3000)}
    data = {"openapi": "3.0.3", "info": {"title": "Besar", "version": "1"}, "paths": paths}
    fp = _fp(json.dumps(data).encode(), "o.json")
    assert len(fp.operations) == similarity.MAX_OPERATIONS
