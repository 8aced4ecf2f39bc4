"""Hostile uploads: too big, zip bombs, path traversal, links, YAML bombs, script in descriptions."""

from __future__ import annotations

import io
import stat
import zipfile

from tests.service.conftest import DEV_DINKES, World
from tests.service.test_workflow import submit


def _zip(entries: dict[str, bytes], *, link: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, "/etc/passwd")
    return buf.getvalue()


def test_upload_over_the_size_limit_is_refused(world: World) -> None:
    big = b"openapi: 3.0.3\n" + b"#" * (world.settings.max_upload_bytes + 10)
    r = submit(world.client(DEV_DINKES), "Besar", big)
    assert r.status_code == 413
    assert "MB" in r.json()["detail"]


def test_fifty_megabytes_is_refused_without_reading_it_all(world: World) -> None:
    r = submit(world.client(DEV_DINKES), "Besar", b"a" * (50 * 1024 * 1024))
    assert r.status_code == 413


def test_zip_bomb_is_refused(world: World) -> None:
    bomb = _zip({"openapi.yaml": b"openapi: 3.0.3\n" + b" " * (world.settings.max_unzipped_bytes + 1)})
    assert len(bomb) < 1024 * 1024  # compresses to almost nothing
    r = submit(world.client(DEV_DINKES), "Bom", bomb, "bom.zip")
    assert r.status_code == 413, r.text


def test_zip_with_too_many_files_is_refused(world: World) -> None:
    many = _zip({f"f{i}.yaml": b"a: 1\n" for i in range(world.settings.max_upload_files + 1)})
    assert submit(world.client(DEV_DINKES), "Banyak", many, "banyak.zip").status_code == 422


def test_zip_path_traversal_and_links_are_refused(world: World) -> None:
    dev = world.client(DEV_DINKES)
    for entries in ({"../../etc/openapi.yaml": b"a: 1\n"}, {"/abs/openapi.yaml": b"a: 1\n"}):
        r = submit(dev, "Jahat", _zip(entries), "x.zip")
        assert r.status_code == 422, entries
        assert "aman" in r.json()["detail"] or "unsafe" in r.json()["detail"].lower()
    r = submit(dev, "Jahat", _zip({"openapi.yaml": b"a: 1\n"}, link="link.yaml"), "x.zip")
    assert r.status_code == 422
    assert not (world.settings.data_dir / "etc").exists()


def test_damaged_zip_gets_a_clear_error(world: World) -> None:
    r = submit(world.client(DEV_DINKES), "Rusak", b"PK\x03\x04 bukan zip", "x.zip")
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")


def test_yaml_bomb_is_assessed_not_expanded(world: World) -> None:
    # It says it is OpenAPI, so it passes the upload's check and reaches the parser's budget.
    lines = ["openapi: 3.0.3", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    r = submit(world.client(DEV_DINKES), "Bom YAML", "\n".join(lines).encode())
    assert r.status_code == 201
    assert r.json()["assessment"]["verdict"] == "fail"
    report = world.client(DEV_DINKES).get(r.json()["report_url"]).json()
    assert report["findings"][0]["rule"] == "VAL001"


def test_remote_refs_are_not_fetched(world: World) -> None:
    doc = b"openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths:\n  /a:\n    $ref: 'http://127.0.0.1:9/x.yaml'\n"
    r = submit(world.client(DEV_DINKES), "Ref", doc)
    assert r.status_code == 201
    report = world.client(DEV_DINKES).get(r.json()["report_url"]).json()
    assert any(f["rule"] == "VAL004" for f in report["findings"])


def test_script_in_a_description_is_stored_as_text(world: World) -> None:
    doc = b"openapi: 3.0.3\ninfo:\n  title: '<script>alert(1)</script>'\n  version: 1.0.0\npaths: {}\n"
    dev = world.client(DEV_DINKES)
    r = submit(dev, "<b>Aplikasi</b>", doc)
    assert r.status_code == 201
    # JSON answers carry it as data; the web pages escape it (tested with the pages).
    assert r.json()["submission"]["title"] == "<script>alert(1)</script>"
    assert r.headers["content-type"] == "application/json"


def test_empty_and_missing_uploads(world: World) -> None:
    dev = world.client(DEV_DINKES)
    assert submit(dev, "Kosong", b"   ").status_code == 422
    assert dev.post("/api/v1/submissions", data={"application": "Tanpa berkas"}).status_code == 422
    r = dev.post(
        "/api/v1/submissions",
        data={"application": "Tempel", "document": "openapi: 3.0.3\ninfo: {title: T, version: 1.0.0}\npaths: {}\n"},
    )
    assert r.status_code == 201
