"""What the pages say, read as a person reads them: the audit log in words, the upload limits
before anyone is refused, the review's outcome in the page's language (issue 15)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from sqlmodel import select

from gate.models import AuditEvent, User
from gate.web.i18n import AUDIT_ACTIONS, AUDIT_KEYS
from tests.service.conftest import ADMIN, DEV_DINKES, REVIEWER, World
from tests.service.test_pages import Visitor, _text
from tests.service.test_workflow import GOOD, LEGACY

GATE = Path(__file__).resolve().parents[2] / "gate"


def _recorded_actions() -> set[str]:
    """Every action code the service passes to ``audit.record`` (its third argument)."""
    found = set()
    for file in GATE.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "record" and len(node.args) >= 3:
                action = node.args[2]
                if isinstance(action, ast.Constant) and isinstance(action.value, str):
                    found.add(action.value)
    assert len(found) >= 20  # the walk found the calls
    return found


def test_every_action_the_service_records_has_words() -> None:
    assert _recorded_actions() <= set(AUDIT_ACTIONS)


def test_the_audit_log_says_what_happened_in_words(world: World) -> None:
    dev, reviewer = Visitor(world, DEV_DINKES), Visitor(world, REVIEWER)
    sid = dev.submit("Sistem Kepegawaian", LEGACY)
    reviewer.get(f"/pengajuan/{sid}")
    reviewer.post(f"/pengajuan/{sid}/tinjau", {})
    reviewer.post(f"/pengajuan/{sid}/keputusan", {"outcome": "ditolak", "reason": "Server HTTP.", "supersedes": "0"})
    admin = Visitor(world, ADMIN)
    with world.session() as s:
        dewi = s.exec(select(User).where(User.email == DEV_DINKES)).one()
    admin.get(f"/admin/pengguna/{dewi.id}")
    change = {"nama": "Dewi Lestari", "peran": "developer", "opd": str(dewi.opd_id), "aktif": ""}
    admin.post(f"/admin/pengguna/{dewi.id}", change)  # renamed and deactivated
    with world.session() as s:
        events = s.exec(select(AuditEvent)).all()
    keys = {k for e in events for k in (e.detail or {})}
    assert keys <= set(AUDIT_KEYS), keys - set(AUDIT_KEYS)
    for lang, words in (
        ("id", ("Pengajuan baru", "Keputusan", "Ditolak", "Tinjauan dimulai", "Pengguna diubah", "Aktif  ya → tidak")),
        ("en", ("New submission", "Decision", "Rejected", "Review started", "User changed", "Active  yes → no")),
    ):
        admin.client.cookies.set("lang", lang)
        html = admin.get("/audit")
        text = _text(html)
        for expected in words:
            assert expected in text, (lang, expected)
        assert '{"' not in html and "&#34;:" not in html  # no JSON
        assert not re.search(r">\s*(submission|auth|user)\.[a-z]+\s*<", html)  # codes only in title attributes
        assert "Dewi → Dewi Lestari" in text
        assert f'href="/pengajuan/{sid}"' in html  # the submission an event is about, one click away


def test_the_upload_form_says_its_limits_before_anyone_is_refused(world: World) -> None:
    dev = Visitor(world, DEV_DINKES)
    form = _text(dev.get("/ajukan"))
    assert "Paling besar 20 MB per unggahan" in form and "3.000 berkas dan 100 MB setelah diekstrak" in form
    dev.client.cookies.set("lang", "en")
    assert "At most 20 MB per upload" in _text(dev.get("/ajukan"))


def test_an_english_page_says_default_for_the_built_in_profile(world: World) -> None:
    dev = Visitor(world, DEV_DINKES)
    sid = dev.submit("Layanan Perizinan", GOOD)
    dev.client.cookies.set("lang", "en")
    page = _text(dev.get(f"/pengajuan/{sid}"))
    assert "bawaan" not in page and "· default" in page
