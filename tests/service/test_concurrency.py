"""Parallel submissions and decisions do not corrupt state."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient
from httpx import Response

from tests.service.conftest import DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_workflow import GOOD, LEGACY, submit


def test_parallel_submissions_get_distinct_versions(world: World) -> None:
    clients = [world.client(DEV_DINKES) for _ in range(6)]
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda c: submit(c, "Layanan Perizinan", GOOD), clients))
    assert all(r.status_code == 201 for r in results), [r.text for r in results]
    numbers = sorted(r.json()["submission"]["number"] for r in results)
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert len({r.json()["submission"]["application_id"] for r in results}) == 1


def _race(world: World, sid: int, bodies: list[dict[str, object]]) -> list[Response]:
    """Each body posted by its own reviewer, all released at the same moment."""
    reviewers = [world.client(REVIEWER) for _ in bodies]
    barrier = threading.Barrier(len(bodies))

    def decide(pair: tuple[TestClient, dict[str, object]]) -> Response:
        client, body = pair
        barrier.wait()
        return client.post(f"/api/v1/submissions/{sid}/decisions", json=body)

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(decide, zip(reviewers, bodies, strict=True)))


def test_parallel_decisions_one_wins_the_others_are_told(world: World) -> None:
    sid = submit(world.client(DEV_DINKES), "Layanan Perizinan", GOOD).json()["submission"]["id"]
    results = _race(world, sid, [{"outcome": o, "reason": "Keputusan uji."} for o in ["disetujui", "ditolak"] * 3])
    codes = sorted(r.status_code for r in results)
    assert codes == [201, 409, 409, 409, 409, 409], [r.text for r in results]
    history = world.client(REVIEWER).get(f"/api/v1/submissions/{sid}/decisions").json()
    assert len(history) == 1
    state = world.client(REVIEWER).get(f"/api/v1/submissions/{sid}").json()["state"]
    assert state == history[-1]["outcome"]


def test_approve_and_reject_at_once_never_both_win_and_the_catalogue_agrees(world: World) -> None:
    """The attack from issue 13: an approval with override and a rejection at the same moment."""
    dev, other = world.client(DEV_DINKES), world.client(DEV_DISDIK)
    approve = {"outcome": "disetujui", "reason": "Disetujui dengan pengesampingan.", "override": True}
    reject = {"outcome": "ditolak", "reason": "Ditolak: kontrak rusak."}
    for trial in range(8):
        sid = submit(dev, "Simpeg", LEGACY).json()["submission"]["id"]
        results = _race(world, sid, [approve, reject] if trial % 2 else [reject, approve])
        codes = sorted(r.status_code for r in results)
        assert codes == [201, 409], [r.text for r in results]
        won = next(r.json() for r in results if r.status_code == 201)
        state = dev.get(f"/api/v1/submissions/{sid}").json()["state"]
        catalogued = [e["submission"]["id"] for e in other.get("/api/v1/catalogue").json()]
        assert state == won["outcome"]
        assert (sid in catalogued) is (state == "disetujui"), (trial, state, catalogued)
        files = other.get(f"/api/v1/submissions/{sid}/files/openapi.yaml")
        assert (files.status_code == 200) is (state == "disetujui")
