"""Every decision issues a numbered letter; a recommendation holds until its date, or until a later
decision or a newer approved version ends it."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from gate.models import Letter, LetterKind
from gate.services.letters import LetterPolicy, add_months, check_number_format, valid_until
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, REVIEWER, World
from tests.service.test_workflow import GOOD, LEGACY, submit


def _approve(client: TestClient, sid: int, **extra: object) -> dict[str, object]:
    r = client.post(f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus.", **extra})
    assert r.status_code == 201, r.text
    return dict(r.json())


def _letters(world: World) -> list[Letter]:
    with world.session() as s:
        return list(s.exec(select(Letter).order_by(Letter.id)).all())


def test_an_approval_issues_a_numbered_recommendation_valid_to_the_budget(world: World) -> None:
    dev, reviewer = world.client(DEV_DINKES), world.client(REVIEWER)
    sid = submit(dev, "Layanan Perizinan", GOOD).json()["submission"]["id"]
    decision = _approve(reviewer, sid)
    (letter,) = _letters(world)
    today = date.today()
    assert letter.kind is LetterKind.RECOMMENDATION and letter.decision_id == decision["id"]
    assert letter.nomor == f"001/REK-SPBE/1.02.01/{today.year}"
    # The example commits budget for 2026 and 2027: the end of the last one, at most 12 months on.
    assert letter.valid_until == min(date(2027, 12, 31), add_months(today, 12))
    assert len(letter.code) >= 16 and letter.reasons == "Lulus."


def test_rejections_and_change_requests_get_their_own_numbered_letters_with_what_to_fix(world: World) -> None:
    dev, reviewer = world.client(DEV_DINKES), world.client(REVIEWER)
    first = submit(dev, "Simpeg", LEGACY).json()["submission"]["id"]
    second = submit(world.client(DEV_DISDIK), "Simpeg Disdik", LEGACY).json()["submission"]["id"]
    reviewer.post(f"/api/v1/submissions/{first}/decisions", json={"outcome": "ditolak", "reason": "Tidak aman."})
    reviewer.post(
        f"/api/v1/submissions/{second}/decisions", json={"outcome": "perlu_perbaikan", "reason": "Lengkapi x-spbe."}
    )
    rejection, changes = _letters(world)
    year = date.today().year
    assert (rejection.kind, rejection.nomor) == (LetterKind.REJECTION, f"001/TLK-SPBE/1.02.01/{year}")
    assert (changes.kind, changes.nomor) == (LetterKind.CHANGES, f"001/PRB-SPBE/1.01.01/{year}")
    assert rejection.valid_until is None
    fix = {item["rule"] for item in rejection.to_fix}
    assert {"SEC001", "SUS001"} <= fix and rejection.to_fix[0]["severity"] == "error"


def test_a_changed_decision_ends_its_letter_and_a_newer_approval_ends_the_older_one(world: World) -> None:
    dev, reviewer = world.client(DEV_DINKES), world.client(REVIEWER)
    v1 = submit(dev, "Layanan Perizinan", GOOD).json()["submission"]["id"]
    first = _approve(reviewer, v1)
    changed = reviewer.post(
        f"/api/v1/submissions/{v1}/decisions",
        json={"outcome": "perlu_perbaikan", "reason": "Kontak salah.", "supersedes": first["id"]},
    )
    assert changed.status_code == 201
    v2 = submit(dev, "Layanan Perizinan", GOOD).json()["submission"]["id"]
    _approve(reviewer, v2)
    v3 = submit(dev, "Layanan Perizinan", GOOD).json()["submission"]["id"]
    _approve(reviewer, v3)
    rec1, changes, rec2, rec3 = _letters(world)
    assert rec1.ended_reason == "keputusan_diubah" and changes.ended_at is None
    assert rec2.ended_reason == "versi_baru" and rec3.ended_at is None
    assert [rec1.seq, rec2.seq, rec3.seq] == [1, 2, 3]  # numbers run on, never reused


def test_approvals_at_once_get_consecutive_numbers_without_gaps(world: World) -> None:
    """Six applications of two OPDs approved at the same moment: 1..6, each once."""
    dev, other = world.client(DEV_DINKES), world.client(DEV_DISDIK)
    ids = [submit(dev if i % 2 else other, f"Layanan {i}", GOOD).json()["submission"]["id"] for i in range(6)]
    reviewers = [world.client(REVIEWER) for _ in ids]
    barrier = threading.Barrier(len(ids))
    codes: list[int] = []

    def approve(pair: tuple[TestClient, int]) -> None:
        client, sid = pair
        barrier.wait()
        r = client.post(f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Lulus."})
        codes.append(r.status_code)

    threads = [threading.Thread(target=approve, args=(pair,)) for pair in zip(reviewers, ids, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes == [201] * 6
    assert sorted(letter.seq for letter in _letters(world)) == [1, 2, 3, 4, 5, 6]


def test_validity_rules() -> None:
    issued = date(2026, 11, 30)
    assert valid_until(issued, {"anggaran": [2026, {"tahun": 2027}]}, 12) == date(2027, 11, 30)  # 12 months first
    assert valid_until(issued, {"anggaran": [2026, 2027, 2028]}, 12) == date(2027, 11, 30)  # capped at 12 months
    assert valid_until(issued, {"anggaran": [2025]}, 12) == date(2026, 12, 31)  # nothing committed beyond this year
    assert valid_until(issued, None, 12) == date(2026, 12, 31)
    assert valid_until(date(2026, 1, 31), {"anggaran": [2027]}, 1) == date(2026, 2, 28)


def test_the_number_format_is_checked_when_the_service_starts() -> None:
    assert LetterPolicy("{year}-{seq}").number(LetterKind.RECOMMENDATION, 4, "1.02", 2027) == "2027-4"
    with pytest.raises(ValueError, match="seq"):
        check_number_format("REK/{opd}/{year}")
    with pytest.raises(ValueError):
        check_number_format("{nomor}/{year}")
