"""The pages speak one language at a time, as the command line does (tests/gate/test_language.py,
whose vocabularies and reading of HTML this test shares): every page a developer, a reviewer and
an administrator reach, in both languages, including reports with contract findings, refusals and
the audit log. What users typed and what the documents say is theirs and is not counted; code
(pointers, curl commands, response excerpts) is not language.
"""

from __future__ import annotations

import re
import time

import pytest
from sqlmodel import select

from gate.jobs.local import LocalPool
from gate.models import AuditEvent, Job
from rules.national_systems import national_systems
from tests.gate.test_language import readable, vocabularies, words
from tests.helpers import DEMO_APP
from tests.service.conftest import ADMIN, DEV_DINKES, REVIEWER, World
from tests.service.test_pages import Visitor
from tests.service.test_workflow import GOOD, LEGACY

DEMO = (DEMO_APP / "openapi.yaml").read_bytes()
TOKEN = "token-uji-perizinan"
#: What the users of this test type: their words are theirs, in whichever language the page is.
TYPED = (
    "Dinas Kesehatan Dinas Pendidikan Dewi Dodi Rina Adi Sistem Kepegawaian Layanan Perizinan Salah unggah "
    "berkas Kontrak sudah dicek manual Server HTTP tanpa autentikasi perbaiki gitlab pipeline Memenuhi aturan"
)


