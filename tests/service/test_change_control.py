"""Change control across OPDs: a provider's new version is compared with its approved one, the
review page names the catalogued applications its breaking changes reach, and approving it tells
those applications' OPDs (in-app and by e-mail), nobody else. On both databases."""

from __future__ import annotations

import re
from html import unescape

from sqlmodel import select

from gate.models import Notification, Role, User
from gate.services import mail
from gate.services.accounts import create_opd, create_user
from tests.service.conftest import DEV_DINKES, DEV_DISDIK, PASSWORD, REVIEWER, World
from tests.service.test_mail import Inbox, inbox  # noqa: F401  (the fixture)
from tests.service.test_pages import Visitor
from tests.service.test_workflow import GOOD, submit

DEV_BAPPEDA = "dev@bappeda.contohkab.go.id"
DEV_DISPERKIM = "dev@disperkim.contohkab.go.id"
_INTEGRASI = re.compile(rb"    integrasi:\n(?:      .*\n)+")


def with_integrations(document: bytes, block: str) -> bytes:
    """The example document calling what ``block`` (YAML list items, 6 spaces in) says."""
    changed, n = _INTEGRASI.subn(b"    integrasi:\n" + block.encode(), document)
    assert n == 1
    return changed


def without_statistics(document: bytes) -> bytes:
    """The example's next version: GET /statistik (statistikIzin) removed, a breaking change."""
    start, end = document.index(b"  /statistik:\n"), document.index(b"  /kesehatan:\n")
    return document[:start] + document[end:]


def approve(world: World, sid: int) -> None:
    r = world.client(REVIEWER).post(
        f"/api/v1/submissions/{sid}/decisions", json={"outcome": "disetujui", "reason": "Memenuhi aturan."}
    )
    assert r.status_code == 201, r.text


def submitted(world: World, email: str, name: str, document: bytes) -> int:
    r = submit(world.client(email), name, document)
    assert r.status_code == 201, r.text
    assert r.json()["assessment"]["verdict"] == "pass", r.json()["assessment"]
    return int(r.json()["submission"]["id"])


def _more_opds(world: World) -> None:
    with world.session() as s:
        bappeda = create_opd(s, "5.01.01", "Bappeda")
        disperkim = create_opd(s, "1.04.01", "Dinas Perumahan")
        create_user(s, DEV_BAPPEDA, "Bima", PASSWORD, Role.DEVELOPER, bappeda.id)
        create_user(s, DEV_DISPERKIM, "Putri", PASSWORD, Role.DEVELOPER, disperkim.id)
        s.commit()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _section(page: str) -> str:
    """The submission page's integration panel."""
    start = page.index('<section id="integrasi"')
    return page[start : page.index("</section>", start)]


def _told(world: World) -> dict[str, list[Notification]]:
    with world.session() as s:
        users = {u.id: u.email for u in s.exec(select(User)).all()}
        out: dict[str, list[Notification]] = {}
        for n in s.exec(select(Notification).where(Notification.kind == "integrasi")).all():
            out.setdefault(users[n.user_id], []).append(n)
        return out


