"""Structured integrations in the service: each named application checked against the catalogue
(it exists, its recommendation holds, the operations called are in its approved version), the
metadata form's entries, and the integration map with its JSON, GraphML and API exports, which
say exactly what the database holds. On both databases."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from typing import Any

from sqlmodel import col, select

from gate.models import Application, Letter, LetterKind, Opd, Submission
from gate.services import integration, metadata
from rules.integrations import entries
from rules.national_systems import find_system
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_change_control import _section, _text, approve, submitted, with_integrations
from tests.service.test_pages import Visitor
from tests.service.test_workflow import GOOD

CALLS = """      - aplikasi: layanan-perizinan
        operasi: [bacaIzin, 'GET /v1/izin/{id}', hapusSemuaIzin, 'PUT /izin']
      - aplikasi: tidak-ada-di-katalog
      - aplikasi: draf-aplikasi
      - aplikasi: rahasia-dinkes
      - sistem: SIAK
        keterangan: verifikasi NIK
"""


def _provider(world: World) -> tuple[int, int]:
    sid = submitted(world, DEV_DINKES, "Layanan Perizinan", GOOD)
    approve(world, sid)
    with world.session() as s:
        sub = s.get(Submission, sid)
        assert sub is not None
        return sid, sub.application_id


def test_each_named_application_is_checked_against_the_catalogue(world: World) -> None:
    _, provider_app = _provider(world)
    submitted(world, DEV_DISDIK, "Draf Aplikasi", GOOD)  # the consumer's OPD's own, never approved
    secret = submitted(world, DEV_DINKES, "Rahasia Dinkes", GOOD)  # another OPD's, never approved
    consumer = submitted(world, DEV_DISDIK, "Dasbor Pendidikan", with_integrations(GOOD, CALLS))
    with world.session() as s:
        sub = s.get(Submission, consumer)
        assert sub is not None
        checks = {c.target: c for c in integration.check(s, sub)}
    perizinan = checks["layanan-perizinan"]
    assert perizinan.level == "error" and perizinan.href == f"/katalog/{provider_app}"
    # bacaIzin and GET /v1/izin/{id} (= /izin/{nomor_izin} under the /v1 base path) exist; two do not.
    assert [p.en for p in perizinan.problems] == [
        "Operation hapusSemuaIzin is not in the approved version of Layanan Perizinan (#1).",
        "Operation PUT /izin is not in the approved version of Layanan Perizinan (#1).",
    ]
    assert (
        checks["tidak-ada-di-katalog"].level == "error"
        and "no application" in checks["tidak-ada-di-katalog"].problems[0].en
    )
    assert "not in the catalogue yet" in checks["draf-aplikasi"].problems[0].en
    # Another OPD's unapproved application is not there for this OPD: by slug or id, not even its name.
    assert "no application" in checks["rahasia-dinkes"].problems[0].en and checks["rahasia-dinkes"].name == ""
    with world.session() as s:
        hidden = s.get(Submission, secret)
        assert hidden is not None
        by_id = integration.Catalogue()
        by_id.apps = {hidden.application_id: s.get(Application, hidden.application_id)}  # type: ignore[dict-item]
        assert by_id.named(hidden.application_id, world.disdik) == []
        assert by_id.named(hidden.application_id, world.dinkes) != []
    siak = checks["SIAK"]
    assert siak.level == "ok" and siak.owner == find_system("SIAK").pemilik  # type: ignore[union-attr]

    # The same on the page, for the submitting OPD and the reviewer.
    for who in (DEV_DISDIK, REVIEWER):
        text = _text(_section(Visitor(world, who).get(f"/pengajuan/{consumer}")))
        assert "Operasi hapusSemuaIzin tidak ada di versi Layanan Perizinan yang disetujui (#1)." in text
        assert "Tidak ada aplikasi tidak-ada-di-katalog di katalog" in text
        assert "Draf Aplikasi belum punya versi yang disetujui" in text
        assert "Direktorat Jenderal Kependudukan dan Pencatatan Sipil" in text
        assert "Rahasia Dinkes" not in text


def test_an_expired_recommendation_and_a_fixed_entry(world: World) -> None:
    _, provider_app = _provider(world)
    fixed = f"      - aplikasi: {provider_app}\n        operasi: [bacaIzin, daftarJenisIzin]\n"
    consumer = submitted(world, DEV_DISDIK, "Dasbor Pendidikan", with_integrations(GOOD, fixed))
    with world.session() as s:
        sub = s.get(Submission, consumer)
        assert sub is not None
        (ok,) = integration.check(s, sub)
        assert ok.level == "ok" and ok.problems == () and ok.name == "Layanan Perizinan"
        letter = s.exec(select(Letter).where(Letter.kind == LetterKind.RECOMMENDATION)).one()
        letter.valid_until = date.today() - timedelta(days=1)
        s.add(letter)
        s.commit()
        (stale,) = integration.check(s, sub)
    assert stale.level == "error" and "recommendation of Layanan Perizinan has expired" in stale.problems[0].en


def test_the_metadata_form_writes_structured_entries(world: World) -> None:
    _provider(world)
    dev = Visitor(world, DEV_DISDIK)
    sid = dev.submit(
        "Dasbor Pendidikan", GOOD, integrasi="aplikasi:layanan-perizinan [bacaIzin; GET /izin], sistem:SIAK"
    )
    with world.session() as s:
        sub = s.get(Submission, sid)
        assert sub is not None and sub.x_spbe is not None
        assert sub.x_spbe["integrasi"] == [
            {"aplikasi": "layanan-perizinan", "operasi": ["bacaIzin", "GET /izin"]},
            {"sistem": "SIAK"},
        ]
        # ...and the form shows them back the same way.
        assert metadata.form_values(sub.x_spbe)["integrasi"] == (
            "aplikasi:layanan-perizinan [bacaIzin; GET /izin], sistem:SIAK"
        )


# -- the map -------------------------------------------------------------------------------------


def _kabupaten(world: World) -> None:
    _provider(world)
    calls = "      - aplikasi: layanan-perizinan\n        operasi: [bacaIzin]\n      - sistem: dukcapil\n"
    approve(world, submitted(world, DEV_DISDIK, "Dasbor <Pendidikan> & Co", with_integrations(GOOD, calls)))
    submitted(world, DEV_DISDIK, "Belum Disetujui", with_integrations(GOOD, "      - sistem: SIPD\n"))


def _expected(world: World) -> dict[str, Any]:
    """The map as the database says it, computed here without the service's code."""
    with world.session() as s:
        rows = s.exec(
            select(Application, Opd, Submission)
            .join(Opd, col(Opd.id) == Application.opd_id)
            .join(Submission, col(Submission.id) == Application.approved_submission_id)
        ).all()
    by_slug = {a.slug: a for a, _, _ in rows}
    apps = {f"aplikasi:{a.id}": (a.nama, o.id, sub.number) for a, o, sub in rows}
    edges = set()
    systems = set()
    for a, _, sub in rows:
        for e in entries(sub.x_spbe):
            if e.kind == "sistem":
                code = find_system(str(e.target)).kode  # type: ignore[union-attr]
                systems.add(code)
                edges.add((f"aplikasi:{a.id}", f"sistem:{code}", tuple(e.operations)))
            else:
                target = by_slug[e.target] if isinstance(e.target, str) else None
                edges.add((f"aplikasi:{a.id}", f"aplikasi:{target.id}", tuple(e.operations)))  # type: ignore[union-attr]
    return {"apps": apps, "edges": edges, "systems": systems, "opds": {o.id: o.nama for _, o, _ in rows}}