def _wait(world: World, job_id: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with world.session() as s:
            job = s.get(Job, job_id)
            if job is not None and job.state.value in ("selesai", "gagal"):
                return
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


def _journey(world: World, defective: str) -> dict[str, list[tuple[Visitor, str, str]]]:
    """Every kind of page, reached as its users reach it; returns (visitor, method, path) per role.
    A POST's page is the one its refusal renders (the form comes back with why)."""
    world.settings.contract_allow = ["127.0.0.1/32"]
    dev, reviewer, admin = Visitor(world, DEV_DINKES), Visitor(world, REVIEWER), Visitor(world, ADMIN)
    legacy = dev.submit("Sistem Kepegawaian", LEGACY)
    withdrawn = dev.submit("Layanan Perizinan", GOOD)
    dev.get(f"/pengajuan/{withdrawn}")
    dev.post(f"/pengajuan/{withdrawn}/tarik", {"reason": "Salah unggah berkas."})
    approved = dev.submit("Layanan Perizinan", GOOD)
    demo = dev.submit("Perizinan Staging", DEMO)
    dev.get("/ajukan")
    pending = int(dev.post("/ajukan", {"application": "Tanpa Metadata"}, {"file": ("a.yaml", GOOD)}).split("/")[2])
    with LocalPool(world.settings, workers=1, poll_s=0.2):
        dev.get(f"/pengajuan/{demo}")
        where = dev.post(
            f"/pengajuan/{demo}/uji-kontrak",
            {"base_url": defective, "auth": "bearer", "token": TOKEN, "time_limit": "30", "max_requests": "400"},
        )
        _wait(world, int(where.rsplit("/", 1)[1]))
    reviewer.get(f"/pengajuan/{legacy}")
    reviewer.post(f"/pengajuan/{legacy}/tinjau", {})
    reviewer.get(f"/pengajuan/{approved}")
    reviewer.post(f"/pengajuan/{approved}/keputusan", {"outcome": "disetujui", "reason": "Memenuhi aturan."})
    entry = re.search(r'href="(/katalog/\d+)"', dev.get("/katalog")).group(1)  # type: ignore[union-attr]
    with world.session() as s:
        user_id = s.exec(select(AuditEvent.object_id).where(AuditEvent.object_type == "user")).first()
    return {
        "developer": [
            (dev, "GET", "/"),
            (dev, "GET", "/ajukan"),
            (dev, "POST /ajukan", "/ajukan"),  # refused: nothing uploaded
            (dev, "GET", f"/pengajuan/{pending}/metadata"),
            (dev, "GET", f"/pengajuan/{legacy}"),
            (dev, "GET", f"/pengajuan/{withdrawn}"),
            (dev, "GET", f"/pengajuan/{demo}"),
            (dev, "GET", f"/pengajuan/{demo}/laporan"),
            (dev, "GET", where),
            (dev, "GET", "/token"),
            (dev, "GET", "/katalog"),
            (dev, "GET", entry),
            (dev, "GET", entry + "/laporan"),
            (dev, "GET", "/peta-integrasi"),
            (dev, "GET", "/tidak-ada"),
        ],
        "reviewer": [
            (reviewer, "GET", "/"),
            (reviewer, "GET", "/antrean"),
            (reviewer, "GET", f"/pengajuan/{legacy}"),
            (reviewer, "POST decision", f"/pengajuan/{legacy}"),  # refused: approving a failure needs an override
            (reviewer, "GET", f"/pengajuan/{approved}?ubah=1"),
            (reviewer, "GET", f"/pengajuan/{demo}"),
        ],
        "administrator": [
            (admin, "GET", "/audit"),
            (admin, "GET", "/admin/pengguna"),
            (admin, "GET", f"/admin/pengguna/{user_id}"),
            (admin, "GET", "/admin/opd"),
            (admin, "GET", "/antrean?status="),
        ],
        "anyone": [(Visitor(world), "GET", "/masuk")],
    }


def _page(visitor: Visitor, how: str, path: str) -> str:
    if how == "GET":
        r = visitor.client.get(path)
        assert r.status_code in (200, 404), (path, r.status_code)
        return r.text
    visitor.get(path)  # the page's CSRF token
    if how == "POST /ajukan":
        r = visitor.client.post(path, data={"csrf_token": visitor.csrf, "application": "Kosong"})
    else:
        typed = "Kontrak sudah dicek manual."
        data = {"csrf_token": visitor.csrf, "outcome": "disetujui", "reason": typed, "supersedes": "0"}
        r = visitor.client.post(path + "/keputusan", data=data)
    assert 400 <= r.status_code < 500 and "notice error" in r.text, (path, r.status_code)
    return r.text


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)  # language does not depend on the database
def test_every_page_is_in_one_language(world: World, defective: str) -> None:
    indonesian, english = vocabularies()
    own = words(LEGACY.decode()) | words(GOOD.decode()) | words(DEMO.decode()) | words(TYPED)
    # Flow-style YAML (`{sistem: SIAK, keterangan: verifikasi NIK}`) is the documents' own text too.
    own |= words(GOOD.decode().replace("{", " ").replace("}", " "))
    # The national systems' and their agencies' names are names, in whichever language they are.
    own |= words(" ".join(f"{s.nama} {s.pemilik}" for s in national_systems()))
    pages = _journey(world, defective)
    leaks = []
    seen = 0
    for lang, foreign in (("id", english), ("en", indonesian)):
        for role, visits in pages.items():
            for visitor, how, path in visits:
                visitor.client.cookies.set("lang", lang)
                html = _page(visitor, how, path)
                assert f'<html lang="{lang}">' in html, path
                found = sorted((words(readable(html, "html")) & foreign) - own)
                seen += 1
                if found:
                    leaks.append(f"{lang} {role} {how} {path}: {found}")
    assert seen == 2 * sum(len(v) for v in pages.values())
    assert not leaks, "\n".join(leaks)


def test_the_vocabularies_hold_what_the_pages_used_to_say() -> None:
    """'bawaan' on English pages; schemathesis' titles and the audit log's English on Indonesian ones."""
    indonesian, english = vocabularies()
    assert {"bawaan", "galat", "pengajuan"} <= indonesian
    assert {"undocumented", "violates", "signed", "failures"} <= english
    html = '<td><code>response_schema_conformance</code></td><td title="Undocumented">Response violates schema</td>'
    assert {"undocumented", "violates"} <= words(readable(html, "html")) & english
    assert "conformance" not in words(readable(html, "html"))  # code is not language
