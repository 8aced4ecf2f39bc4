"""Parallel submissions and decisions do not corrupt state."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

from tests.service.conftest import DEV_DINKES, REVIEWER, World
from tests.service.test_workflow import GOOD, submit


def test_parallel_submissions_get_distinct_versions(world: World) -> None:
    clients = [world.client(DEV_DINKES) for _ in range(6)]
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda c: submit(c, "Layanan Perizinan", GOOD), clients))
    assert all(r.status_code == 201 for r in results), [r.text for r in results]
    numbers = sorted(r.json()["submission"]["number"] for r in results)
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert len({r.json()["submission"]["application_id"] for r in results}) == 1


def test_parallel_decisions_one_wins_the_others_are_told(world: World) -> None:
    sid = submit(world.client(DEV_DINKES), "Layanan Perizinan", GOOD).json()["submission"]["id"]
    reviewers = [world.client(REVIEWER) for _ in range(6)]
    outcomes = ["disetujui", "ditolak"] * 3

    def decide(pair: tuple[object, str]):  # type: ignore[no-untyped-def]
        client, outcome = pair
        return client.post(
            f"/api/v1/submissions/{sid}/decisions", json={"outcome": outcome, "reason": "Keputusan uji."}
        )  # type: ignore[attr-defined]

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(decide, zip(reviewers, outcomes, strict=True)))
    codes = sorted(r.status_code for r in results)
    assert set(codes) <= {201, 409}, codes
    history = world.client(REVIEWER).get(f"/api/v1/submissions/{sid}/decisions").json()
    # Decisions form one chain: each supersedes the one before it, none is lost or forked.
    assert len(history) == codes.count(201)
    for before, after in pairwise(history):
        assert after["supersedes_id"] == before["id"]
    state = world.client(REVIEWER).get(f"/api/v1/submissions/{sid}").json()["state"]
    assert state == history[-1]["outcome"]