def test_a_breaking_resubmission_names_its_consumers_and_their_opds_are_told(
    world: World,
    inbox: Inbox,  # noqa: F811  (the fixture imported above)
) -> None:
    _more_opds(world)
    provider_v1 = submitted(world, DEV_DINKES, "Layanan Perizinan", GOOD)
    approve(world, provider_v1)
    # Disdik calls the operation that goes away; Bappeda one that stays; Disperkim the whole app
    # (every breaking change reaches it); Disdik's second application calls nothing of it.
    statistics = with_integrations(GOOD, "      - aplikasi: layanan-perizinan\n        operasi: [statistikIzin]\n")
    approve(world, submitted(world, DEV_DISDIK, "Dasbor Pendidikan", statistics))
    kinds = with_integrations(GOOD, "      - aplikasi: layanan-perizinan\n        operasi: ['GET /jenis-izin']\n")
    approve(world, submitted(world, DEV_BAPPEDA, "Perencanaan Daerah", kinds))
    whole = with_integrations(GOOD, "      - {aplikasi: layanan-perizinan}\n")
    approve(world, submitted(world, DEV_DISPERKIM, "Perumahan Rakyat", whole))
    approve(world, submitted(world, DEV_DISDIK, "Sekolah Kita", with_integrations(GOOD, "      - sistem: SIAK\n")))

    provider_v2 = submitted(world, DEV_DINKES, "Layanan Perizinan", without_statistics(GOOD))
    assert _told(world) == {}  # nothing is said before the approval

    reviewer = Visitor(world, REVIEWER)
    page = reviewer.get(f"/pengajuan/{provider_v2}")
    section = _section(page)
    text = _text(section)
    assert "Perubahan dari versi yang disetujui" in text and f"#{1}" in text
    breaking = section[section.index("<h3>") :]
    assert "statistik" in _text(breaking)
    names = set(re.findall(r'<a href="/katalog/\d+">([^<]+)</a>', breaking))
    assert names == {"Dasbor Pendidikan", "Perumahan Rakyat"}  # not Perencanaan Daerah, not Sekolah Kita
    # The owning OPD sees the same; English says it in English.
    owner = Visitor(world, DEV_DINKES)
    assert "Dasbor Pendidikan" in owner.get(f"/pengajuan/{provider_v2}")
    owner.get("/bahasa/en?next=/", 303)
    assert "Breaking changes" in owner.get(f"/pengajuan/{provider_v2}")

    with world.session() as s:  # the earlier decisions' mail, out of the way
        mail.send_pending(s, world.settings)
    inbox.messages.clear()
    approve(world, provider_v2)
    told = _told(world)
    assert set(told) == {DEV_DISDIK, DEV_DISPERKIM}  # the consumers' OPDs, nobody else
    (disdik,) = told[DEV_DISDIK]
    assert "Dasbor Pendidikan" in disdik.text["id"] and "statistikIzin" in disdik.text["id"]
    assert "tidak ada lagi" in disdik.text["id"] and "gone" in disdik.text["en"]
    assert disdik.href.startswith("/katalog/") and disdik.email_state == "pending"
    (disperkim,) = told[DEV_DISPERKIM]
    assert "Perumahan Rakyat" in disperkim.text["en"] and "breaking" in disperkim.text["en"]
    # ...by e-mail too, once each (the provider's own decision mail goes to its OPD).
    with world.session() as s:
        mail.send_pending(s, world.settings)
    assert sorted(m["To"] for m in inbox.messages) == [DEV_DINKES, DEV_DISDIK, DEV_DISPERKIM]
    # Seeing the approval again tells nobody twice.
    with world.session() as s:
        from gate.models import Application, Submission
        from gate.services import changes

        sub = s.get(Submission, provider_v2)
        assert sub is not None
        app = s.get(Application, sub.application_id)
        assert app is not None
        assert changes.tell_consumers(s, app, sub, email=False) == 0

    # The consumer of the operation that is gone sees it on its own page, too.
    consumer = Visitor(world, DEV_DISDIK)
    pages = re.findall(r'href="/pengajuan/(\d+)"', consumer.get("/"))
    found = [_text(consumer.get(f"/pengajuan/{sid}")) for sid in pages]
    assert any("statistikIzin tidak ada di versi Layanan Perizinan yang disetujui (#2)" in p for p in found)


def test_a_compatible_version_names_nobody_and_tells_nobody(world: World) -> None:
    provider_v1 = submitted(world, DEV_DINKES, "Layanan Perizinan", GOOD)
    approve(world, provider_v1)
    whole = with_integrations(GOOD, "      - aplikasi: layanan-perizinan\n")
    approve(world, submitted(world, DEV_DISDIK, "Dasbor Pendidikan", whole))
    longer = GOOD.replace(b"version: 1.2.0", b"version: 1.3.0", 1)
    assert longer != GOOD
    provider_v2 = submitted(world, DEV_DINKES, "Layanan Perizinan", longer)
    text = _text(_section(Visitor(world, REVIEWER).get(f"/pengajuan/{provider_v2}")))
    assert "Perubahan dari versi yang disetujui" in text and "0 merusak" in text
    assert "Perubahan yang merusak" not in text and "Dasbor Pendidikan" not in text
    approve(world, provider_v2)
    assert _told(world) == {}