def test_the_map_exports_say_what_the_database_holds(world: World) -> None:
    _kabupaten(world)
    expected = _expected(world)
    # The example calls SIAK and OSS RBA; the consumer calls the provider and SIAK (as "dukcapil").
    assert len(expected["apps"]) == 2 and len(expected["edges"]) == 4 and expected["systems"] == {"SIAK", "OSS-RBA"}
    viewer = world.client(DEV_DINKES)  # any signed-in user: the catalogue is shared

    exported = viewer.get("/peta-integrasi.json")
    assert exported.status_code == 200 and "attachment" in exported.headers["content-disposition"]
    data = exported.json()
    assert {a["id"]: (a["nama"], a["opd_id"], a["versi"]) for a in data["aplikasi"]} == expected["apps"]
    assert {(e["dari"], e["ke"], tuple(e["operasi"])) for e in data["integrasi"]} == expected["edges"]
    assert {s["kode"] for s in data["sistem_nasional"]} == expected["systems"]
    assert {o["id"]: o["nama"] for o in data["opd"]} == expected["opds"]
    assert world.client(DEV_DISDIK).get("/api/v1/integrations").json() == data  # the API: the same JSON

    graphml = viewer.get("/peta-integrasi.graphml")
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    root = ET.fromstring(graphml.content)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    nodes = {n.get("id"): n for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    names = {
        node_id: n.find("g:data[@key='nama']", ns).text  # type: ignore[union-attr]
        for node_id, n in nodes.items()
        if node_id and node_id.startswith("aplikasi:")
    }
    assert names == {k: v[0] for k, v in expected["apps"].items()}  # "<" and "&" survive as data
    assert {f"opd:{i}" for i in expected["opds"]} | {f"sistem:{c}" for c in expected["systems"]} <= set(nodes)
    edges = {(e.get("source"), e.get("target")) for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")}
    assert edges == {(a, b) for a, b, _ in expected["edges"]}
    # Each application sits inside its OPD's nested graph.
    for opd_id in expected["opds"]:
        inner = nodes[f"opd:{opd_id}"].find("g:graph", ns)
        assert inner is not None
        held = {n.get("id") for n in inner.findall("g:node", ns)}
        assert held == {k for k, v in expected["apps"].items() if v[1] == opd_id}


def test_the_map_page_draws_every_integration_and_escapes_names(world: World) -> None:
    _kabupaten(world)
    html = Visitor(world, DEV_DISDIK).get("/peta-integrasi")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<line ") == 4 and svg.count('class="app"') == 2 and svg.count('class="system"') == 2
    assert "<Pendidikan>" not in html and "&lt;Pendidikan&gt;" in html
    table = _text(html[html.index('<table id="integrasi"') :])
    assert "Layanan Perizinan" in table and "bacaIzin" in table and "Kementerian Dalam Negeri" in table
    assert "Belum Disetujui" not in html  # not in the catalogue, not on the map


def test_the_map_is_for_signed_in_users(world: World) -> None:
    anonymous = world.client(None)
    for path in ("/peta-integrasi", "/peta-integrasi.json", "/peta-integrasi.graphml"):
        r = anonymous.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/masuk")
    assert anonymous.get("/api/v1/integrations").status_code == 401


def test_a_name_with_control_characters_still_makes_valid_graphml(world: World) -> None:
    _kabupaten(world)
    with world.session() as s:
        app = s.exec(select(Application).where(Application.slug == "layanan-perizinan")).one()
        app.nama = "Layanan\x01Perizinan\x1b[31m"
        s.add(app)
        s.commit()
    root = ET.fromstring(world.client(REVIEWER).get("/peta-integrasi.graphml").content)
    assert any(
        re.fullmatch(r"LayananPerizinan\[31m", d.text or "")
        for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")
    )
