"""The yearly evaluation: a whole year on a kabupaten of four catalogued applications, the rules
that decide outcomes, and bulk reassessment after the profile changed."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlmodel import select

from gate.jobs.local import LocalPool
from gate.models import AuditEvent, EvaluationItem, EvaluationOutcome, Job, JobKind, JobState, Letter, Notification
from gate.services.evaluation import Facts, judge
from rules.profile import EvaluationRules
from tests.helpers import DEMO_APP
from tests.service.conftest import ADMIN, DEV_DINKES, DEV_DISDIK, REVIEWER, World

APPROVED = yaml.safe_load((DEMO_APP / "openapi.yaml").read_text(encoding="utf-8"))
NEXT = date.today().year + 1
YEAR = NEXT  # the evaluation of next year, opened now


def _doc(title: str, **meta: Any) -> bytes:
    doc = json.loads(json.dumps(APPROVED))
    doc["info"]["title"] = title
    doc["info"]["x-spbe"].pop("url_produksi")
    doc["info"]["x-spbe"].pop("url_openapi")
    doc["info"]["x-spbe"].update(meta)
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode()


def _catalogue(world: World, who: str, title: str, **meta: Any) -> int:
    r = world.client(who).post(
        "/api/v1/submissions", data={"application": title}, files={"file": ("openapi.yaml", _doc(title, **meta))}
    )
    assert r.status_code == 201, r.text
    sid = r.json()["submission"]["id"]
    decided = world.client(REVIEWER).post(
        f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus.", "override": True}
    )
    assert decided.status_code == 201, decided.text
    return int(r.json()["submission"]["application_id"])


def _wait_assessed(world: World, total: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with world.session() as s:
            done = s.exec(select(Job).where(Job.kind == JobKind.EVALUATE, Job.state == JobState.DONE)).all()
        if len(done) >= total:
            return
        time.sleep(0.3)
    raise AssertionError("the evaluation's jobs did not finish")


def _items(world: World) -> dict[int, EvaluationItem]:
    with world.session() as s:
        return {i.application_id: i for i in s.exec(select(EvaluationItem)).all()}


def test_a_whole_year(world: World) -> None:
    budget = [{"tahun": NEXT, "sumber": "APBD"}]
    apps = {
        "rapi": _catalogue(world, DEV_DINKES, "Layanan Rapi", anggaran=budget),
        "tanpa_anggaran": _catalogue(world, DEV_DINKES, "Layanan Tanpa Anggaran", anggaran=[2020]),
        "diam": _catalogue(world, DEV_DISDIK, "Layanan Diam", anggaran=budget),
        "pensiun": _catalogue(world, DEV_DISDIK, "Layanan Pensiun", anggaran=budget),
    }
    admin, reviewer = world.client(ADMIN), world.client(REVIEWER)
    deadline = date.today() + timedelta(days=14)
    with LocalPool(world.settings, workers=2, poll_s=0.2):
        r = admin.post("/api/v1/evaluations", json={"year": YEAR, "deadline": deadline.isoformat()})
        assert r.status_code == 201, r.text
        assert r.json()["added"] == 4
        again = admin.post("/api/v1/evaluations", json={"year": YEAR, "deadline": deadline.isoformat()})
        assert again.json()["added"] == 0  # exactly one item per application, however often opened
        _wait_assessed(world, 4)
        items = _items(world)
        assert all(i.outcome is EvaluationOutcome.PENDING for i in items.values())  # awaiting the OPDs

        # The OPDs answer: Dinkes for both of its applications (one updates the budget), Disdik retires one
        # and lets the other's deadline pass.
        dinkes, disdik = world.client(DEV_DINKES), world.client(DEV_DISDIK)
        assert (
            disdik.post(f"/api/v1/evaluations/items/{items[apps['rapi']].id}/confirmation", json={}).status_code == 404
        )  # another OPD's item
        assert (
            dinkes.post(f"/api/v1/evaluations/items/{items[apps['rapi']].id}/confirmation", json={}).status_code == 200
        )
        assert (
            dinkes.post(
                f"/api/v1/evaluations/items/{items[apps['tanpa_anggaran']].id}/confirmation", json={"anggaran": [2020]}
            ).status_code
            == 200
        )
        assert (
            disdik.post(
                f"/api/v1/evaluations/items/{items[apps['pensiun']].id}/confirmation", json={"lifecycle": "retired"}
            ).status_code
            == 200
        )
        _wait_assessed(world, 7)
    items = _items(world)
    assert items[apps["rapi"]].outcome is EvaluationOutcome.SUSTAINED
    assert items[apps["tanpa_anggaran"]].outcome is EvaluationOutcome.ACTION
    # No budget: SUS006 (an error) caps the level at 2 as well.
    assert [t["code"] for t in items[apps["tanpa_anggaran"]].todo] == ["level", "budget"]
    assert items[apps["pensiun"]].outcome is EvaluationOutcome.LAPSED
    assert items[apps["diam"]].outcome is EvaluationOutcome.PENDING

    # A reviewer overrides the action list with a reason (audited).
    overridden = reviewer.post(
        f"/api/v1/evaluations/items/{items[apps['tanpa_anggaran']].id}/override",
        json={"outcome": "perlu_tindakan", "reason": "DPA tahun depan sedang disahkan; tunggu 90 hari."},
    )
    assert overridden.status_code == 200
    assert (
        world.client(DEV_DINKES)
        .post(
            f"/api/v1/evaluations/items/{items[apps['rapi']].id}/override",
            json={"outcome": "berkelanjutan", "reason": "saya"},
        )
        .status_code
        == 403
    )

    closed = admin.post(f"/api/v1/evaluations/{YEAR}/close")
    assert closed.status_code == 200, closed.text
    progress = closed.json()["progress"]
    assert (progress["berkelanjutan"], progress["perlu_tindakan"], progress["tidak_berkelanjutan"]) == (1, 1, 2)
    items = _items(world)
    assert items[apps["diam"]].outcome is EvaluationOutcome.LAPSED  # unanswered by the deadline
    with world.session() as s:
        renewed = s.get(Letter, items[apps["rapi"]].renewed_letter_id)
        ended = s.exec(select(Letter).where(Letter.ended_reason == "tidak_berkelanjutan")).all()
        told = s.exec(
            select(Notification).where(Notification.kind.in_(["evaluation_action", "evaluation_lapsed"]))
        ).all()  # type: ignore[attr-defined]
        audit = {e.action for e in s.exec(select(AuditEvent)).all()}
    assert renewed is not None and renewed.kind.value == "rekomendasi" and renewed.seq == 5  # a new number
    assert {e.application_id for e in ended} == {apps["diam"], apps["pensiun"]}
    assert {n.kind for n in told} == {"evaluation_action", "evaluation_lapsed"}
    assert items[apps["tanpa_anggaran"]].todo_deadline is not None
    assert {"evaluation.open", "evaluation.confirm", "evaluation.override", "evaluation.close"} <= audit
    assert admin.post(f"/api/v1/evaluations/{YEAR}/close").status_code == 409


CASES = [
    (dict(), "berkelanjutan", []),
    (dict(level=2), "perlu_tindakan", ["level"]),
    (dict(availability=80.0), "perlu_tindakan", ["availability"]),
    (dict(availability=None), "berkelanjutan", []),  # never probed: judged without it
    (dict(budget_ok=False), "perlu_tindakan", ["budget"]),
    (dict(drift=3), "perlu_tindakan", ["drift"]),
    (dict(lifecycle="retired"), "tidak_berkelanjutan", []),
    (dict(lifecycle="deprecated", sunset_passed=True), "tidak_berkelanjutan", []),
    (dict(confirmed=False), "menunggu", []),
    (dict(confirmed=False, deadline_passed=True), "tidak_berkelanjutan", []),
    (dict(confirmed=False, budget_ok=False), "menunggu", ["budget"]),
]


@pytest.mark.parametrize(("changed", "outcome", "todo"), CASES)
def test_the_rules_of_the_profile_decide(changed: dict[str, Any], outcome: str, todo: list[str]) -> None:
    facts = {
        "level": 4,
        "availability": 99.5,
        "drift": 0,
        "budget_ok": True,
        "lifecycle": "production",
        "sunset_passed": False,
        "confirmed": True,
        "deadline_passed": False,
    }
    decided, _, to_do = judge(EvaluationRules(), Facts(**{**facts, **changed}))
    assert decided.value == outcome
    assert [t["code"] for t in to_do] == todo


def test_the_profile_can_be_gentler() -> None:
    rules = EvaluationRules(min_level=2, budget_required=False, unanswered="perlu_tindakan")
    facts = Facts(2, None, 0, False, "production", False, False, True)
    decided, _, todo = judge(rules, facts)
    assert decided is EvaluationOutcome.ACTION and [t["code"] for t in todo] == ["unconfirmed"]


def test_a_bulk_reassessment_says_whose_verdict_changed_and_why(world: World, tmp_path: Path) -> None:
    kept = _catalogue(world, DEV_DINKES, "Layanan Tetap", anggaran=[{"tahun": NEXT}])
    changed = _catalogue(world, DEV_DISDIK, "Layanan Berubah", anggaran=[2020])  # SUS006 fails it
    profile = tmp_path / "profil.yaml"
    profile.write_text("rules:\n  SUS006: {severity: warning}\n", encoding="utf-8")  # the profile changed
    world.settings.profile_file = profile
    with LocalPool(world.settings, workers=2, poll_s=0.2):
        r = world.client(ADMIN).post("/api/v1/reassessments")
        assert r.status_code == 201 and r.json()["total"] == 2, r.text
        batch = r.json()["id"]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            progress = world.client(REVIEWER).get(f"/api/v1/reassessments/{batch}").json()
            if progress["done"] == 2:
                break
            time.sleep(0.3)
    assert progress["done"] == 2
    rows = {i["application_id"]: i for i in progress["items"]}
    assert set(rows) == {changed}  # only whose verdict changed
    assert (rows[changed]["before_verdict"], rows[changed]["after_verdict"]) == ("fail", "pass")
    assert rows[changed]["newly_passing"] == ["SUS006"]
    everyone = world.client(REVIEWER).get(f"/api/v1/reassessments/{batch}", params={"semua": "true"}).json()
    assert {i["application_id"] for i in everyone["items"]} == {kept, changed}
    assert world.client(DEV_DINKES).post("/api/v1/reassessments").status_code == 403
